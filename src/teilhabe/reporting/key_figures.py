"""The key figures at the top of the Auswertung and of a report's summary: a handful of
totals for an alliance (or the state), the period, the period before and a short trend.

The figures are the totals of the indicators below them, counted by the indicators' own
rules (`selectors.active_in`, `opened_in`, `transition_to`, `has_finding`,
`referred_in`), per alliance: one query per period over its cases and one over the
referrals of all periods, whatever the number of persons or alliances (`counted`). The
task worker stores these counts per grid period and alliance with the indicators
(`stored`), also for the older periods of the trends; a page adds up the stored counts of
its alliances and counts live only the periods nobody stored (an organisation's own
figures, a period off the grid).

Published as the tables publish them (`suppressed`, for everyone outside the case
management): a count by the primary rule of `core.suppression`; a part of the persons in
casework (intakes, persons with a finding) as `published_rates` publishes a part and its
whole, so neither the part nor the rest is a small count; the transitions rate only from
the two published transition counts it adds up. A figure not published is None.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance
from teilhabe.core.suppression import Grid, publish, published_rate, published_rates, suppress
from teilhabe.reporting import periods
from teilhabe.reporting.selectors import (
    Filters,
    base_cases,
    has_finding,
    opened_in,
    referrals_in,
    referred_in,
    transition_to,
)
from teilhabe.reporting.stored import period_totals
from teilhabe.trajectories.models import Transition

Number = int | float | None
TREND_LENGTH = 6
# The transitions a coordinator is asked about: into vocational training or work.
INTO_WORK = (Transition.VOCATIONAL_TRAINING.value, Transition.EMPLOYMENT.value)
# What the key figures count, per period and alliance (stored with the indicators).
COUNTS = ("persons", "intakes", "flagged", *INTO_WORK, "referrals")
Counts = dict[str, int]


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
        counts = _counts(ids, spans)
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


@scopes_disabled()  # aggregates of whole alliances, for the state or the task worker
def counted(ids: Sequence[Any], spans: Sequence[Filters]) -> list[dict[str, Counts]]:
    """Per period, per alliance (its id as text): the counts behind the key figures, live.
    One query per period over the cases active in it (one query for all periods is slower:
    at full-state scale 55 s for 29 periods against 0.3 s a period), one over the referrals
    of all of them. Persons are counted once (distinct), as the indicators count them; a
    person belongs to one alliance, so an alliance's counts add up to the state's."""
    # Every alliance, with zeros where nothing counts (stored: "counted, none", not "unknown").
    out = [{str(a): dict.fromkeys(COUNTS, 0) for a in ids} for _ in spans]
    if not spans:
        return out
    for f, counts in zip(spans, out, strict=True):
        aggregates: dict[str, Any] = {
            "persons": Count("person_id", distinct=True),
            "intakes": Count("person_id", distinct=True, filter=opened_in(f)),
            "flagged": Count("person_id", distinct=True, filter=Q(flagged=True)),
        }
        for kind in INTO_WORK:
            moved = transition_to(ids, f, kind, person="person_id")
            aggregates[kind] = Count("person_id", distinct=True, filter=moved)
        # Rows keyed by the names made up above, which the stubs cannot know.
        rows = cast(
            Iterable[dict[str, Any]],
            base_cases(ids, f)
            .annotate(flagged=has_finding("person_id"))
            .values("alliance_id")
            .annotate(**aggregates)
            .order_by(),
        )
        for row in rows:
            counts[str(row["alliance_id"])].update({name: row[name] or 0 for name in COUNTS[:-1]})
    whole = Filters(
        min(f.start for f in spans), max(f.end for f in spans), spans[0].organisation_id
    )
    referred = {f"referrals_{i}": Count("pk", filter=referred_in(f)) for i, f in enumerate(spans)}
    referral_rows = cast(
        Iterable[dict[str, Any]],
        referrals_in(ids, whole).values("alliance_id").annotate(**referred).order_by(),
    )
    for row in referral_rows:
        for i, counts in enumerate(out):
            counts[str(row["alliance_id"])]["referrals"] = row[f"referrals_{i}"] or 0
    return out


def _counts(ids: Sequence[Any], spans: Sequence[Filters]) -> dict[str, list[int]]:
    """Per count the sum over these alliances of each period: from the stored figures where
    the task worker stored them (`stored.period_totals`), live for the other periods."""
    found = period_totals(ids, spans)
    missing = [i for i, totals in enumerate(found) if totals is None]
    for i, live in zip(missing, counted(ids, [spans[i] for i in missing]), strict=True):
        found[i] = {name: sum(c[name] for c in live.values()) for name in COUNTS}
    return {name: [(totals or {}).get(name, 0) for totals in found] for name in COUNTS}


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
