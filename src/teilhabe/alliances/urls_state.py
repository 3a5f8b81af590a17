"""State-level pages under /land/ (state coordinator; the researcher reads aggregates)."""

from django.urls import path

from teilhabe.alliances.views import funding, state

app_name = "alliances_state"
urlpatterns = [
    path("initiative/", state.initiative, name="initiative"),
    path("initiative/bearbeiten/", state.programme_edit, name="programme_edit"),
    path("initiative/koerperschaften/", state.bodies, name="bodies"),
    path("beitritte/", state.declaration_list, name="declaration_list"),
    path("beitritte/neu/", state.declaration_new, name="declaration_new"),
    path("beitritte/<uuid:declaration_id>/", state.declaration_detail, name="declaration_detail"),
    path(
        "beitritte/<uuid:declaration_id>/annehmen/",
        state.declaration_accept,
        name="declaration_accept",
    ),
    path(
        "beitritte/<uuid:declaration_id>/ablehnen/",
        state.declaration_reject,
        name="declaration_reject",
    ),
    path(
        "beitritte/<uuid:declaration_id>/schreiben/",
        state.declaration_letter,
        name="declaration_letter",
    ),
    path("abdeckung/", state.coverage, name="coverage"),
    path("problemfelder/", state.problem_fields, name="problem_fields"),
    path("foerderung/", funding.overview, name="funding"),
    path("foerderung/export.xlsx", funding.export, name="funding_export"),
    path("foerderung/haushalt/", funding.budget_new, name="budget_new"),
    path("foerderung/zuweisung/", funding.allocation_new, name="allocation_new"),
    path(
        "foerderung/belege/<uuid:expenditure_id>/",
        funding.state_evidence,
        name="state_evidence",
    ),
]
