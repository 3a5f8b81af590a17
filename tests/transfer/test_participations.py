"""Importing participation lists through the participation service of the trajectories app."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django_scopes import scopes_disabled

from teilhabe.trajectories.models import Participation
from teilhabe.transfer.models import ImportJob
from tests.conftest import World
from tests.trajectories.factories import OfferFactory
from tests.transfer import files
from tests.transfer.helpers import commit, last_job, map_and_check, upload

pytestmark = pytest.mark.django_db
HEADER = ["Personen-ID", "Vorname", "Nachname", "Geburtsdatum", "Maßnahme", "Träger",
          "Kategorie", "Beginn", "Ende", "Ergebnis", "Niveau"]  # fmt: skip


def test_participations_are_matched_by_id_or_by_name_and_date_of_birth(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jmd, title="Deutsch B1 Abendkurs")
        person = world.a.person
    rows = [
        [str(person.pk), None, None, None, "Deutsch B1 Abendkurs", None, None,
         dt.date(2025, 1, 6), dt.date(2025, 6, 30), "abgeschlossen", "B1"],
        [None, person.given_name, person.family_name, person.date_of_birth, "Nähkurs", "VHS",
         "Berufsorientierung", dt.date(2025, 8, 1), None, None, None],
    ]  # fmt: skip
    client = login("cm_a")
    upload(client, world, files.xlsx(HEADER, rows), kind="participations")
    job = map_and_check(client, world, last_job())
    assert job.status == ImportJob.Status.VALID, job.errors
    assert commit(client, world, job).status == ImportJob.Status.COMMITTED
    with scopes_disabled():
        linked, external = Participation.objects.filter(person=person).order_by("start")
    assert linked.offer_id == offer.pk and linked.level_reached == "B1"
    assert external.external_title == "Nähkurs" and external.category == "vocational_orientation"
    assert external.outcome == "ongoing"


def test_participations_of_persons_of_another_organisation_are_row_errors(
    world: World, login: Any
) -> None:
    other = world.person_a_jmd  # owned by the JMD, not by cm_a's organisation
    rows = [
        [str(other.pk), None, None, None, "Nähkurs", "VHS", "Mentoring",
         dt.date(2025, 1, 6), None, None, None],
        [None, "Niemand", "Unbekannt", dt.date(2001, 1, 1), "Nähkurs", "VHS", "Mentoring",
         dt.date(2025, 1, 6), None, None, None],
        [str(world.a.person.pk), None, None, None, "Nähkurs", "VHS", "Mentoring",
         dt.date(2025, 6, 1), dt.date(2025, 1, 1), "abgebrochen", None],
    ]  # fmt: skip
    client = login("cm_a")
    upload(client, world, files.xlsx(HEADER, rows), kind="participations")
    job = map_and_check(client, world, last_job())
    assert [(e["row"], e["field"]) for e in job.errors] == [
        (2, "person_id"),
        (3, "family_name"),
        (4, "end"),
    ]
    assert job.errors[0]["message"].startswith("Keine Person Ihrer Organisation passt")
    with scopes_disabled():
        assert not Participation.objects.exists()
