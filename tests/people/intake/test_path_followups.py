"""The nightly path-deadline follow-ups: ahead of the date, one per (path, entry)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django_scopes import scopes_disabled

from teilhabe.casework.models import FollowUp
from teilhabe.people.intake.path_followups import path_followups_create_due
from teilhabe.people.models import ResidenceStatusEntry
from tests.conftest import World

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


def opportunity(world: World, valid_from: dt.date) -> Any:
    with scopes_disabled():
        return ResidenceStatusEntry.objects.create(
            alliance=world.a.alliance, person=world.a.person, status="p104c", valid_from=valid_from
        )


def path_followups(world: World) -> list[FollowUp]:
    with scopes_disabled():
        return list(FollowUp.objects.filter(case__person=world.a.person, reason="path_deadline"))


def lead(settings: Any, days: int) -> None:
    settings.TEILHABE = {**settings.TEILHABE, "PATH_DEADLINE_LEAD_DAYS": days}


def test_a_follow_up_comes_lead_days_before_the_18_months_end_and_only_once(
    world: World, settings: Any
) -> None:
    lead(settings, 90)
    entry = opportunity(world, dt.date(2025, 1, 15))  # closes 15.07.2026
    assert path_followups_create_due(today=TODAY)[0] >= 1
    [followup] = path_followups(world)
    assert followup.source == f"path:p104c:{entry.pk}"
    assert followup.due_on == TODAY  # 90 days before lies in the past: due today
    assert path_followups_create_due(today=TODAY)[0] == 0
    assert len(path_followups(world)) == 1


def test_no_follow_up_while_the_deadline_lies_beyond_the_lead(world: World, settings: Any) -> None:
    lead(settings, 30)
    opportunity(world, dt.date(2025, 6, 1))  # closes 01.12.2026
    path_followups_create_due(today=TODAY)
    assert path_followups(world) == []
    path_followups_create_due(today=dt.date(2026, 11, 2))
    [followup] = path_followups(world)
    assert followup.due_on == dt.date(2026, 11, 2)  # 30 days before 01.12. was yesterday
