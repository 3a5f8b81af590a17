"""Writes of the residence-status history and the follow-ups its expiry causes.

The current status is derived (selectors.current_status). When it expires within
STATUS_EXPIRY_FOLLOWUP_DAYS, the person's open case gets one follow-up for that entry
(the unique constraint (case, status_entry) makes this idempotent). The services keep the
follow-up in step with every change; the daily command `teilhabe status_followups` catches
the entries that come into the window as time passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import fields

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.cases import open_case, open_case_by_person
from teilhabe.casework.models import Case, FollowUp
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent
from teilhabe.people.access import PersonAccess
from teilhabe.people.intake.rules import (  # StatusData re-exported for the forms
    StatusData,
    check_status,
    expiry_followup,
    new_status_entry,
)
from teilhabe.people.intake.selectors import (
    annotate_current_status,
    current_status,
    expires_soon,
    expiry_days,
    expiry_due_on,
)
from teilhabe.people.models import Person, ResidenceStatusEntry
from teilhabe.people.services import entry_audit

__all__ = ["StatusData", "status_entry_add", "status_entry_delete", "status_entry_update"]


@transaction.atomic
def status_entry_add(
    *, access: PersonAccess, data: StatusData, today: dt.date | None = None
) -> ResidenceStatusEntry:
    if not access.is_owner:
        raise PermissionDenied
    check_status(data)
    entry = new_status_entry(access.person, data)
    entry.full_clean()
    entry.save()
    entry_audit(access=access, action=AuditEvent.Action.CREATE, obj=entry)
    status_followup_sync(person=access.person, today=today, actor_access=access)
    return entry


@transaction.atomic
def status_entry_update(
    *,
    access: PersonAccess,
    entry: ResidenceStatusEntry,
    data: StatusData,
    today: dt.date | None = None,
) -> ResidenceStatusEntry:
    """Correct an entry. A changed end of validity reopens the entry's follow-up when the
    new date lies within the window again."""
    if not access.is_owner or entry.person_id != access.person.pk:
        raise PermissionDenied
    check_status(data)
    moved = entry.valid_until != data.valid_until
    for f in fields(data):  # shallow: the values include model instances (Wohnsitzauflage)
        setattr(entry, f.name, getattr(data, f.name))
    entry.full_clean()
    entry.save()
    entry_audit(access=access, action=AuditEvent.Action.UPDATE, obj=entry)
    status_followup_sync(
        person=access.person, today=today, actor_access=access, reopen=entry if moved else None
    )
    return entry


@transaction.atomic
def status_entry_delete(
    *, access: PersonAccess, entry: ResidenceStatusEntry, today: dt.date | None = None
) -> None:
    """Delete a wrong entry; its follow-up goes with it (cascade), and the entry that is
    current afterwards gets one if it expires soon."""
    if not access.is_owner or entry.person_id != access.person.pk:
        raise PermissionDenied
    entry_audit(access=access, action=AuditEvent.Action.DELETE, obj=entry)
    entry.delete()
    status_followup_sync(person=access.person, today=today, actor_access=access)


def status_followup_sync(
    *,
    person: Person,
    today: dt.date | None = None,
    actor_access: PersonAccess | None = None,
    reopen: ResidenceStatusEntry | None = None,
) -> FollowUp | None:
    """Bring the person's status-expiry follow-ups in line with the current status.

    Open follow-ups of entries that are no longer current (or no longer expire soon) are
    resolved (done today): the new entry answered them. The current entry gets its
    follow-up when it expires within the window.
    """
    today = today or timezone.localdate()
    days = expiry_days()
    case = open_case(person)
    if case is None:
        return None
    current = current_status(person)
    wanted = current if current and expires_soon(current.valid_until, today, days) else None
    stale = FollowUp.objects.filter(
        case__person=person, reason=FollowUp.Reason.STATUS_EXPIRY, done_on__isnull=True
    )
    if wanted is not None:
        stale = stale.exclude(status_entry=wanted)
    stale.update(done_on=today, updated_at=timezone.now())
    if wanted is None:
        return None
    assert wanted.valid_until is not None  # expires_soon checked it
    due = expiry_due_on(wanted.valid_until, today, days)
    followup = FollowUp.objects.filter(status_entry=wanted).first()
    if followup is None:
        followup = expiry_followup(case=case, entry=wanted, today=today, days=days)
        assert followup is not None  # the same window as `wanted`
        followup.full_clean()
        followup.save()
        _audit_followup(followup, actor_access, AuditEvent.Action.CREATE)
        return followup
    reopened = reopen is not None and reopen.pk == wanted.pk and followup.done_on is not None
    if (followup.done_on is None and followup.due_on != due) or reopened:
        followup.due_on, followup.done_on = due, None
        followup.full_clean()
        followup.save(update_fields=["due_on", "done_on", "updated_at"])
        _audit_followup(followup, actor_access, AuditEvent.Action.UPDATE)
    return followup


def _audit_followup(followup: FollowUp, access: PersonAccess | None, action: str) -> None:
    audit_record(
        action=action,
        actor=access.principal.user if access else None,
        alliance=followup.case.alliance,
        organisation=access.organisation if access else followup.case.organisation,
        obj=followup,
        purpose="status_expiry",
    )


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    # SQLite limits the parameters of one statement.
    for i in range(0, len(items), size):
        yield items[i : i + size]


def status_followups_create_due(*, today: dt.date | None = None) -> tuple[int, int]:
    """The daily run over all alliances: every open case whose person's current status
    expires within the window gets its follow-up. Returns (created, already present);
    a second run on the same day creates nothing."""
    today = today or timezone.localdate()
    days = expiry_days()
    horizon = today + dt.timedelta(days=days)
    with scopes_disabled():
        persons = annotate_current_status(
            Person.objects.filter(cases__status=Case.Status.OPEN)
        ).filter(current_status_until__lte=horizon)
        due = {
            row["current_status_entry_id"]: row
            for row in persons.values("id", "current_status_entry_id", "current_status_until")
        }
        present: set = set()
        for chunk in _chunks(list(due)):
            present.update(
                FollowUp.objects.filter(status_entry_id__in=chunk).values_list(
                    "status_entry_id", flat=True
                )
            )
        missing = [row for entry_id, row in due.items() if entry_id not in present]
        created = 0
        for chunk in _chunks(missing):
            cases = open_case_by_person([row["id"] for row in chunk], "organisation", "alliance")
            for row in chunk:
                case = cases[row["id"]]
                with transaction.atomic():
                    followup = FollowUp(
                        alliance_id=case.alliance_id,
                        case=case,
                        reason=FollowUp.Reason.STATUS_EXPIRY,
                        due_on=expiry_due_on(row["current_status_until"], today, days),
                        status_entry_id=row["current_status_entry_id"],
                    )
                    # The rows come from the database; skip the per-row foreign-key lookups.
                    followup.full_clean(exclude=["alliance", "case", "status_entry"])
                    followup.save()
                    _audit_followup(followup, None, AuditEvent.Action.CREATE)
                created += 1
    return created, len(present)
