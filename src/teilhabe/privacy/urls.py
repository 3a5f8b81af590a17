"""Data protection: /b/<alliance>/datenschutz/ (namespace "privacy")."""

from django.urls import path

from teilhabe.privacy.views import audit, person, records

app_name = "privacy"
urlpatterns = [
    path("", records.home, name="home"),
    path("protokoll/", audit.dpo_log, name="log"),
    path("aufbewahrung/", records.retention, name="retention"),
    path("aufbewahrung/starten/", records.retention_start, name="retention_start"),
    path("aufbewahrung/regeln/<uuid:rule_id>/", records.rule_edit, name="rule_edit"),
    path("aufbewahrung/laeufe/<uuid:run_id>/", records.run_detail, name="run_detail"),
    path("einschraenkungen/", records.restrictions, name="restrictions"),
    path(
        "einschraenkungen/<uuid:restriction_id>/entscheiden/",
        records.restriction_decide,
        name="restriction_decide",
    ),
    path(
        "einschraenkungen/<uuid:restriction_id>/aufheben/",
        records.restriction_lift,
        name="restriction_lift",
    ),
    path("verzeichnis.md", records.art30_markdown, name="art30_markdown"),
    path("verzeichnis.pdf", records.art30_pdf, name="art30_pdf"),
    path("personen/", records.persons, name="persons"),
    path("personen/<uuid:person_id>/", person.person, name="person"),
    path("personen/<uuid:person_id>/zugriffe/", audit.person_accesses, name="person_accesses"),
    path("personen/<uuid:person_id>/auskunft.json", person.art15_json, name="art15_json"),
    path("personen/<uuid:person_id>/auskunft.pdf", person.art15_pdf, name="art15_pdf"),
    path(
        "personen/<uuid:person_id>/einschraenkung/",
        person.restriction_request,
        name="restriction_request",
    ),
    path(
        "personen/<uuid:person_id>/bildungspass.pdf",
        person.bildungspass_pdf,
        name="bildungspass_pdf",
    ),
]
