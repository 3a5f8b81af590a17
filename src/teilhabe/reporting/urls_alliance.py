"""Alliance reporting under /b/<alliance_slug>/auswertung/ (scoped by the middleware)."""

from django.urls import path

from teilhabe.reporting import views

app_name = "reporting_alliance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("berichte/", views.alliance_reports, name="reports"),
    path("berichte/<uuid:report_id>/", views.alliance_report, name="report"),
    path(
        "berichte/<uuid:report_id>/bericht.pdf",
        views.alliance_report_file,
        {"fmt": "pdf"},
        name="report_pdf",
    ),
    path(
        "berichte/<uuid:report_id>/bericht.xlsx",
        views.alliance_report_file,
        {"fmt": "xlsx"},
        name="report_xlsx",
    ),
]
