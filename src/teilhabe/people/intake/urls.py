"""Intake, master data, residence status and profile (namespace people:intake)."""

from django.urls import path

from teilhabe.people.intake import views

app_name = "intake"
urlpatterns = [
    path("aufnahme/", views.intake, name="create"),
    path("aufnahme/eignung/", views.eligibility_check, name="eligibility"),
    path("aufnahme/sprache/", views.language_row, name="language_row"),
    path("<uuid:person_id>/stammdaten/", views.person_edit, name="edit"),
    path("<uuid:person_id>/aufenthalt/neu/", views.status_add, name="status_add"),
    path("aufenthalt/<uuid:status_entry_id>/", views.status_edit, name="status_edit"),
    path(
        "aufenthalt/<uuid:status_entry_id>/loeschen/",
        views.status_delete,
        name="status_delete",
    ),
    path("<uuid:person_id>/profil/", views.profile_edit, name="profile_edit"),
    path("<uuid:person_id>/zeugnisse/neu/", views.certificate_add, name="certificate_add"),
    path("zeugnisse/<uuid:certificate_id>/", views.certificate_edit, name="certificate_edit"),
    path(
        "zeugnisse/<uuid:certificate_id>/loeschen/",
        views.certificate_delete,
        name="certificate_delete",
    ),
    path("<uuid:person_id>/erfahrung/neu/", views.experience_add, name="experience_add"),
    path("erfahrung/<uuid:experience_id>/", views.experience_edit, name="experience_edit"),
    path(
        "erfahrung/<uuid:experience_id>/loeschen/",
        views.experience_delete,
        name="experience_delete",
    ),
]
