"""The key figures at the top of the Auswertung and of a report's summary: a handful of
totals for an alliance (or the state), the period, the period before and a short trend.

The figures are the totals of the indicators below them, counted by the indicators' own
rules (`selectors.active_in`, `opened_in`, `transition_to`, `has_finding`,
`referred_in`) — but for every period of the trend at once: one query over the cases
(conditional counts per period) and one over the referrals, whatever the number of
periods, persons or alliances.

Published as the tables publish them (`suppressed`, for everyone outside the case
management): a count by the primary rule of `core.suppression`; a part of the persons in
casework (intakes, persons with a finding) as `published_rates` publishes a part and its
whole, so neither the part nor the rest is a small count; the transitions rate only from
the two published transition counts it adds up. A figure not published is None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance
from teilhabe.core.suppression import Grid, publish, published_rate, published_rates, suppress
from teilhabe.reporting import periods
from teilhabe.reporting.selectors import (
    Filters,
    active_in,
    base_cases,
    has_finding,
    opened_in,
    referrals_in,
    referred_in,
    transition_to,
)
from teilhabe.trajectories.models import Transition

Number = int | float | None
TREND_LENGTH = 6
# The transitions a coordinator is asked about: into vocational training or work.
INTO_WORK = (Transition.VOCATIONAL_TRAINING.value, Transition.EMPLOYMENT.value)


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    value: Number  # None: not published (too few to show, or no persons to relate it to)
    previous: Number  # the same figure for the period before (`periods.previous`)
    is_rate: bool  # a share in per cent (one decimal); else a count
    trend: tuple[tuple[str, Number], ...]  # (period label, value), oldest first; ends with value

    @property
    def change(self) -> Number:
        """Value minus previous (percentage points for a rate); None if either is None."""
        if self.value is None or self.previous is None:
            return None
        if self.is_rate:
            return round(self.value - self.previous, 1)
        return self.value - self.previous

    @property
    def previous_label(self) -> str:
        return self.trend[-2][0] if len(self.trend) > 1 else ""


def key_figures(
    scope: Alliance | None,
    period: Filters,
    *,
    suppressed: bool = True,
    length: int = TREND_LENGTH,
) -> list[KeyFigure]:
    """The key figures of an alliance (None: every alliance, the state) for `period` (its
    organisation filter included), with the `length` periods up to it as the trend.
    `suppressed`: published as for everyone outside the case management."""
    spans = [
        Filters(start, end, period.organisation_id)
        for start, end in periods.trend(period.start, period.end, max(length, 2))
    ]
    with scopes_disabled():
        ids = [scope.pk] if scope else list(Alliance.objects.values_list("pk", flat=True))
        counts = {**_case_counts(ids, spans), "referrals": _referral_counts(ids, spans)}
    shown = _shown(counts, suppressed)
    into_work = [
        _rate([shown[kind][i] for kind in INTO_WORK], shown["persons"][i])
        for i in range(len(spans))
    ]
    labels = [periods.label(f.start, f.end) for f in spans]

    def figure(key: str, label: str, values: Sequence[object], is_rate: bool = False) -> KeyFigure:
        series = [v if isinstance(v, int | float) else None for v in values]
        return KeyFigure(
            key=key,
            label=label,
            value=series[-1],
            previous=series[-2],
            is_rate=is_rate,
            trend=tuple(zip(labels, series, strict=True))[-length:],
        )

    return [
        figure("persons", _("Persons in Teilhabemanagement"), shown["persons"]),
        figure("intakes", _("New intakes"), shown["intakes"]),
        figure("into_work", _("Share with a transition into training or work"), into_work, True),
        figure("careers", _("Persons with a Maßnahme-Karriere warning"), shown["flagged"]),
        figure("referrals", _("Referrals to partners"), shown["referrals"]),
    ]


def _shown(counts: dict[str, list[int]], suppressed: bool) -> dict[str, Sequence[object]]:
    """The counts as published (see the module's docstring), or as counted."""
    if not suppressed:
        return dict(counts)
    persons = counts["persons"]
    return {
        **{name: _published(counts[name]) for name in ("persons", "referrals", *INTO_WORK)},
        **{name: _published_parts(counts[name], persons) for name in ("intakes", "flagged")},
    }


def _case_counts(ids: Sequence[Any], spans: Sequence[Filters]) -> dict[str, list[int]]:
    """Per figure the count of each period: one query over the cases active in any of them.
    Persons are counted once (distinct), as the indicators count them."""
    whole = Filters(spans[0].start, spans[-1].end, spans[0].organisation_id)
    cases = base_cases(ids, whole).annotate(flagged=has_finding("person_id"))
    aggregates: dict[str, Any] = {}
    for i, f in enumerate(spans):
        active = active_in(f)
        aggregates[f"persons_{i}"] = Count("person_id", distinct=True, filter=active)
        aggregates[f"intakes_{i}"] = Count("person_id", distinct=True, filter=opened_in(f))
        aggregates[f"flagged_{i}"] = Count(
            "person_id", distinct=True, filter=active & Q(flagged=True)
        )
        for kind in INTO_WORK:
            moved = transition_to(ids, f, kind, person="person_id")
            aggregates[f"{kind}_{i}"] = Count("person_id", distinct=True, filter=active & moved)
    row = cases.aggregate(**aggregates)
    names = ("persons", "intakes", "flagged", *INTO_WORK)
    return {name: [row[f"{name}_{i}"] or 0 for i in range(len(spans))] for name in names}


def _referral_counts(ids: Sequence[Any], spans: Sequence[Filters]) -> list[int]:
    whole = Filters(spans[0].start, spans[-1].end, spans[0].organisation_id)
    aggregates = {f"r{i}": Count("pk", filter=referred_in(f)) for i, f in enumerate(spans)}
    row = referrals_in(ids, whole).aggregate(**aggregates)
    return [row[f"r{i}"] or 0 for i in range(len(spans))]


def _published(counts: Sequence[int]) -> list[int | str]:
    """Each period's count by the primary rule (a count alone has no margin to protect)."""
    grid = Grid.build([[n] for n in counts], row_totals=False, col_totals=False)
    return [row[0] for row in publish(grid, suppress(grid))]


def _published_parts(parts: Sequence[int], wholes: Sequence[int]) -> list[object]:
    """Each period's part of its whole as `published_rates` publishes it."""
    rows = published_rates(list(zip(parts, wholes, strict=True)), with_total=False)
    return [part for part, _whole, _rate in rows]


def _rate(parts: Sequence[object], whole: object) -> float | None:
    """The share of the summed parts as the tables publish it (`published_rate`: only from
    published counts, rounded as there), as a number of per cent."""
    if not isinstance(whole, int) or not all(isinstance(p, int) for p in parts):
        return None
    shown = published_rate(sum(p for p in parts if isinstance(p, int)), whole)
    try:
        return float(shown.removesuffix("%").strip().replace(",", "."))
    except ValueError:  # "." (hidden) or "–" (no persons to relate it to)
        return None
