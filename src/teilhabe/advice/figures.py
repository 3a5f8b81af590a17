"""Figures for the alliance dashboard and the statewide view: advice requests by topic and
the median response time (first answer − asked), published through `core.suppression`
like every other count that leaves the case management. A constant number of queries: one
grouped count, one count of answered requests, one or two rows for the median."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, DurationField, ExpressionWrapper, F, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from teilhabe.advice.models import AdviceRequest, Topic
from teilhabe.core.models import Alliance
from teilhabe.core.suppression import MARK, Grid, Value, publish, suppress, threshold


@dataclass
class AdviceFigures:
    topics: list[tuple[str, Value]]  # label, published count
    total: Value
    answered: Value
    median: str  # formatted, or "." when too few answers to publish one


def _requests(alliance: Alliance | None) -> QuerySet[AdviceRequest]:
    rows = AdviceRequest.objects.all()
    return rows if alliance is None else rows.filter(alliance=alliance)


def median_response(rows: QuerySet[AdviceRequest]) -> tuple[int, dt.timedelta | None]:
    """(answered requests, median of first answer − asked), ordered in the database."""
    answered = rows.filter(first_answer_at__isnull=False).annotate(
        waited=ExpressionWrapper(F("first_answer_at") - F("asked_at"), output_field=DurationField())
    )
    count = answered.count()
    if not count:
        return 0, None
    ordered = answered.order_by("waited", "pk").values_list("waited", flat=True)
    middle = list(ordered[(count - 1) // 2 : count // 2 + 1])
    return count, sum(middle, dt.timedelta()) / len(middle)


def duration_text(value: dt.timedelta) -> str:
    hours = value.total_seconds() / 3600
    if hours < 48:
        return _("%(hours)s hours") % {"hours": number_format(round(hours, 1), 1)}
    return _("%(days)s days") % {"days": number_format(round(hours / 24, 1), 1)}


def advice_figures(alliance: Alliance | None) -> AdviceFigures:
    """The alliance's figures, or the state's with `alliance=None`."""
    with scopes_disabled():  # statewide: every alliance's rows; else filtered above
        rows = _requests(alliance)
        counts = dict(rows.order_by().values_list("topic").annotate(n=Count("pk")))
        answered, median = median_response(rows)
    grid = Grid.build([[counts.get(t, 0)] for t in Topic.values], row_totals=False)
    published = publish(grid, suppress(grid))
    labels = [str(label) for label in Topic.labels]
    shown_median = MARK if median is None or answered < threshold() else duration_text(median)
    answered_value: Value = answered if answered == 0 or answered >= threshold() else MARK
    return AdviceFigures(
        topics=[(labels[i], published[i][0]) for i in range(len(labels))],
        total=published[-1][0],
        answered=answered_value,
        median=shown_median if median is not None else "–",
    )
