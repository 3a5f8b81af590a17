"""Retention covers waiting-list entries: when a person's period has run out, the priority
note is erased and the entry re-keyed with the person's other rows (classification-driven)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.offers.models import WaitingListEntry
from tests.conftest import World
from tests.privacy.seed import seed_person
from tests.trajectories.factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_the_priority_note_goes_with_the_persons_other_data(world: World) -> None:
    with scopes_disabled():
        seeded = seed_person(world.a.tm_office, "WAIT")
        offer = OfferFactory(provider=world.a.jobcenter)
        entry = WaitingListEntry.objects.create(
            alliance=world.a.alliance,
            offer=offer,
            person=seeded.person,
            since=dt.date(2025, 1, 10),
            position=1,
            status="withdrawn",
            closed_on=dt.date(2025, 3, 1),
            priority_note="CanaryWAITnote",
            added_by_organisation=world.a.tm_office,
        )
    with time_machine.travel(dt.datetime(2029, 7, 1, 12, 0), tick=False):
        call_command("retention_run")
    with scopes_disabled():
        [after] = WaitingListEntry.objects.filter(offer=offer)
    assert after.priority_note == ""
    assert after.pk != entry.pk  # re-keyed: the old id is in the log only
    assert after.since == entry.since  # the wait itself stays for the figures
