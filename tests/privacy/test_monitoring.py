"""The unusual-access rule: many distinct persons opened by one user in the last 7 days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.privacy.monitoring import CEILING, MIN_READS, is_unusual, unusual_access
from tests import factories as f
from tests.conftest import World
from tests.pages.home import data


def test_more_than_the_ceiling_is_unusual_whatever_the_median() -> None:
    assert is_unusual(CEILING + 1, median=CEILING)
    assert not is_unusual(CEILING, median=CEILING)


def test_three_times_the_median_is_unusual_only_above_the_minimum() -> None:
    assert is_unusual(MIN_READS, median=MIN_READS / 3 - 1)
    assert not is_unusual(MIN_READS - 1, median=1)  # few reads against a tiny median
    assert not is_unusual(30, median=10)  # exactly three times: not more


@pytest.mark.django_db
def test_one_user_reading_many_persons_among_colleagues_reading_few_is_flagged(
    world: World,
) -> None:
    a = world.a
    with scopes_disabled():
        persons = [f.PersonFactory(owner=a.tm_office) for _ in range(MIN_READS)]
        data.person_reads(world.users["cm_a"], a, persons)
        # The same person read again counts once.
        data.person_reads(world.users["cm_a"], a, persons[:5])
        colleagues = [f.UserFactory() for _ in range(4)]
        for user in colleagues:
            data.person_reads(user, a, persons[:2])
    with scope(alliance=a.alliance):
        result = unusual_access([a.tm_office])
    assert result.median == 2
    assert [(r.user_id, r.persons) for r in result.readers] == [(world.users["cm_a"].pk, MIN_READS)]


@pytest.mark.django_db
def test_reads_of_other_organisations_and_older_reads_are_not_counted(world: World) -> None:
    b = world.b
    with scopes_disabled():
        persons = [f.PersonFactory(owner=b.tm_office) for _ in range(CEILING + 1)]
        data.person_reads(world.users["cm_b"], b, persons)
    with scopes_disabled():
        assert unusual_access([world.a.tm_office]).readers == []
        assert len(unusual_access([b.tm_office]).readers) == 1
        later = timezone.now() + dt.timedelta(days=8)
        assert unusual_access([b.tm_office], now=later).readers == []


@pytest.mark.django_db
def test_other_actions_than_reading_a_person_do_not_count(world: World) -> None:
    a = world.a
    with scopes_disabled():
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor=world.users["cm_a"],
                alliance=a.alliance,
                organisation=a.tm_office,
                action=AuditEvent.Action.UPDATE,
                object_type="people.person",
                object_id=f.PersonFactory(owner=a.tm_office).pk,
            )
            for _ in range(CEILING + 1)
        )
        assert unusual_access([a.tm_office]).readers == []
