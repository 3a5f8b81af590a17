"""The trajectory page and participations of a person: …/personen/<person>/verlauf/ and
…/teilnahmen/…; namespace people:participations."""

from django.urls import path

from teilhabe.trajectories import views_person as views

app_name = "participations"
urlpatterns = [
    path("<uuid:person_id>/verlauf/", views.trajectory, name="trajectory"),
    path("<uuid:person_id>/teilnahmen/neu/", views.participation_create, name="create"),
    path(
        "<uuid:person_id>/teilnahmen/<uuid:participation_id>/",
        views.participation_edit,
        name="edit",
    ),
    path(
        "<uuid:person_id>/teilnahmen/<uuid:participation_id>/entfernen/",
        views.participation_delete,
        name="delete",
    ),
]
