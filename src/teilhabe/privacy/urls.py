"""Data protection: /b/<alliance>/datenschutz/ (namespace "privacy")."""

from django.urls import path

from teilhabe.privacy import views, views_person

app_name = "privacy"
urlpatterns = [
    path("", views.home, name="home"),
    path("protokoll/", views.log, name="log"),
    path("aufbewahrung/", views.retention, name="retention"),
    path("aufbewahrung/starten/", views.retention_start, name="retention_start"),
    path("aufbewahrung/regeln/<uuid:rule_id>/", views.rule_edit, name="rule_edit"),
    path("aufbewahrung/laeufe/<uuid:run_id>/", views.run_detail, name="run_detail"),
    path("einschraenkungen/", views.restrictions, name="restrictions"),
    path(
        "einschraenkungen/<uuid:restriction_id>/entscheiden/",
        views.restriction_decide,
        name="restriction_decide",
    ),
    path(
        "einschraenkungen/<uuid:restriction_id>/aufheben/",
        views.restriction_lift,
        name="restriction_lift",
    ),
    path("verzeichnis.md", views.art30_markdown, name="art30_markdown"),
    path("verzeichnis.pdf", views.art30_pdf, name="art30_pdf"),
    path("personen/", views.persons, name="persons"),
    path("personen/<uuid:person_id>/", views_person.person, name="person"),
    path("personen/<uuid:person_id>/auskunft.json", views_person.art15_json, name="art15_json"),
    path("personen/<uuid:person_id>/auskunft.pdf", views_person.art15_pdf, name="art15_pdf"),
    path(
        "personen/<uuid:person_id>/einschraenkung/",
        views_person.restriction_request,
        name="restriction_request",
    ),
    path(
        "personen/<uuid:person_id>/bildungspass.pdf",
        views_person.bildungspass_pdf,
        name="bildungspass_pdf",
    ),
]
