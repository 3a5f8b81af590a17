"""Unusual access: users who opened many persons of an organisation in a short time.

The one rule the data-protection officer's start page (and anything later) asks. It reads
the audit log only: reads of a person by the organisation's own staff (`view`) and
disclosures of its persons to partners (`disclose`), the same events `log_for` shows.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.privacy.selectors import log_for

WINDOW_DAYS = 7
# Unusual: more than FACTOR times the median of all readers in the window (and at least
# MIN_READS, so that three reads against a median of one are not an alarm), or more than
# CEILING persons whatever the others do.
FACTOR = 3
MIN_READS = 20
CEILING = 100
PERSON_READS = (AuditEvent.Action.VIEW, AuditEvent.Action.DISCLOSE)


@dataclass(frozen=True)
class Reader:
    user_id: int
    email: str
    persons: int  # distinct persons opened in the window


@dataclass(frozen=True)
class UnusualAccess:
    since: dt.datetime
    median: float
    readers: list[Reader]  # the unusual ones, most persons first
    # The rule's figures, for the page that explains it.
    factor: int = FACTOR
    min_reads: int = MIN_READS
    ceiling: int = CEILING


def is_unusual(persons: int, median: float) -> bool:
    return persons > CEILING or (persons >= MIN_READS and persons > FACTOR * median)


def unusual_access(
    organisations: list[Organisation], now: dt.datetime | None = None
) -> UnusualAccess:
    """Readers of the organisations' persons in the last WINDOW_DAYS whose number of distinct
    persons opened is unusual (`is_unusual`). Two queries, whatever the log's size."""
    since = (now or timezone.now()) - dt.timedelta(days=WINDOW_DAYS)
    rows = list(
        log_for(organisations)
        .filter(
            at__gte=since,
            action__in=PERSON_READS,
            object_type="people.person",
            actor__isnull=False,
        )
        .order_by()
        .values("actor_id", "actor__email")
        .annotate(persons=Count("object_id", distinct=True))
    )
    median = float(statistics.median(r["persons"] for r in rows)) if rows else 0.0
    readers = [
        Reader(user_id=r["actor_id"], email=r["actor__email"], persons=r["persons"])
        for r in rows
        if is_unusual(r["persons"], median)
    ]
    readers.sort(key=lambda r: (-r.persons, r.email))
    return UnusualAccess(since=since, median=median, readers=readers)
