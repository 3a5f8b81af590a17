"""The start pages and the platform's own routes (namespace `core`)."""

from django.urls import path

from teilhabe.core import export_job_views, views
from teilhabe.pages import home
from teilhabe.pages.home import worklist
from teilhabe.privacy.views import audit

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("sitzung/verlaengern/", views.session_extend, name="session_extend"),
    path("land/", views.state_home, name="state_home"),
    path("b/<slug:alliance_slug>/", home.alliance_home, name="alliance_home"),
    path(
        "b/<slug:alliance_slug>/aufgaben/<str:work_kind>/<uuid:work_item_id>/<str:work_action>/",
        worklist.worklist_action,
        name="worklist_action",
    ),
    path("b/<slug:alliance_slug>/protokoll/", audit.alliance_log, name="audit_log"),
    path(
        "b/<slug:alliance_slug>/exporte/<uuid:job_id>/",
        export_job_views.export_job,
        name="export_job",
    ),
    path(
        "b/<slug:alliance_slug>/exporte/<uuid:job_id>/datei/",
        export_job_views.export_job_file,
        name="export_job_file",
    ),
]
