from django.urls import path

from teilhabe.transfer import views

app_name = "transfer"
urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("import/neu/", views.job_create, name="upload"),
    path("import/vorlage/", views.import_template, name="template"),
    path("import/<uuid:import_job_id>/", views.job_detail, name="job"),
    path("import/<uuid:import_job_id>/fortschritt/", views.job_progress, name="progress"),
    path("import/<uuid:import_job_id>/importieren/", views.job_commit, name="commit"),
    path("import/<uuid:import_job_id>/fehlerbericht/", views.error_report, name="errors"),
    path("import/<uuid:import_job_id>/korrigieren/", views.job_correct, name="correct"),
    path("import/<uuid:import_job_id>/rest/", views.rest_download, name="rest"),
    path("import/<uuid:import_job_id>/rest/neu/", views.rest_import, name="rest_import"),
]
