"""Dashboard figures on a hand-made dataset, the organisation filter, and query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from teilhabe.reporting.selectors import Filters, indicators
from teilhabe.reporting.tables import alliance_tables, state_tables
from tests import factories as f
from tests.reporting.data import END, START, build, person

pytestmark = pytest.mark.django_db


def _counts(world: Any, org: Any = None) -> dict[str, dict[str, int]]:
    inds = indicators([world.a.alliance.pk], Filters(START, END, org.pk if org else None))
    return {
        i.key: {k: v for k, v in i.counts.get(world.a.alliance.pk, {}).items() if v} for i in inds
    }


def test_each_indicator_counts_the_hand_made_dataset(world: Any) -> None:
    build(world)
    c = _counts(world)
    assert c["status"] == {"unknown": 2, "duldung": 1, "gestattung": 1}
    assert c["age"] == {"21_23": 2, "24_27": 1, "under_18": 1}
    assert c["sex"] == {"female": 2, "male": 2}
    assert c["nationality"] == {"sy": 2, "af": 1, "ua": 1}
    assert c["legal_domain"] == {"sgb2": 1, "asylblg": 1}
    assert c["needs"] == {"education_language": 1}
    assert c["steps"] == {"overdue": 1}
    assert c["referrals"] == {"accepted": 1}
    assert c["referral_outcomes"] == {"started": 1}
    assert c["participations"] == {"language_course": 1}
    assert c["closures"] == {"vocational_training": 1}
    assert c["transitions"] == {"vocational_training": 1}
    assert c["careers"] == {"flagged": 1, "clear": 3}


def test_the_organisation_filter_keeps_only_its_cases(world: Any) -> None:
    build(world)
    assert _counts(world, world.a.jmd)["sex"] == {"female": 1}
    assert _counts(world, world.a.tm_office)["sex"] == {"female": 1, "male": 2}


def test_reach_shows_the_estimate_with_its_age_share(world: Any) -> None:
    build(world)
    with scopes_disabled():
        tables = alliance_tables(world.a.alliance, Filters(START, END))
    assert tables[0].key == "reach"
    rows = tables[0].rows
    # Like with like: persons aged 18–27 of each group against that group's estimate; the
    # 17-year-old in Gestattung and the two without a status are not in the reach.
    assert [r.cells[:2] for r in rows] == [[0, 30], [1, 8], [0, 30], [1, 68]]
    assert rows[0].cells[2] == "0,0 %" and rows[1].cells[2] == "12,5 %"
    assert "20" in tables[0].note and "Test" in tables[0].note
    careers = tables[-1]
    assert careers.rows[0].cells == [1, 4, "25,0 %"]


def _more_persons(world: Any, n: int) -> None:
    with scopes_disabled():
        for i in range(n):
            person(
                world.a.tm_office,
                dob=dt.date(2002, 1, 1 + i % 28),
                sex="male",
                nationality="SY",
                status="toleration",
                domains=["sgb3"],
            )


def _queries(func: Any) -> int:
    with CaptureQueriesContext(connection) as ctx, scopes_disabled():
        func()
    return len(ctx.captured_queries)


def test_the_dashboard_runs_a_fixed_number_of_queries(world: Any) -> None:
    build(world)
    small = _queries(lambda: alliance_tables(world.a.alliance, Filters(START, END)))
    _more_persons(world, 25)
    large = _queries(lambda: alliance_tables(world.a.alliance, Filters(START, END)))
    assert small == large
    print(f"dashboard queries: {small}")


def test_the_state_view_runs_a_fixed_number_of_queries(world: Any) -> None:
    build(world)
    alliances = [world.a.alliance, world.b.alliance]
    small = _queries(lambda: state_tables(alliances, Filters(START, END)))
    _more_persons(world, 25)
    extra = f.AllianceFactory(
        name="Bündnis C", slug="buendnis-c", body_kind="kreis", kreis=world.b.alliance.kreis
    )
    large = _queries(lambda: state_tables([*alliances, extra], Filters(START, END)))
    assert small == large
    print(f"state queries: {small}")


def test_a_municipality_alliance_gets_its_population_share_of_the_district(world: Any) -> None:
    from teilhabe.reporting.population import estimates
    from tests.reporting.data import seekers

    kreis = f.KreisFactory(key="05558", name="Coesfeld", kind="kreis", text_code="44")
    town = f.GemeindeFactory(ags="05558012", name="Dülmen, Stadt", kreis=kreis, population=250)
    f.GemeindeFactory(ags="05558016", name="Havixbeck", kreis=kreis, population=750)
    alliance = f.AllianceFactory(
        name="Dülmen", slug="duelmen", body_kind="gemeinde", gemeinde=town, kreis=None
    )
    seekers("05558")
    est = estimates([alliance], END)[alliance.pk]
    assert est.area_share == Decimal("0.25")
    assert est.seekers["total"] == 100  # (150 + 200 + 50) × 25 %
    assert est.target() == 18  # the three groups: (38 + 10 + 38) × 20 %, each rounded
    assert est.target("duldung") == 2  # 40 × 25 % × 20 %
