# ruff: noqa: S608, E501  -- SQL text: table names come from the models, values are parameters
"""The statewide monitoring page's figures: our selectors (the indicator queries through the
ORM, the target-group estimates and small-cell suppression) against one hand-written SQL
statement per indicator for the same counts (PostgreSQL), and the same page read from the
stored figures of closed periods. Targets (issue 20): the page ≤ 0.5 s at `nrw`, ≤ 1 s at
`nrw10`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.utils import timezone
from django_scopes import scopes_disabled


def _t(label: str) -> str:
    from django.apps import apps

    return str(apps.get_model(label)._meta.db_table)


def _sql() -> dict[str, str]:
    person, case, rse = _t("people.Person"), _t("casework.Case"), _t("people.ResidenceStatusEntry")
    profile, need, foa = (
        _t("people.Profile"),
        _t("casework.NeedAssessment"),
        _t("alliances.FieldOfAction"),
    )
    step, goal, ref = _t("casework.Step"), _t("casework.Goal"), _t("casework.Referral")
    part, finding = _t("trajectories.Participation"), _t("trajectories.Finding")
    base = f"""
      WITH bc AS (SELECT id, person_id FROM {case}
                  WHERE opened_on <= %(end)s AND (closed_on IS NULL OR closed_on >= %(start)s)),
      bp AS (SELECT p.* FROM {person} p WHERE EXISTS (SELECT 1 FROM bc WHERE bc.person_id = p.id))
    """
    kinds = ["vocational_training", "employment", "school", "higher_education"]
    transition_cols = ", ".join(
        f"""count(*) FILTER (WHERE EXISTS (SELECT 1 FROM {part} x WHERE x.person_id = bp.id
              AND x.transition = '{k}' AND x.end BETWEEN %(start)s AND %(end)s)
            OR EXISTS (SELECT 1 FROM {case} c WHERE c.person_id = bp.id
              AND c.closure_reason = '{k}' AND c.closed_on BETWEEN %(start)s AND %(end)s))"""
        for k in kinds
    )
    domains = ["asylblg", "sgb2", "sgb3", "sgb8", "none"]
    domain_cols = ", ".join(f"count(*) FILTER (WHERE pr.legal_domains ? '{d}')" for d in domains)
    ref_where = """(created_at AT TIME ZONE %(tz)s)::date BETWEEN %(start)s AND %(end)s"""
    return {
        "status": base
        + f"""
          , cur AS (SELECT DISTINCT ON (person_id) person_id, status FROM {rse}
                    WHERE valid_from <= %(end)s ORDER BY person_id, valid_from DESC, created_at DESC)
          SELECT bp.alliance_id, coalesce(cur.status, ''), count(*) FROM bp
          LEFT JOIN cur ON cur.person_id = bp.id GROUP BY 1, 2""",
        "age": base
        + """
          SELECT alliance_id, CASE
            WHEN %(end_year)s - extract(year FROM date_of_birth) < 18 THEN 'under_18'
            WHEN %(end_year)s - extract(year FROM date_of_birth) < 21 THEN '18_20'
            WHEN %(end_year)s - extract(year FROM date_of_birth) < 24 THEN '21_23'
            WHEN %(end_year)s - extract(year FROM date_of_birth) < 28 THEN '24_27'
            ELSE 'over_27' END, count(*) FROM bp GROUP BY 1, 2""",
        "sex": base + "SELECT alliance_id, sex, count(*) FROM bp GROUP BY 1, 2",
        "nationality": base + "SELECT alliance_id, nationality, count(*) FROM bp GROUP BY 1, 2",
        "legal_domain": base
        + f"""SELECT bp.alliance_id, {domain_cols} FROM bp
          LEFT JOIN {profile} pr ON pr.person_id = bp.id GROUP BY 1""",
        "needs": base
        + f"""SELECT n.alliance_id, coalesce(f.key, ''), count(DISTINCT n.case_id)
          FROM {need} n JOIN bc ON bc.id = n.case_id LEFT JOIN {foa} f ON f.id = n.field_of_action_id
          WHERE n.level IN ('some', 'urgent') AND n.assessed_on <= %(end)s GROUP BY 1, 2""",
        "steps": base
        + f"""SELECT s.alliance_id,
            count(*) FILTER (WHERE s.due_on >= %(end)s OR s.due_on IS NULL),
            count(*) FILTER (WHERE s.due_on < %(end)s)
          FROM {step} s JOIN {goal} g ON g.id = s.goal_id JOIN bc ON bc.id = g.case_id
          WHERE s.status IN ('open', 'in_progress') GROUP BY 1""",
        "referrals": f"SELECT alliance_id, status, count(*) FROM {ref} WHERE {ref_where} GROUP BY 1, 2",
        "referral_outcomes": f"SELECT alliance_id, outcome, count(*) FROM {ref} WHERE {ref_where} GROUP BY 1, 2",
        "participations": base
        + f"""SELECT x.alliance_id, x.category, count(*) FROM {part} x
          WHERE x.person_id IN (SELECT id FROM bp) AND x.start <= %(end)s
            AND (x.end IS NULL OR x.end >= %(start)s) GROUP BY 1, 2""",
        "closures": f"""SELECT alliance_id, closure_reason, count(*) FROM {case}
          WHERE status = 'closed' AND closed_on BETWEEN %(start)s AND %(end)s GROUP BY 1, 2""",
        "transitions": base + f"SELECT alliance_id, {transition_cols} FROM bp GROUP BY 1",
        "careers": base
        + f"""SELECT alliance_id,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM {finding} f WHERE f.person_id = bp.id)),
            count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM {finding} f WHERE f.person_id = bp.id))
          FROM bp GROUP BY 1""",
    }


def _hand_written(params: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    with connection.cursor() as cursor:
        for key, sql in _sql().items():
            cursor.execute(sql, params)
            out[key] = cursor.fetchall()
    return out


def _timed(run: Callable[[], Any], runs: int = 3) -> float:
    """Mean seconds of `runs` runs after one to warm caches (translations, query
    compilation); `runs` 1: that one run alone."""
    if runs == 1:
        started = time.perf_counter()
        run()
        return time.perf_counter() - started
    run()
    started = time.perf_counter()
    for _ in range(runs):
        run()
    return (time.perf_counter() - started) / runs


def statewide_dashboard(profile: str) -> list[dict]:
    """The statewide page publishes a grid period and suppresses all periods of its year
    with one mask, so it computes the year's 7 periods (year, halves, quarters): live
    against the hand-written SQL for the same 7 periods; then from the stored figures
    (`reporting.stored`) after the worker's refresh, for the last year and the current one;
    and the key figures above the tables, live (a query per period) and from the counts
    the worker stored with the indicators (one query). `nrw10` times the live figures once
    (a year's seven periods take minutes there), the stored ones three times."""
    from teilhabe.core.models import Alliance
    from teilhabe.people.models import Person
    from teilhabe.reporting import periods
    from teilhabe.reporting.key_figures import key_figures
    from teilhabe.reporting.models import IndicatorSnapshot
    from teilhabe.reporting.selectors import Filters
    from teilhabe.reporting.services import indicator_snapshots_record
    from teilhabe.reporting.tables import state_tables

    today = timezone.localdate()
    last = Filters(*periods.year_periods(today.year - 1)[0])
    current = Filters(*periods.year_periods(today.year)[0])

    def hand_written() -> None:
        for start, end in periods.year_periods(last.start.year):
            _hand_written({"start": start, "end": end, "tz": "Europe/Berlin", "end_year": end.year})

    with scopes_disabled():
        alliances = list(Alliance.objects.order_by("name"))
        size = f"{len(alliances)} alliances, {Person.objects.count():,} persons"
        IndicatorSnapshot.objects.all().delete()
        runs = 1 if profile == "nrw10" else 3
        live = _timed(lambda: state_tables(alliances, last), runs)
        reference = _timed(hand_written, runs)
        cards_live = _timed(lambda: key_figures(None, current), runs)
        started = time.perf_counter()
        stored = indicator_snapshots_record(trigger=IndicatorSnapshot.Trigger.MANUAL)
        record = time.perf_counter() - started
        read_last = _timed(lambda: state_tables(alliances, last))
        read_current = _timed(lambda: state_tables(alliances, current))
        cards = _timed(lambda: key_figures(None, current))
    target = {"nrw": 0.5, "nrw10": 1.0}.get(profile)

    def verdict(seconds: float) -> str:
        if target is None:
            return ""
        return f"target ≤ {target} s: {'PASS' if seconds <= target else 'MISS'}"

    return [
        {
            "measure": "Statewide monitoring, a year's 7 periods computed live vs hand SQL",
            "size": size,
            "seconds": round(live, 3),
            "reference": round(reference, 3),
            "ratio": round(live / reference, 2) if reference else None,
            "note": f"year {last.start.year}, nothing stored",
        },
        {
            "measure": "Storing the figures of closed periods (task worker)",
            "size": size,
            "seconds": round(record, 3),
            "reference": None,
            "ratio": None,
            "note": f"{stored} periods: all begun of {today.year - 1} and {today.year}, "
            "and the counts of the older periods of their trends",
        },
        {
            "measure": "Statewide monitoring tables, last year from the stored figures",
            "size": size,
            "seconds": round(read_last, 3),
            "reference": round(live, 3),
            "ratio": round(read_last / live, 3) if live else None,
            "note": f"year {last.start.year}; {verdict(read_last)}",
        },
        {
            "measure": "Statewide monitoring tables, this year from the stored figures",
            "size": size,
            "seconds": round(read_current, 3),
            "reference": round(live, 3),
            "ratio": round(read_current / live, 3) if live else None,
            "note": f"year {today.year}; {verdict(read_current)}",
        },
        {
            "measure": "Statewide key figures (cards: period, previous, trend of 6), live",
            "size": size,
            "seconds": round(cards_live, 3),
            "reference": None,
            "ratio": None,
            "note": f"year {today.year}, nothing stored: a query per period",
        },
        {
            "measure": "Statewide key figures from the stored counts",
            "size": size,
            "seconds": round(cards, 3),
            "reference": round(cards_live, 3),
            "ratio": round(cards / cards_live, 3) if cards_live else None,
            "note": f"year {today.year}; page = tables + cards: {verdict(read_current + cards)}",
        },
    ]


MEASURES: list[Callable[[str], list[dict]]] = [statewide_dashboard]
