"""The indicators of the grid periods are stored by the task worker and read from there by
every page, export and report: the same figures as computed live, a new version per
refresh, live figures where nothing is stored (an organisation, a period never stored).
The key figures' counts are stored with them, and for the older periods of their trends."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.casework.models import Case
from teilhabe.core import events
from teilhabe.ops.scheduling import registry
from teilhabe.reporting import periods, stored
from teilhabe.reporting.key_figures import TREND_LENGTH, key_figures
from teilhabe.reporting.models import IndicatorSnapshot
from teilhabe.reporting.selectors import Filters, indicators
from teilhabe.reporting.services import indicator_snapshots_record
from teilhabe.reporting.tables import alliance_tables, state_tables
from teilhabe.trajectories.models import CareerRun
from teilhabe.transfer.models import ImportJob
from tests import factories as f
from tests.conftest import World
from tests.reporting.data import build
from tests.reporting.test_key_figures import _history
from tests.reporting.test_periods import YEARS, _closures

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 4)
NIGHTLY = IndicatorSnapshot.Trigger.NIGHTLY


def _cells(tables: list[Any]) -> dict[str, list[list[Any]]]:
    return {t.key: [[r.label, *r.cells] for r in t.rows] for t in tables}


def _close_a_case(world: World, day: dt.date) -> None:
    with scopes_disabled():
        case = f.CaseFactory(person=f.PersonFactory(owner=world.a.tm_office))
        Case.objects.filter(pk=case.pk).update(
            opened_on=dt.date(2020, 1, 1),
            status="closed",
            closed_on=day,
            closure_reason="moved_away",
        )


YEAR_SO_FAR = periods.year_so_far(TODAY)


def test_a_refresh_stores_every_begun_period_of_this_year_and_the_last(world: World) -> None:
    # 14 grid periods and the year so far; the counts of 15 + 5 periods of their trends.
    assert indicator_snapshots_record(trigger=NIGHTLY, today=TODAY) == 15 + 20
    full = IndicatorSnapshot.objects.filter(has_indicators=True)
    stored_periods = set(full.values_list("start", "end"))
    assert stored_periods == {*stored.begun_periods((2025, 2026), TODAY), YEAR_SO_FAR}
    assert periods.quarter(2026, 4) in stored_periods  # begun, not ended
    early = stored.begun_periods([2026], dt.date(2026, 2, 1))
    assert early == [(dt.date(2026, 1, 1), dt.date(2026, 12, 31)), (dt.date(2026, 1, 1),
                     dt.date(2026, 6, 30)), periods.quarter(2026, 1)]  # fmt: skip


def test_each_refresh_adds_a_version_and_the_oldest_beyond_three_go(world: World) -> None:
    q1 = periods.quarter(2025, 1)
    for _ in range(4):
        indicator_snapshots_record(trigger=NIGHTLY, today=TODAY, years=[2025])
    versions = IndicatorSnapshot.objects.filter(start=q1[0], end=q1[1])
    assert sorted(versions.values_list("version", flat=True)) == [2, 3, 4]
    newest = stored.newest(*q1)
    assert newest is not None and newest.version == 4


def test_stored_figures_are_the_live_figures_for_the_state_and_each_alliance(
    world: World,
) -> None:
    _closures(world)
    build(world)
    alliances = [world.a.alliance, world.b.alliance]
    grid = stored.begun_periods(YEARS, TODAY)
    live = {p: _cells(state_tables(alliances, Filters(*p))) for p in grid}
    live_a = {p: _cells(alliance_tables(world.a.alliance, Filters(*p), suppressed=True))
              for p in grid}  # fmt: skip
    older = stored.trend_periods(grid, TREND_LENGTH)
    todays = stored.todays_periods(TODAY, TREND_LENGTH)  # the year so far, with its trend
    assert indicator_snapshots_record(trigger=NIGHTLY, today=TODAY, years=YEARS) == len(
        grid + older + todays
    )
    for p in grid:
        assert stored.newest(*p) is not None
        assert _cells(state_tables(alliances, Filters(*p))) == live[p], p
        assert _cells(alliance_tables(world.a.alliance, Filters(*p), suppressed=True)) == live_a[p]
    for p in grid[:3]:
        raw = stored.period_indicators([world.a.alliance.pk], Filters(*p))
        fresh = indicators([world.a.alliance.pk], Filters(*p))
        assert [(i.key, i.counts, i.allocation) for i in raw] == [
            (i.key, i.counts, i.allocation) for i in fresh
        ]


def test_a_closed_period_shows_its_stored_figures_until_the_next_refresh(world: World) -> None:
    q2 = periods.quarter(2025, 2)
    alliances = [world.a.alliance, world.b.alliance]
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY, years=[2025])
    before = _cells(state_tables(alliances, Filters(*q2)))
    _close_a_case(world, dt.date(2025, 5, 5))
    assert _cells(state_tables(alliances, Filters(*q2))) == before
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY, years=[2025])
    assert _cells(state_tables(alliances, Filters(*q2))) != before


def test_a_period_never_stored_and_an_organisation_are_computed_live(world: World) -> None:
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY, years=[2025])
    q4 = periods.quarter(2026, 4)
    a = world.a.alliance.pk
    before = stored.period_indicators([a], Filters(*q4))
    _close_a_case(world, dt.date(2026, 11, 2))
    after = stored.period_indicators([a], Filters(*q4))
    closures = {i.key: i for i in after}["closures"]
    assert closures.counts != {i.key: i for i in before}["closures"].counts
    q2 = periods.quarter(2025, 2)
    own = Filters(*q2, organisation_id=world.a.tm_office.pk)
    assert not stored.storable(own)
    assert stored.stored_at(own) is None
    assert stored.stored_at(Filters(*q2)) is not None
    assert stored.stored_at(Filters(*q4)) is None


def test_figures_of_an_older_definition_are_not_read(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    q2 = periods.quarter(2026, 2)
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY, years=[2026])
    monkeypatch.setattr(stored, "DEFINITION", stored.DEFINITION + 1)
    assert stored.newest(*q2) is None
    _close_a_case(world, dt.date(2026, 5, 5))
    closures = {i.key: i for i in stored.period_indicators([world.a.alliance.pk], Filters(*q2))}
    assert closures["closures"].counts[world.a.alliance.pk]["moved_away"] == 1


def test_the_older_periods_of_the_trends_keep_the_key_figure_counts_only(world: World) -> None:
    full = stored.begun_periods((2025, 2026), TODAY)
    older = stored.trend_periods(full, TREND_LENGTH)
    assert (min(older), max(older)) == (periods.year_periods(2020)[0], periods.quarter(2024, 4))
    assert len(older) == 5 + 5 + 5  # years, halves and quarters of the six-period trends
    _closures(world)
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY)
    snapshots = IndicatorSnapshot.objects.filter(has_indicators=False)
    todays = stored.todays_periods(TODAY, TREND_LENGTH)
    assert todays[0] == YEAR_SO_FAR
    assert todays[1:] == [(dt.date(y, 1, 1), dt.date(y, 12, 4)) for y in range(2021, 2026)]
    assert set(snapshots.values_list("start", "end")) == {*older, *todays[1:]}
    assert all(s.totals and s.data == {} for s in snapshots)
    year = Filters(*periods.year_periods(2022)[0])
    assert stored.newest(year.start, year.end) is None
    assert stored.stored_at(year) is None
    a = world.a.alliance.pk
    assert [i.counts for i in stored.period_indicators([a], year)] == [
        i.counts for i in indicators([a], year)
    ]


def test_the_newest_version_decides_whether_a_period_is_read_stored(world: World) -> None:
    q2 = periods.quarter(2025, 2)
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY, years=[2025])
    assert stored.newest(*q2) is not None
    # A year later 2025 is no longer stored in full, only kept for 2026's trends.
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY, years=[2026])
    assert stored.newest(*q2) is None
    _close_a_case(world, dt.date(2025, 5, 5))
    closures = {i.key: i for i in stored.period_indicators([world.a.alliance.pk], Filters(*q2))}
    assert closures["closures"].counts[world.a.alliance.pk]["moved_away"] == 1


@pytest.mark.parametrize("suppressed", [False, True])
def test_stored_key_figures_are_the_live_ones_read_in_one_query(
    world: World, suppressed: bool
) -> None:
    _closures(world)
    build(world)
    _history(world)
    spans = [Filters(*periods.year_periods(2026)[0]), Filters(*periods.quarter(2025, 3))]
    live = {(s, f): key_figures(s, f, suppressed=suppressed)
            for s in (None, world.a.alliance, world.b.alliance) for f in spans}  # fmt: skip
    assert any(k.value for k in live[(world.a.alliance, spans[0])])  # not a world of zeros
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY)
    for (scope, period), figures in live.items():
        with CaptureQueriesContext(connection) as read:
            assert key_figures(scope, period, suppressed=suppressed) == figures
        assert len(read) == (2 if scope is None else 1)  # the alliances; the stored counts


def test_a_version_stored_before_the_counts_were_is_counted_live(world: World) -> None:
    _history(world)
    year = Filters(*periods.year_periods(2025)[0])
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY, years=[2025])
    IndicatorSnapshot.objects.update(totals={})
    _close_a_case(world, dt.date(2025, 5, 5))  # after the refresh: only live counts see it
    with CaptureQueriesContext(connection) as read:
        figures = key_figures(world.a.alliance, year, suppressed=False)
    assert len(read) == 1 + 6 + 1
    assert figures == key_figures(world.a.alliance, year, suppressed=False)
    assert stored.period_totals([world.a.alliance.pk], [year]) == [None]


def test_a_stored_year_is_read_with_one_query_per_period(world: World) -> None:
    _closures(world)
    alliances = [world.a.alliance, world.b.alliance]
    year = Filters(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    with CaptureQueriesContext(connection) as live:
        state_tables(alliances, year)
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY, years=[2025])
    stored._shapes()  # the indicators' titles, computed once per process for no alliance
    with CaptureQueriesContext(connection) as read:
        state_tables(alliances, year)
    # Every indicator query of the 7 periods → one snapshot read per period.
    assert sum("people_person" in q["sql"] for q in live) >= 7 * 10
    assert sum("reporting_indicatorsnapshot" in q["sql"] for q in read) == 7
    assert not [q for q in read if "people_person" in q["sql"]]
    assert len(read) == 11


def test_an_early_warning_run_and_an_import_queue_a_refresh(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with scopes_disabled():
        run = CareerRun.objects.create(alliance=None, today=TODAY)
        job = ImportJob(status=ImportJob.Status.COMMITTED)
        failed = ImportJob(status=ImportJob.Status.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        events.careers_finished.send(sender=CareerRun, instance=run)
    assert set(IndicatorSnapshot.objects.values_list("trigger", flat=True)) == {"careers"}
    with django_capture_on_commit_callbacks(execute=True) as queued:
        events.import_finished.send(sender=ImportJob, instance=failed)
    assert queued == []
    with django_capture_on_commit_callbacks(execute=True):
        events.import_finished.send(sender=ImportJob, instance=job)
    assert "import" in set(IndicatorSnapshot.objects.values_list("trigger", flat=True))


def test_the_nightly_job_stores_the_periods_of_this_year_and_the_last(world: World) -> None:
    job = registry.job_by_key("indicators")
    text = job.run(dt.datetime(2026, 12, 4, 1, 50, tzinfo=dt.UTC))
    assert text == "35 Berichtszeiträume gespeichert"
    assert IndicatorSnapshot.objects.filter(trigger="nightly").count() == 35


def test_the_statewide_page_says_when_its_stored_figures_were_computed(
    world: World, login: Any
) -> None:
    indicator_snapshots_record(trigger=NIGHTLY, years=[2025])
    url = reverse("reporting_state:monitoring") + "?start=2025-01-01&end=2025-12-31"
    page = login("state").get(url).content.decode()
    assert "Stand der Zahlen:" in page
    current = login("state").get(reverse("reporting_state:monitoring")).content.decode()
    assert "Stand der Zahlen:" not in current


def test_the_command_stores_the_years_it_is_given(world: World) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("store_indicators", "--year", "2023", "--year", "2024", stdout=out)
    assert out.getvalue().strip() == "29 Berichtszeiträume gespeichert."
    assert set(IndicatorSnapshot.objects.values_list("trigger", flat=True)) == {"manual"}


def test_the_year_so_far_is_stored_for_the_day_of_the_refresh_only(world: World) -> None:
    _closures(world)
    build(world)
    _history(world)
    a = world.a.alliance
    ytd = Filters(*YEAR_SO_FAR)
    live = ([i.counts for i in indicators([a.pk], ytd)], key_figures(a, ytd, suppressed=True))
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY)
    assert stored.stored_at(ytd) is not None
    with CaptureQueriesContext(connection) as read:
        figures = [i.counts for i in stored.period_indicators([a.pk], ytd)]
        cards = key_figures(a, ytd, suppressed=True)
    assert (figures, cards) == live
    assert len(read) == 2  # the stored indicators; the stored counts of the six periods
    # The next day's refresh stores that day's year so far; nobody reads the day before.
    tomorrow = TODAY + dt.timedelta(days=1)
    indicator_snapshots_record(trigger=NIGHTLY, today=tomorrow)
    spans = set(IndicatorSnapshot.objects.values_list("start", "end"))
    assert YEAR_SO_FAR not in spans
    assert set(stored.todays_periods(tomorrow, TREND_LENGTH)) <= spans
    assert not [s for s in spans if s[1].day == 4 and not periods.on_grid(*s)]
    # A refresh of other years keeps today's year so far.
    indicator_snapshots_record(trigger=NIGHTLY, today=tomorrow, years=[2025])
    assert stored.newest(*periods.year_so_far(tomorrow)) is not None


def test_on_31_december_the_year_so_far_is_the_year(world: World) -> None:
    last_day = dt.date(2026, 12, 31)
    years = [periods.year_periods(y)[0] for y in range(2021, 2027)]
    assert stored.todays_periods(last_day, TREND_LENGTH) == [years[-1], *years[:-1]]
    assert indicator_snapshots_record(trigger=NIGHTLY, today=last_day) == 29  # no extra
    # The organisations' figures ride with the year; a quarter of theirs stays live.
    own = Filters(*years[-1], organisation_id=world.a.tm_office.pk)
    assert stored.stored_at(own) is not None
    assert not stored.storable(Filters(*periods.quarter(2026, 1), world.a.tm_office.pk))
    assert [i.counts for i in stored.period_indicators([world.a.alliance.pk], own)] == [
        i.counts for i in indicators([world.a.alliance.pk], own)
    ]


def test_the_coordinators_dashboard_opens_on_the_stored_year_so_far(
    world: World, login: Any
) -> None:
    url = reverse("reporting_alliance:dashboard", args=[world.a.alliance.slug])
    assert "Stand der Zahlen:" not in login("coord_a").get(url).content.decode()
    indicator_snapshots_record(trigger=NIGHTLY)  # today: the dashboard's default period
    assert "Stand der Zahlen:" in login("coord_a").get(url).content.decode()
    # A case manager's figures are its organisation's, stored for the year so far as well.
    assert "Stand der Zahlen:" in login("cm_a").get(url).content.decode()
    other = url + "?start=2026-02-01"
    assert "Stand der Zahlen:" not in login("cm_a").get(other).content.decode()


def test_each_case_managing_organisation_reads_its_stored_year_so_far(world: World) -> None:
    _closures(world)
    build(world)
    _history(world)
    a = world.a.alliance
    spans = {o: Filters(*YEAR_SO_FAR, organisation_id=o.pk)
             for o in (world.a.tm_office, world.a.jmd, world.a.lead_office)}  # fmt: skip
    live = {
        o: ([i.counts for i in indicators([a.pk], f)], key_figures(a, f, suppressed=False))
        for o, f in spans.items()
    }
    assert any(live[world.a.tm_office][0])  # not a world of zeros
    indicator_snapshots_record(trigger=NIGHTLY, today=TODAY)
    for organisation in (world.a.tm_office, world.a.jmd):  # both have case managers
        f = spans[organisation]
        with CaptureQueriesContext(connection) as read:
            figures = [i.counts for i in stored.period_indicators([a.pk], f)]
            cards = key_figures(a, f, suppressed=False)
        assert (figures, cards) == live[organisation], organisation
        assert len(read) == 2  # its stored figures; its stored counts of the six periods
        assert stored.stored_at(f) is not None
    # The lead office has no case managers: nobody asks for its own figures; counted live.
    lead = spans[world.a.lead_office]
    assert stored.stored_at(lead) is None
    assert [i.counts for i in stored.period_indicators([a.pk], lead)] == live[world.a.lead_office][
        0
    ]
    # Another period of an organisation is counted live.
    assert stored.stored_at(Filters(*periods.quarter(2026, 2), world.a.tm_office.pk)) is None
