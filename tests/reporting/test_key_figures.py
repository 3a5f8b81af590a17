"""The key figures: the totals of the indicators for the period and the periods before,
published as the tables publish them, in a number of queries that does not grow with the
persons."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from teilhabe.casework.models import Case
from teilhabe.core.suppression import MARK
from teilhabe.reporting import periods
from teilhabe.reporting.key_figures import KeyFigure, key_figures
from teilhabe.reporting.selectors import Filters, indicators, opened_in
from teilhabe.reporting.tables import alliance_tables
from teilhabe.trajectories.models import Finding, Participation
from tests import factories as f
from tests.conftest import World
from tests.reporting.data import END, START, build

pytestmark = pytest.mark.django_db
QUARTER = periods.quarter(2026, 2)


def _history(world: World, persons: int = 12) -> None:
    """Persons taken in over two years, some closed, some with a transition or a finding."""
    a = world.a
    with scopes_disabled():
        for i in range(persons):
            p = f.PersonFactory(owner=a.tm_office if i % 3 else a.jmd, sex="male")
            opened = dt.date(2024, 1, 10) + dt.timedelta(days=61 * i)
            case = f.CaseFactory(person=p, opened_on=opened)
            if i % 4 == 0:
                closed = opened + dt.timedelta(days=200)
                reason = "employment" if i % 8 == 0 else "vocational_training"
                Case.objects.filter(pk=case.pk).update(
                    status="closed", closed_on=closed, closure_reason=reason
                )
            if i % 5 == 1:
                Participation.objects.create(
                    alliance=a.alliance,
                    person=p,
                    external_title="Einstiegsqualifizierung",
                    category="language_course",
                    start=opened,
                    end=opened + dt.timedelta(days=90),
                    outcome="completed",
                    transition="employment",
                    recorded_by_organisation=a.tm_office,
                )
            if i % 3 == 0:
                Finding.objects.create(
                    alliance=a.alliance, person=p, rule="MK1", explanation="x", detected_on=opened
                )


def _by_key(figures: list[KeyFigure]) -> dict[str, KeyFigure]:
    return {k.key: k for k in figures}


def _expected(world: World, start: dt.date, end: dt.date, org: Any = None) -> dict[str, Any]:
    """The same figures read off the indicator selectors, one period at a time."""
    period = Filters(start, end, org.pk if org else None)
    ids = [world.a.alliance.pk]
    by_key = {i.key: i for i in indicators(ids, period)}
    persons = sum(by_key["status"].row(ids[0]))
    moved = sum(by_key["transitions"].counts.get(ids[0], {}).get(k, 0)
                for k in ("vocational_training", "employment"))  # fmt: skip
    with scopes_disabled():
        cases = Case.objects.filter(opened_in(period), alliance_id__in=ids)
        if org:
            cases = cases.filter(organisation=org)
        intakes = cases.values("person_id").distinct().count()
    return {
        "persons": persons,
        "intakes": intakes,
        "into_work": round(100 * moved / persons, 1) if persons else None,
        "careers": by_key["careers"].counts.get(ids[0], {}).get("flagged", 0),
        "referrals": sum(by_key["referrals"].row(ids[0])),
    }


@pytest.mark.parametrize("organisation", [None, "tm_office"])
def test_every_period_of_the_trend_equals_the_indicator_selectors(
    world: World, organisation: str | None
) -> None:
    build(world)
    _history(world)
    org = getattr(world.a, organisation) if organisation else None
    period = Filters(*QUARTER, org.pk if org else None)
    figures = _by_key(key_figures(world.a.alliance, period, suppressed=False))
    spans = periods.trend(*QUARTER, 6)
    assert [label for label, _v in figures["persons"].trend] == [
        "1. Quartal 2025", "2. Quartal 2025", "3. Quartal 2025", "4. Quartal 2025",
        "1. Quartal 2026", "2. Quartal 2026",
    ]  # fmt: skip
    for i, (start, end) in enumerate(spans):
        expected = _expected(world, start, end, org)
        assert {key: fig.trend[i][1] for key, fig in figures.items()} == expected, (start, end)
    assert sum(fig.trend[-1][1] or 0 for fig in figures.values()) > 0  # not a world of zeros
    assert len({fig.trend[0][1] for fig in figures.values()} | {None}) > 1


def test_value_previous_and_change_are_the_last_two_periods_of_the_trend(world: World) -> None:
    build(world)
    _history(world)
    for figure in key_figures(world.a.alliance, Filters(*QUARTER), suppressed=False):
        assert figure.value == figure.trend[-1][1]
        assert figure.previous == figure.trend[-2][1]
        assert figure.previous_label == "1. Quartal 2026"
        if figure.value is not None and figure.previous is not None:
            assert figure.change == pytest.approx(figure.value - figure.previous)


def test_a_change_needs_both_figures_and_a_rate_changes_in_points() -> None:
    count = KeyFigure("persons", "Personen", 12, 9, False, (("2025", 9), ("2026", 12)))
    assert count.change == 3
    rate = KeyFigure("into_work", "Anteil", 12.5, 10.2, True, (("2025", 10.2), ("2026", 12.5)))
    assert rate.change == 2.3
    hidden = KeyFigure("careers", "Personen", 12, None, False, (("2025", None), ("2026", 12)))
    assert hidden.change is None and hidden.previous_label == "2025"


def test_coordinators_see_small_counts_hidden_and_case_managers_see_them(world: World) -> None:
    build(world)  # alliance A: 4 persons in H1 2026, 1 of them with a finding, 1 referral
    period = Filters(START, END)
    shown = _by_key(key_figures(world.a.alliance, period))
    raw = _by_key(key_figures(world.a.alliance, period, suppressed=False))
    assert (raw["persons"].value, shown["persons"].value) == (4, 4)
    assert (raw["careers"].value, shown["careers"].value) == (1, None)
    assert (raw["referrals"].value, shown["referrals"].value) == (1, None)
    # One transition (below the threshold): no rate can be published from it.
    assert (raw["into_work"].value, shown["into_work"].value) == (25.0, None)
    # Three of four persons without a finding would still be published; the one with a
    # finding is not, and neither is the rest when it is the small part.
    assert shown["careers"].change is None


def test_a_published_key_figure_never_shows_what_the_dashboard_table_hides(world: World) -> None:
    build(world)
    _history(world)
    for start, end in periods.trend(*QUARTER, 6):
        period = Filters(start, end)
        with scopes_disabled():
            tables = {t.key: t for t in alliance_tables(world.a.alliance, period, suppressed=True)}
        shown = _by_key(key_figures(world.a.alliance, period))
        status_total = tables["status"].rows[-1].cells[0]
        careers = tables["careers_rate"].rows[0].cells
        assert shown["persons"].value == (None if status_total == MARK else status_total)
        assert shown["careers"].value == (None if careers[0] == MARK else careers[0])


def test_the_state_figures_add_up_every_alliance(world: World) -> None:
    build(world)
    _history(world)
    with scopes_disabled():
        f.CaseFactory(
            person=f.PersonFactory(owner=world.b.tm_office), opened_on=dt.date(2026, 5, 2)
        )
    period = Filters(*QUARTER)
    state = _by_key(key_figures(None, period, suppressed=False))
    per_alliance = [
        _by_key(key_figures(side.alliance, period, suppressed=False)) for side in (world.a, world.b)
    ]
    for key in ("persons", "intakes", "careers", "referrals"):
        assert state[key].value == sum(fig[key].value or 0 for fig in per_alliance)


def _queries(func: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


def test_live_key_figures_take_a_query_per_period_whatever_the_persons(world: World) -> None:
    build(world)
    period = Filters(*QUARTER)
    few = _queries(lambda: key_figures(world.a.alliance, period))
    _history(world, persons=20)
    many = _queries(lambda: key_figures(world.a.alliance, period, length=12))
    state = _queries(lambda: key_figures(None, period, length=12))
    # Nothing stored: the stored counts asked for, one case query a period, the referrals.
    assert (few, many, state) == (1 + 6 + 1, 1 + 12 + 1, 1 + 1 + 12 + 1)  # the state: alliances


def test_an_organisations_key_figures_never_ask_for_stored_counts(world: World) -> None:
    build(world)
    own = Filters(*QUARTER, organisation_id=world.a.tm_office.pk)
    with CaptureQueriesContext(connection) as ctx:
        key_figures(world.a.alliance, own)
    assert len(ctx.captured_queries) == 6 + 1
    assert not [q for q in ctx.captured_queries if "indicatorsnapshot" in q["sql"]]
