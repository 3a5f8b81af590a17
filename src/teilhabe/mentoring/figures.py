"""Active mentoring pairs as a published count: per alliance with the total, suppressed
like every count that leaves the case management (`core.suppression`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance
from teilhabe.core.suppression import Grid, publish, suppress
from teilhabe.mentoring.models import MentoringPair
from teilhabe.people.access import accompaniment_consents


@dataclass(frozen=True)
class PairFigures:
    rows: list[tuple[str, int | str]]  # (alliance name, count or ".")
    total: int | str


def active_pairs_published(alliances: Sequence[Alliance]) -> PairFigures:
    """Pairs not ended whose consent holds today (a paused pair is not active); two
    queries for any number of alliances."""
    if not alliances:
        return PairFigures([], 0)
    with scopes_disabled():  # aggregates across alliances, nothing personal leaves
        pairs = list(
            MentoringPair.objects.filter(
                alliance__in=list(alliances), ended_on__isnull=True
            ).values_list("alliance_id", "person_id", "organisation_id")
        )
        covered = accompaniment_consents([(p, o) for _, p, o in pairs])
    counts = Counter(a for a, p, o in pairs if (p, o) in covered)
    grid = Grid.build([[counts[a.pk]] for a in alliances], row_totals=False)
    shown = publish(grid, suppress(grid))
    rows = [(a.name, shown[i][0]) for i, a in enumerate(alliances)]
    return PairFigures(rows, shown[-1][0])
