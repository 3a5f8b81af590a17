from django.urls import path

from teilhabe.transfer import views

app_name = "transfer"
urlpatterns = [
    path("", views.job_list_view, name="job_list"),
    path("import/neu/", views.upload_view, name="upload"),
    path("import/vorlage/", views.template_view, name="template"),
    path("import/<uuid:import_job_id>/", views.job_view, name="job"),
    path("import/<uuid:import_job_id>/fortschritt/", views.job_progress_view, name="progress"),
    path("import/<uuid:import_job_id>/importieren/", views.job_commit_view, name="commit"),
    path("import/<uuid:import_job_id>/fehlerbericht/", views.error_report_view, name="errors"),
]
