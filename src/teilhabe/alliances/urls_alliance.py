"""Alliance-level pages under /b/<alliance_slug>/buendnis/ (scoped by the middleware)."""

from django.urls import path

from teilhabe.alliances.views import alliance, funding, knowledge, staff, workshops

app_name = "alliances"
urlpatterns = [
    path("", alliance.overview, name="overview"),
    path("partner/neu/", alliance.partner_new, name="partner_new"),
    path("partner/<uuid:organisation_id>/", alliance.partner_edit, name="partner_edit"),
    path(
        "partner/<uuid:organisation_id>/mitarbeitende/",
        staff.partner_staff,
        name="partner_staff",
    ),
    path("kerngruppe/neu/", alliance.core_member_new, name="core_member_new"),
    path(
        "kerngruppe/<uuid:member_id>/entfernen/",
        alliance.core_member_remove,
        name="core_member_remove",
    ),
    path("stellen/neu/", alliance.post_new, name="post_new"),
    path("stellen/<uuid:post_id>/", alliance.post_edit, name="post_edit"),
    path("handlungsfelder/", alliance.fields, name="fields"),
    path("handlungsfelder/neu/", alliance.field_new, name="field_new"),
    path("werkstaetten/", workshops.workshop_list, name="workshop_list"),
    path("werkstaetten/neu/", workshops.workshop_new, name="workshop_new"),
    path("werkstaetten/<uuid:workshop_id>/", workshops.workshop_detail, name="workshop_detail"),
    path(
        "werkstaetten/<uuid:workshop_id>/bearbeiten/",
        workshops.workshop_edit,
        name="workshop_edit",
    ),
    path(
        "werkstaetten/<uuid:workshop_id>/protokoll/",
        workshops.workshop_minutes,
        name="workshop_minutes",
    ),
    path(
        "werkstaetten/<uuid:workshop_id>/probleme/neu/",
        workshops.problem_new,
        name="problem_new",
    ),
    path("schwerpunkte/", workshops.priority_board, name="priority_board"),
    path("schwerpunkte/neu/", workshops.priority_new, name="priority_new"),
    path("schwerpunkte/<uuid:priority_id>/", workshops.priority_edit, name="priority_edit"),
    path("anlaufstellen/", knowledge.contact_list, name="contact_list"),
    path("anlaufstellen/neu/", knowledge.contact_new, name="contact_new"),
    path("anlaufstellen/<uuid:contact_id>/", knowledge.contact_edit, name="contact_edit"),
    path("wissen/", knowledge.article_list, name="article_list"),
    path("wissen/neu/", knowledge.article_new, name="article_new"),
    path("wissen/<uuid:article_id>/", knowledge.article_detail, name="article_detail"),
    path("wissen/<uuid:article_id>/bearbeiten/", knowledge.article_edit, name="article_edit"),
    path("foerderung/", funding.alliance_funding, name="funding"),
    path("foerderung/ausgaben/neu/", funding.expenditure_new, name="expenditure_new"),
    path(
        "foerderung/ausgaben/<uuid:expenditure_id>/beleg/",
        funding.alliance_evidence,
        name="alliance_evidence",
    ),
]
