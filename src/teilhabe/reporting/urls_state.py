"""Statewide reporting under /land/auswertung/ (state coordinator; researcher reads)."""

from django.urls import path

from teilhabe.reporting import views

app_name = "reporting_state"
urlpatterns = [
    path("", views.state_monitoring, name="monitoring"),
    path("altersanteil/", views.age_share, name="age_share"),
    path("berichte/", views.state_reports, name="reports"),
    path("berichte/<uuid:state_report_id>/", views.state_report, name="report"),
    path(
        "berichte/<uuid:state_report_id>/bericht.pdf",
        views.state_report_file,
        {"fmt": "pdf"},
        name="report_pdf",
    ),
    path(
        "berichte/<uuid:state_report_id>/bericht.xlsx",
        views.state_report_file,
        {"fmt": "xlsx"},
        name="report_xlsx",
    ),
]
