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
]
