"""Follow-ups before a document runs out (a Duldung scan, a decision with an end date).

The nightly job gives the open case of every person whose document's `valid_until` lies
within STATUS_EXPIRY_FOLLOWUP_DAYS one follow-up (reason DOCUMENT_EXPIRY, source
"document:<id>"), due that many days ahead of the date. The constraint (case, source) and
the look-up below make a second run create nothing. Documents that ran out more than
LATE_DAYS ago are history, not a task.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.cases import open_case, open_case_by_person
from teilhabe.casework.models import Case, FollowUp
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent
from teilhabe.documents.models import PersonDocument
from teilhabe.people.intake.selectors import expiry_days, expiry_due_on

LATE_DAYS = 7  # a missed night (or a few) still creates the follow-up


def source_of(document_id: Any) -> str:
    return f"document:{document_id}"


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    # SQLite limits the parameters of one statement.
    for i in range(0, len(items), size):
        yield items[i : i + size]


def document_followups_create_due(*, today: dt.date | None = None) -> tuple[int, int]:
    """Returns (created, already present)."""
    today = today or timezone.localdate()
    days = expiry_days()
    with scopes_disabled():
        rows = list(
            PersonDocument.objects.filter(
                valid_until__gte=today - dt.timedelta(days=LATE_DAYS),
                valid_until__lte=today + dt.timedelta(days=days),
                person__cases__status=Case.Status.OPEN,
                person__anonymised_at__isnull=True,
                person__merged_into__isnull=True,
            )
            .values_list("pk", "person_id", "valid_until")
            .distinct()
        )
        present: set[str] = set()
        for chunk in _chunks(rows):
            present.update(
                FollowUp.objects.filter(source__in=[source_of(r[0]) for r in chunk]).values_list(
                    "source", flat=True
                )
            )
        missing = [r for r in rows if source_of(r[0]) not in present]
        created = 0
        for chunk in _chunks(missing):
            cases = open_case_by_person([r[1] for r in chunk], "organisation", "alliance")
            for pk, person_id, valid_until in chunk:
                case = cases.get(person_id)
                if case is None:
                    continue
                with transaction.atomic():
                    _create(case, pk, valid_until, today, days)
                created += 1
    return created, len(present)


def _create(
    case: Case, document_id: Any, valid_until: dt.date, today: dt.date, days: int
) -> FollowUp:
    followup = FollowUp(
        alliance_id=case.alliance_id,
        case=case,
        reason=FollowUp.Reason.DOCUMENT_EXPIRY,
        due_on=expiry_due_on(valid_until, today, days),
        source=source_of(document_id),
    )
    # The rows come from the database; skip the per-row foreign-key lookups.
    followup.full_clean(exclude=["alliance", "case"])
    followup.save()
    audit_record(
        action=AuditEvent.Action.CREATE,
        alliance=case.alliance,
        organisation=case.organisation,
        obj=followup,
        purpose="document_expiry",
    )
    return followup


def document_followup_now(
    document: PersonDocument, today: dt.date | None = None
) -> FollowUp | None:
    """At upload or correction: the document's follow-up at once when it runs out within
    the window (the nightly job would create it only the next morning)."""
    today = today or timezone.localdate()
    days = expiry_days()
    until = document.valid_until
    if until is None or not today - dt.timedelta(days=LATE_DAYS) <= until <= today + (
        dt.timedelta(days=days)
    ):
        return None
    case = open_case(document.person)
    if case is None or FollowUp.objects.filter(case=case, source=source_of(document.pk)).exists():
        return None
    return _create(case, document.pk, until, today, days)


def resolve_followups(document_ids: Iterable[Any], today: dt.date | None = None) -> int:
    """Mark the open expiry follow-ups of these documents done (the document is gone)."""
    sources = [source_of(pk) for pk in document_ids]
    return FollowUp.objects.filter(source__in=sources, done_on__isnull=True).update(
        done_on=today or timezone.localdate(), updated_at=timezone.now()
    )
