"""The trajectory page and participations of a person: …/personen/<person>/verlauf/ and
…/teilnahmen/…; namespace people:participations."""

from django.urls import path

from teilhabe.trajectories.views import findings, person, waiting

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
    path(
        "<uuid:person_id>/befunde/<uuid:finding_id>/kenntnis/",
        findings.finding_acknowledge,
        name="finding_acknowledge",
    ),
    path(
        "<uuid:person_id>/befunde/<uuid:finding_id>/bewerten/",
        findings.finding_assess,
        name="finding_assess",
    ),
    path(
        "<uuid:person_id>/befunde/<uuid:finding_id>/abschliessen/",
        findings.finding_close,
        name="finding_close",
    ),
    path("<uuid:person_id>/warteliste/neu/", waiting.waiting_list_add, name="waiting_add"),
    path(
        "<uuid:person_id>/warteliste/<uuid:entry_id>/zurueckziehen/",
        waiting.waiting_list_withdraw,
        name="waiting_withdraw",
    ),
]
