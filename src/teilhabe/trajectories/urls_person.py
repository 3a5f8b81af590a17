"""The trajectory page and participations of a person: …/personen/<person>/verlauf/ and
…/teilnahmen/…; namespace people:participations."""

from django.urls import path

from teilhabe.trajectories.views import person

app_name = "participations"
urlpatterns = [
    path("<uuid:person_id>/verlauf/", person.trajectory, name="trajectory"),
    path("<uuid:person_id>/teilnahmen/neu/", person.participation_create, name="create"),
    path(
        "<uuid:person_id>/teilnahmen/<uuid:participation_id>/",
        person.participation_edit,
        name="edit",
    ),
    path(
        "<uuid:person_id>/teilnahmen/<uuid:participation_id>/entfernen/",
        person.participation_delete,
        name="delete",
    ),
]
