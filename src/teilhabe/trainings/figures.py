"""Trainings held and their participants, for the alliance dashboard and the statewide
view. The participants are counts of persons: published through `core.suppression` like
every figure that leaves the case management (a kind with 1 or 2 participants is ".", and
whatever would give it away through the total). The number of trainings held is not about
persons and is shown as it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance
from teilhabe.core.suppression import Grid, publish, suppress
from teilhabe.trainings.models import Registration, Training, TrainingKind

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class FigureRow:
    label: str
    held: int
    participants: int | str  # a count or "." (suppressed)


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    first = dt.datetime.combine(start, dt.time.min, tzinfo=BERLIN)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=BERLIN)
    return first, min(after, timezone.now())


def training_figures(alliance: Alliance | None, start: dt.date, end: dt.date) -> list[FigureRow]:
    """Per kind and in total: trainings that ended in the period (and are over), and the
    persons recorded as attending them. `alliance` None: every alliance (statewide)."""
    first, until = _bounds(start, end)
    attended = Q(
        registrations__status=Registration.Status.REGISTERED,
        registrations__attended=Registration.Attended.YES,
    )
    with scopes_disabled():  # the caller's page decides who reads; only counts leave
        held = Training.objects.filter(ends_at__gte=first, ends_at__lt=until)
        if alliance is not None:
            held = held.filter(alliance=alliance)
        counts = {
            row["kind"]: (row["held"], row["participants"])
            for row in held.values("kind")
            .annotate(
                held=Count("id", distinct=True),
                participants=Count("registrations", filter=attended),
            )
            .order_by()
        }
    kinds = list(TrainingKind)
    values = [counts.get(kind.value, (0, 0)) for kind in kinds]
    grid = Grid.build([[p] for _h, p in values], row_totals=False, col_totals=True)
    published = publish(grid, suppress(grid))
    rows = [
        FigureRow(str(kind.label), held, published[i][0])
        for i, (kind, (held, _p)) in enumerate(zip(kinds, values, strict=True))
    ]
    rows.append(FigureRow("", sum(h for h, _p in values), published[len(kinds)][0]))
    return rows
