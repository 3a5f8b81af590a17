"""Open recognition procedures of an alliance as published counts: all open ones and those
open for more than three months (where young people wait on a decision), suppressed like
every count that leaves the case management (`core.suppression`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance
from teilhabe.core.suppression import Grid, publish, suppress
from teilhabe.recognition.models import RecognitionProcedure

LONG_DAYS = 91  # "more than three months"


@dataclass(frozen=True)
class OpenFigures:
    open: int | str
    long_open: int | str  # open for more than three months


def open_procedures_published(alliance: Alliance, today: dt.date | None = None) -> OpenFigures:
    """One query: the open procedures and those applied for more than three months ago."""
    since = (today or timezone.localdate()) - dt.timedelta(days=LONG_DAYS)
    with scopes_disabled():  # a count of one alliance, nothing personal leaves
        counts = RecognitionProcedure.objects.filter(
            alliance=alliance, decision=RecognitionProcedure.Decision.PENDING
        ).aggregate(open=Count("pk"), long=Count("pk", filter=Q(applied_on__lt=since)))
    grid = Grid.build([[counts["open"], counts["long"]]], row_totals=False, col_totals=False)
    shown = publish(grid, suppress(grid))
    return OpenFigures(shown[0][0], shown[0][1])
