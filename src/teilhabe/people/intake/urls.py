"""Intake, master data, residence status and profile (namespace people:intake)."""

from django.urls import path

from teilhabe.people.intake.views import entries, permits, taking_in

app_name = "intake"
urlpatterns = [
    path("aufnahme/", taking_in.intake, name="create"),
    path("aufnahme/eignung/", taking_in.eligibility_check, name="eligibility"),
    path("aufnahme/sprache/", taking_in.language_row, name="language_row"),
    path("<uuid:person_id>/stammdaten/", entries.person_edit, name="edit"),
    path("<uuid:person_id>/aufenthalt/neu/", entries.status_add, name="status_add"),
    path("aufenthalt/<uuid:status_entry_id>/", entries.status_edit, name="status_edit"),
    path(
        "aufenthalt/<uuid:status_entry_id>/loeschen/",
        entries.status_delete,
        name="status_delete",
    ),
    path(
        "<uuid:person_id>/beschaeftigungserlaubnis/neu/",
        permits.work_permission_add,
        name="work_permission_add",
    ),
    path(
        "beschaeftigungserlaubnis/<uuid:work_permission_id>/widerrufen/",
        permits.work_permission_withdraw_page,
        name="work_permission_withdraw",
    ),
    path("<uuid:person_id>/profil/", entries.profile_edit, name="profile_edit"),
    path("<uuid:person_id>/zeugnisse/neu/", entries.certificate_add, name="certificate_add"),
    path("zeugnisse/<uuid:certificate_id>/", entries.certificate_edit, name="certificate_edit"),
    path(
        "zeugnisse/<uuid:certificate_id>/loeschen/",
        entries.certificate_delete,
        name="certificate_delete",
    ),
    path("<uuid:person_id>/erfahrung/neu/", entries.experience_add, name="experience_add"),
    path("erfahrung/<uuid:experience_id>/", entries.experience_edit, name="experience_edit"),
    path(
        "erfahrung/<uuid:experience_id>/loeschen/",
        entries.experience_delete,
        name="experience_delete",
    ),
]
