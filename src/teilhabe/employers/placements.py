"""How many young people each firm of the directory took in, per calendar year (coordinators).

One query: per firm, subqueries over `Employer.participations` (a participation starting in
the year) and `Employer.experiences` (a work experience begun in the year); the total counts
each person once, whichever way they came. The counts are published with the
primary rule of `core.suppression` (no margins are shown: a person can be in both columns
and at several firms, so no cell is recomputable from the others).
The models of people and trajectories are reached through the relations, never imported
(people depends on employers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from teilhabe.core.models import Alliance
from teilhabe.core.suppression import MARK, Grid, Value, publish, suppress
from teilhabe.employers.models import Employer

FIRST_YEAR = 2000
DISTINCT_COUNT = "COUNT(DISTINCT %(expressions)s)"


def year_of(raw: str | None, today: dt.date) -> int:
    """The chosen year (?jahr=), the current one when missing or out of range."""
    try:
        year = int(raw or "")
    except ValueError:
        return today.year
    return year if FIRST_YEAR <= year <= today.year + 1 else today.year


def placements(alliance: Alliance, year: int) -> QuerySet[Employer]:
    """The alliance's firms in use with `via_participations`, `via_experiences` and `total`
    (distinct persons), largest total first.

    Each count is a subquery per firm on its own foreign-key index, never a join of the
    firm's participations with its work experiences: that join multiplies the rows (every
    participation × every experience of a firm), and the pager's COUNT over it ran for more
    than 16 minutes at Köln's size (nrw profile)."""
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    experienced, participated = _rows_of_firm(OuterRef("pk"), start, end)
    return (
        Employer.objects.filter(alliance=alliance, archived_on__isnull=True)
        .annotate(
            via_participations=_count_persons(participated),
            via_experiences=_count_persons(experienced),
            total=_distinct_persons(start, end),
        )
        .order_by("-total", "name", "pk")
    )


def _rows_of_firm(firm: Any, start: dt.date, end: dt.date) -> tuple[QuerySet[Any], ...]:
    """The firm's work experiences begun and participations started in [start, end)."""
    experience = Employer._meta.get_field("experiences").related_model
    participation = Employer._meta.get_field("participations").related_model
    experienced = experience._base_manager.filter(  # type: ignore[union-attr]
        employer_entry=firm, started_on__gte=start, started_on__lt=end
    )
    participated = participation._base_manager.filter(  # type: ignore[union-attr]
        employer=firm, start__gte=start, start__lt=end
    )
    return experienced, participated


def _count_persons(rows: QuerySet[Any]) -> Coalesce:
    """COUNT(DISTINCT person_id) of the rows, as a scalar subquery (no GROUP BY)."""
    counted = (
        rows.order_by()
        .annotate(
            n=Func(F("person_id"), function="COUNT", template="COUNT(DISTINCT %(expressions)s)")
        )
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _distinct_persons(start: dt.date, end: dt.date) -> Coalesce:
    """Persons with a participation or a work experience at the outer firm in [start, end)."""
    experienced, participated = _rows_of_firm(OuterRef(OuterRef("pk")), start, end)
    experience = Employer._meta.get_field("experiences").related_model
    person = experience._meta.get_field("person").related_model  # type: ignore[union-attr]
    persons = (
        person._base_manager.filter(  # type: ignore[union-attr]
            Q(pk__in=experienced.values("person_id")) | Q(pk__in=participated.values("person_id"))
        )
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return Coalesce(Subquery(persons, output_field=IntegerField()), 0)


@dataclass(frozen=True)
class Published:
    employer: Employer
    via_participations: Value
    via_experiences: Value
    total: Value


def published(rows: Sequence[Employer]) -> list[Published]:
    """The rows as shown and exported: counts from 1 to the threshold − 1 as "."."""
    if not rows:
        return []
    counts = [[e.via_participations, e.via_experiences, e.total] for e in rows]  # type: ignore[attr-defined]
    grid = Grid.build(counts, row_totals=False, col_totals=False)
    shown = publish(grid, suppress(grid))
    return [Published(e, *cells) for e, cells in zip(rows, shown, strict=True)]


def any_suppressed(rows: Sequence[Published]) -> bool:
    """Whether the note on "." belongs under the rows."""
    return any(MARK in (r.via_participations, r.via_experiences, r.total) for r in rows)
