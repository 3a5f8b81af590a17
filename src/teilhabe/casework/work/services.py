"""Writes of the daily casework: closure and reopening, needs, plan, contacts.

Callers have already checked access (views start at people.access). Each service is atomic,
validates with full_clean(), checks that related rows belong to the same alliance and
writes its audit event in the same transaction. Audit events carry ids, never values.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import (
    Case,
    CaseStatusChange,
    ClosureReason,
    Contact,
    ContactTopicLink,
    FollowUp,
    Goal,
    NeedAssessment,
    Step,
)
from teilhabe.casework.models.plans import PlanStatus
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation

Actor = User | AnonymousUser

CLOSURE_CHECK_NEEDS_OUTCOME = _(
    "A follow-up check after closure is done when the situation after exit is recorded."
)
CHANGED_MEANWHILE = _(
    "This case was changed by someone else meanwhile. Please reload the page and try again."
)


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _same_alliance(*objs: object, alliance_id: object) -> None:
    for obj in objs:
        if getattr(obj, "alliance_id", alliance_id) != alliance_id:
            raise ValidationError(_("The records do not belong to the same alliance."))


def _check_field(field: FieldOfAction, alliance_id: object) -> None:
    # Fields of action are global defaults (no alliance) or the alliance's own.
    if field.alliance_id is not None and field.alliance_id != alliance_id:
        raise ValidationError(_("The field of action does not belong to this alliance."))


def _audit(action: str, *, actor: Actor, organisation: Organisation, obj: object) -> None:
    audit_record(
        action=action,
        actor=actor,  # type: ignore[arg-type]
        alliance=obj.alliance,  # type: ignore[attr-defined]
        organisation=organisation,
        obj=obj,
    )


def _versioned_update(case: Case, version: int, **changes: object) -> None:
    """Optimistic concurrency: write only if nobody changed the case since it was read."""
    changed = copy.copy(case)  # the caller's object stays as read if the write fails
    for name, value in changes.items():
        setattr(changed, name, value)
    changed.full_clean()
    rows = Case.objects.filter(pk=case.pk, version=version).update(
        **changes, version=version + 1, updated_at=timezone.now()
    )
    if rows == 0:
        raise ValidationError(CHANGED_MEANWHILE)
    for name, value in changes.items():
        setattr(case, name, value)
    case.version = version + 1


# --- closure and reopening ----------------------------------------------------------------


@transaction.atomic
def case_close(
    *,
    case: Case,
    actor: Actor,
    organisation: Organisation,
    reason: str,
    closed_on: dt.date,
    follow_up_on: dt.date | None,
    version: int,
) -> Case:
    """Close a case with its reason; a follow-up check date puts a reminder on the start
    page (FollowUp "closure_check"). The closure is also a CaseStatusChange, so reopening
    later keeps it in the history."""
    _same_alliance(organisation, alliance_id=case.alliance_id)
    if case.status != Case.Status.OPEN:
        raise ValidationError(_("The case is already closed."))
    if reason not in ClosureReason.values:
        raise ValidationError({"reason": _("Choose a reason for the closure.")})
    if closed_on < case.opened_on:
        raise ValidationError({"closed_on": _("A case cannot be closed before it was opened.")})
    if follow_up_on is not None and follow_up_on < closed_on:
        raise ValidationError(
            {"follow_up_on": _("The follow-up check cannot be before the closure.")}
        )
    _versioned_update(
        case,
        version,
        status=Case.Status.CLOSED,
        closed_on=closed_on,
        closure_reason=reason,
        follow_up_check_on=follow_up_on,
    )
    change = CaseStatusChange(
        alliance=case.alliance,
        case=case,
        status=Case.Status.CLOSED,
        reason=reason,
        on=closed_on,
        by=_user(actor),
    )
    change.full_clean()
    change.save()
    if follow_up_on is not None:
        follow_up = FollowUp(
            alliance=case.alliance,
            case=case,
            reason=FollowUp.Reason.CLOSURE_CHECK,
            due_on=follow_up_on,
        )
        follow_up.full_clean()
        follow_up.save()
    _audit(AuditEvent.Action.UPDATE, actor=actor, organisation=organisation, obj=case)
    return case


@transaction.atomic
def case_reopen(
    *,
    case: Case,
    actor: Actor,
    organisation: Organisation,
    reopened_on: dt.date,
    version: int,
) -> Case:
    """Reopen a closed case. The closure stays in the status history; the case itself
    is open again, without closure date, reason or check date. A pending closure check
    is settled, since there is nothing to check on an open case."""
    _same_alliance(organisation, alliance_id=case.alliance_id)
    if case.status != Case.Status.CLOSED:
        raise ValidationError(_("The case is already open."))
    if case.closed_on is not None and reopened_on < case.closed_on:
        raise ValidationError({"reopened_on": _("A case cannot be reopened before it was closed.")})
    _versioned_update(
        case,
        version,
        status=Case.Status.OPEN,
        closed_on=None,
        closure_reason="",
        follow_up_check_on=None,
    )
    change = CaseStatusChange(
        alliance=case.alliance, case=case, status=Case.Status.OPEN, on=reopened_on, by=_user(actor)
    )
    change.full_clean()
    change.save()
    FollowUp.objects.filter(
        case=case, reason=FollowUp.Reason.CLOSURE_CHECK, done_on__isnull=True
    ).update(done_on=reopened_on)
    _audit(AuditEvent.Action.UPDATE, actor=actor, organisation=organisation, obj=case)
    return case


@transaction.atomic
def followup_complete(
    *, follow_up: FollowUp, actor: Actor, organisation: Organisation, done_on: dt.date
) -> FollowUp:
    """Mark a follow-up as done (it leaves the start page; the row stays). A closure check
    is done only with its outcome (`casework.outcomes.exit_outcome_record`)."""
    _same_alliance(organisation, alliance_id=follow_up.alliance_id)
    if follow_up.done_on is not None:
        raise ValidationError(_("The follow-up is already done."))
    if follow_up.reason == FollowUp.Reason.CLOSURE_CHECK:
        raise ValidationError(CLOSURE_CHECK_NEEDS_OUTCOME)
    follow_up.done_on = done_on
    follow_up.full_clean()
    follow_up.save(update_fields=["done_on", "updated_at"])
    _audit(AuditEvent.Action.UPDATE, actor=actor, organisation=organisation, obj=follow_up)
    return follow_up


# --- needs --------------------------------------------------------------------------------


@transaction.atomic
def need_assessments_record(
    *,
    case: Case,
    actor: Actor,
    organisation: Organisation,
    assessed_on: dt.date,
    rows: Sequence[tuple[FieldOfAction, str, str]],
) -> list[NeedAssessment]:
    """Record one dated assessment per (field, level, note). Earlier ones stay: the
    current level of a field is its latest assessment."""
    _same_alliance(organisation, alliance_id=case.alliance_id)
    created = []
    for field, level, note in rows:
        _check_field(field, case.alliance_id)
        assessment = NeedAssessment(
            alliance=case.alliance,
            case=case,
            field_of_action=field,
            level=level,
            note=note,
            assessed_on=assessed_on,
            assessed_by=_user(actor),
            organisation=organisation,
        )
        assessment.full_clean()
        created.append(assessment)
    NeedAssessment.objects.bulk_create(created)
    for assessment in created:
        _audit(AuditEvent.Action.CREATE, actor=actor, organisation=organisation, obj=assessment)
    return created


# --- plan ---------------------------------------------------------------------------------


@transaction.atomic
def goal_create(*, case: Case, actor: Actor, organisation: Organisation, title: str) -> Goal:
    _same_alliance(organisation, alliance_id=case.alliance_id)
    goal = Goal(alliance=case.alliance, case=case, title=title, created_by=_user(actor))
    goal.full_clean()
    goal.save()
    _audit(AuditEvent.Action.CREATE, actor=actor, organisation=organisation, obj=goal)
    return goal


@transaction.atomic
def goal_update(
    *, goal: Goal, actor: Actor, organisation: Organisation, title: str, status: str
) -> Goal:
    _same_alliance(organisation, alliance_id=goal.alliance_id)
    goal.title = title
    goal.status = status
    goal.full_clean()
    goal.save(update_fields=["title", "status", "updated_at"])
    _audit(AuditEvent.Action.UPDATE, actor=actor, organisation=organisation, obj=goal)
    return goal


@transaction.atomic
def step_create(
    *,
    goal: Goal,
    actor: Actor,
    organisation: Organisation,
    title: str,
    responsible: Organisation,
    due_on: dt.date | None,
    status: str = PlanStatus.OPEN,
) -> Step:
    _same_alliance(organisation, responsible, alliance_id=goal.alliance_id)
    step = Step(
        alliance=goal.alliance,
        goal=goal,
        title=title,
        responsible=responsible,
        due_on=due_on,
        status=status,
    )
    step.full_clean()
    step.save()
    _audit(AuditEvent.Action.CREATE, actor=actor, organisation=organisation, obj=step)
    return step


@transaction.atomic
def step_update(
    *,
    step: Step,
    actor: Actor,
    organisation: Organisation,
    title: str,
    responsible: Organisation,
    due_on: dt.date | None,
    status: str,
) -> Step:
    _same_alliance(organisation, responsible, alliance_id=step.alliance_id)
    step.title = title
    step.responsible = responsible
    step.due_on = due_on
    step.status = status
    step.full_clean()
    step.save(update_fields=["title", "responsible", "due_on", "status", "updated_at"])
    _audit(AuditEvent.Action.UPDATE, actor=actor, organisation=organisation, obj=step)
    return step


@transaction.atomic
def step_status_set(*, step: Step, actor: Actor, organisation: Organisation, status: str) -> Step:
    _same_alliance(organisation, alliance_id=step.alliance_id)
    step.status = status
    step.full_clean()
    step.save(update_fields=["status", "updated_at"])
    _audit(AuditEvent.Action.UPDATE, actor=actor, organisation=organisation, obj=step)
    return step


# --- contacts -----------------------------------------------------------------------------


@transaction.atomic
def contact_create(
    *,
    case: Case,
    actor: Actor,
    organisation: Organisation,
    on: dt.date,
    duration_minutes: int,
    channel: str,
    interpreter: bool,
    topics: Iterable[FieldOfAction],
    note: str,
) -> Contact:
    """Record a counselling contact. It belongs to the recording organisation: its note
    is shown to that organisation only."""
    _same_alliance(organisation, alliance_id=case.alliance_id)
    topics = list(topics)
    for field in topics:
        _check_field(field, case.alliance_id)
    contact = Contact(
        alliance=case.alliance,
        case=case,
        organisation=organisation,
        author=_user(actor),
        on=on,
        duration_minutes=duration_minutes,
        channel=channel,
        interpreter=interpreter,
        note=note,
    )
    contact.full_clean()
    contact.save()
    ContactTopicLink.objects.bulk_create(
        [
            ContactTopicLink(alliance=case.alliance, contact=contact, field_of_action=field)
            for field in topics
        ]
    )
    _audit(AuditEvent.Action.CREATE, actor=actor, organisation=organisation, obj=contact)
    return contact
