"""Owned persons are `persons_for` narrowed to the owning organisation: a restricted or
anonymised person leaves every case-manager surface built on them (start page follow-ups,
the person export, import matching), exactly as their page answers 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import FollowUp
from teilhabe.core.roles import Principal
from teilhabe.people.access import owned_persons
from teilhabe.people.models import Person, ResidenceStatusEntry
from teilhabe.trajectories.models import Participation
from teilhabe.transfer.models import ImportJob
from tests import factories as f
from tests.conftest import World
from tests.transfer import files
from tests.transfer.helpers import last_job, map_and_check, upload

pytestmark = pytest.mark.django_db


def _hidden_person_with_due_followup(world: World, **hidden: Any) -> Person:
    today = timezone.localdate()
    with scopes_disabled():
        person = f.PersonFactory(
            owner=world.a.tm_office, given_name="Verborgen", family_name="Eingeschraenkt"
        )
        case = f.CaseFactory(person=person)
        entry = ResidenceStatusEntry.objects.create(
            alliance=world.a.alliance,
            person=person,
            status="gestattung",
            valid_from=today - dt.timedelta(days=300),
            valid_until=today + dt.timedelta(days=10),
        )
        for reason, status_entry in (
            (FollowUp.Reason.STATUS_EXPIRY, entry),
            (FollowUp.Reason.CLOSURE_CHECK, None),
        ):
            FollowUp.objects.create(
                alliance=world.a.alliance,
                case=case,
                reason=reason,
                status_entry=status_entry,
                due_on=today - dt.timedelta(days=1),
            )
        Person.objects.filter(pk=person.pk).update(**hidden)
    return person


@pytest.mark.parametrize(
    "hidden",
    [
        {"restricted": True, "restricted_since": dt.date(2026, 1, 1)},
        {"anonymised_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
    ],
    ids=["restricted", "anonymised"],
)
def test_a_restricted_or_anonymised_persons_name_is_not_on_the_start_page(
    world: World, login: Any, hidden: dict[str, Any]
) -> None:
    person = _hidden_person_with_due_followup(world, **hidden)
    client = login("cm_a")
    slug = world.a.alliance.slug
    assert client.get(reverse("people:detail", args=[slug, person.pk])).status_code == 404
    body = client.get(reverse("core:alliance_home", args=[slug])).content.decode()
    assert "Verborgen" not in body and "Eingeschraenkt" not in body


def test_owned_persons_are_the_visible_persons_of_the_own_organisation(world: World) -> None:
    hidden = _hidden_person_with_due_followup(world, restricted=True)
    with scope(alliance=world.a.alliance):
        cm = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
        partner = Principal.for_alliance(world.users["partner_a"], world.a.alliance)
        owned = set(owned_persons(cm).values_list("pk", flat=True))
        assert world.a.person.pk in owned and hidden.pk not in owned
        assert world.person_a_jmd.pk not in owned  # another organisation's case management
        # The partner reads person A through a consent but owns nobody.
        assert not owned_persons(partner).exists()


def test_an_import_does_not_match_a_restricted_person(world: World, login: Any) -> None:
    person = _hidden_person_with_due_followup(world, restricted=True)
    header = ["Personen-ID", "Vorname", "Nachname", "Geburtsdatum", "Maßnahme", "Träger",
              "Kategorie", "Beginn", "Ende", "Ergebnis", "Niveau"]  # fmt: skip
    rows = [
        [str(person.pk), None, None, None, "Nähkurs", "VHS", "Mentoring",
         dt.date(2025, 1, 6), None, None, None],
        [None, person.given_name, person.family_name, person.date_of_birth, "Nähkurs", "VHS",
         "Mentoring", dt.date(2025, 1, 6), None, None, None],
    ]  # fmt: skip
    client = login("cm_a")
    upload(client, world, files.xlsx(header, rows), kind="participations")
    job = map_and_check(client, world, last_job())
    assert job.status != ImportJob.Status.VALID
    assert [e["row"] for e in job.errors] == [2, 3]
    with scopes_disabled():
        assert not Participation.objects.filter(person=person).exists()
