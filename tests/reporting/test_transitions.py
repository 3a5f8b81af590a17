"""The transitions indicator, set-based, against the per-person EXISTS formulation it
replaced, on a seeded mixed dataset: two alliances, several organisations, transitions by
participation and by closure, inside and outside the period, persons outside the base."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.db.models import Count, Exists, OuterRef, Q
from django_scopes import scopes_disabled

from teilhabe.casework.models import Case
from teilhabe.reporting.selectors import TRANSITION_KINDS, Filters, base_persons, transitions
from teilhabe.trajectories.models import Participation
from tests import factories as f
from tests.conftest import World

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
KINDS = [k for k, _label in TRANSITION_KINDS]


def reference(ids: list[Any], flt: Filters) -> dict[Any, dict[str, int]]:
    """The former formulation: two correlated EXISTS per person and kind."""
    aggregates = {}
    for kind in KINDS:
        via_participation = Participation.objects.filter(
            person_id=OuterRef("pk"), transition=kind, end__gte=flt.start, end__lte=flt.end
        )
        via_closure = Case.objects.filter(
            person_id=OuterRef("pk"),
            closure_reason=kind,
            closed_on__gte=flt.start,
            closed_on__lte=flt.end,
        )
        aggregates[kind] = Count("pk", filter=Q(Exists(via_participation)) | Q(Exists(via_closure)))
    rows: Any = base_persons(ids, flt).values("alliance_id").annotate(**aggregates).order_by()
    return {r["alliance_id"]: {k: r[k] for k in KINDS} for r in rows}


def seed(world: World, rng: random.Random, persons: int) -> None:
    days = (END - START).days
    owners = [world.a.tm_office, world.a.jmd, world.b.tm_office, world.b.jmd]

    def day() -> dt.date:  # inside the period, or up to 100 days either side of it
        return START + dt.timedelta(days=rng.randint(-100, days + 100))

    for _ in range(persons):
        owner = rng.choice(owners)
        person = f.PersonFactory(owner=owner)
        for _case in range(rng.randint(0, 2)):  # no case: outside the base
            opened = day()
            closed = rng.choice([None, opened + dt.timedelta(days=rng.randint(0, 200))])
            f.CaseFactory(
                person=person,
                organisation=rng.choice([owner, owners[0]]),
                opened_on=opened,
                status=Case.Status.OPEN if closed is None else Case.Status.CLOSED,
                closed_on=closed,
                closure_reason=rng.choice([*KINDS, "moved_away", ""]) if closed else "",
            )
        for _participation in range(rng.randint(0, 3)):
            start = day()
            end = rng.choice([None, start + dt.timedelta(days=rng.randint(0, 150))])
            Participation.objects.create(
                alliance=person.alliance,
                person=person,
                category="language_course",
                external_title="Kurs",
                start=start,
                end=end,
                outcome="ongoing" if end is None else rng.choice(["completed", "aborted"]),
                transition=rng.choice([*KINDS, "", ""]) if end else "",
                recorded_by_organisation=owner,
            )


@pytest.mark.parametrize("seed_value", [1, 2])
def test_the_set_based_transitions_match_the_per_person_exists(
    world: World, seed_value: int
) -> None:
    rng = random.Random(seed_value)
    with scopes_disabled():
        seed(world, rng, 120)
        ids = [world.a.alliance.pk, world.b.alliance.pk]
        for flt in (
            Filters(START, END),
            Filters(START, START + dt.timedelta(days=90)),
            Filters(START, END, world.a.jmd.pk),
        ):
            expected = reference(ids, flt)
            got = transitions(ids, flt).counts
            assert got == expected
            for alliance_id in ids:  # one alliance alone: the same row
                alone = transitions([alliance_id], flt).counts
                assert alone.get(alliance_id) == got.get(alliance_id)
        assert sum(sum(c.values()) for c in expected.values()) > 0  # the data has transitions
