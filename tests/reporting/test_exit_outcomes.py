"""The monitoring counts the recorded outcome after exit: training or work found within 6
months of the closure is a transition; a recorded outcome replaces the closure reason's
guess; the key figure and the transitions table agree and keep their query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from teilhabe.casework.models import Case, ExitOutcome
from teilhabe.reporting import periods
from teilhabe.reporting.key_figures import key_figures
from teilhabe.reporting.selectors import Filters, indicators
from tests import factories as f
from tests.conftest import World

pytestmark = pytest.mark.django_db
QUARTER = Filters(*periods.quarter(2026, 2))
CLOSED = dt.date(2026, 4, 10)


def closed_case(world: World, reason: str) -> Case:
    with scopes_disabled():
        case = f.CaseFactory(person=f.PersonFactory(owner=world.a.tm_office))
        Case.objects.filter(pk=case.pk).update(
            status="closed", closed_on=CLOSED, closure_reason=reason
        )
        case.refresh_from_db()
    return case


def outcome(case: Case, situation: str, after_days: int) -> None:
    with scopes_disabled():
        ExitOutcome.objects.create(
            alliance=case.alliance,
            case=case,
            situation=situation,
            found_on=CLOSED + dt.timedelta(days=after_days),
        )


def moved(world: World) -> dict[str, int]:
    [table] = [i for i in indicators([world.a.alliance.pk], QUARTER) if i.key == "transitions"]
    counts = table.counts.get(world.a.alliance.pk, {})
    return {k: counts.get(k, 0) for k in ("vocational_training", "employment")}


def into_work(world: World) -> float | None:
    figures = key_figures(world.a.alliance, QUARTER, suppressed=False)
    return {k.key: k for k in figures}["into_work"].value


def test_the_recorded_outcome_replaces_the_closure_reason_in_the_monitoring(
    world: World,
) -> None:
    employed = [closed_case(world, "employment") for _ in range(4)]
    moved_away = closed_case(world, "moved_away")
    assert moved(world) == {"vocational_training": 0, "employment": 4}
    share_before = into_work(world)

    outcome(employed[0], "nothing", 180)  # the job did not last: no transition
    outcome(employed[1], "unknown", 180)  # not reached: no longer counted as work
    outcome(employed[2], "employment", 183)  # confirmed within 6 months
    outcome(moved_away, "vocational_training", 90)  # found in training after moving
    # employed[3]: no outcome recorded yet, the closure reason still counts.
    assert moved(world) == {"vocational_training": 1, "employment": 2}
    share_after = into_work(world)
    assert share_before is not None and share_after is not None
    assert share_after == pytest.approx(share_before * 3 / 4, abs=0.1)

    # Found too late (after 6 months): recorded, so the reason no longer counts either.
    outcome(employed[3], "employment", 200)
    assert moved(world) == {"vocational_training": 1, "employment": 1}


def test_the_key_figures_keep_their_queries_with_outcomes(world: World) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            key_figures(world.a.alliance, QUARTER)
        return len(ctx.captured_queries)

    few = queries()
    for i in range(12):
        outcome(closed_case(world, "employment"), ("employment", "nothing")[i % 2], 100)
    assert queries() == few == 1 + 6 + 1  # stored counts, a query per period, referrals
