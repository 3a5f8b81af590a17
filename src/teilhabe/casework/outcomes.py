"""The outcome after exit: recording it (`exit_outcome_record`) and the one rule of a
"transition within 6 months" that offer quality (`trajectories.quality`) and the
monitoring (`reporting.selectors.transition_to`, the key figures) count by.

The rule: the situation found at the check is vocational training or work, found on or
after the case's closure and at most TRANSITION_DAYS after it. An outcome found before the
case's current closure belongs to an earlier one (the case was reopened) and counts for
nothing; a recorded outcome of the current closure replaces the closure reason's guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models import Case, ExitOutcome, FollowUp, Situation
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation

TRANSITION_DAYS = 183  # six months
INTO_TRAINING_OR_WORK = (Situation.VOCATIONAL_TRAINING.value, Situation.EMPLOYMENT.value)


def current_outcomes() -> QuerySet[ExitOutcome]:
    """Outcomes of the cases' current closure (closed, found on or after the closure)."""
    return ExitOutcome.objects.filter(
        case__status=Case.Status.CLOSED, found_on__gte=F("case__closed_on")
    )


def current_outcome(case: Case) -> ExitOutcome | None:
    """The outcome of the case's current closure, as `current_outcomes` has it (no query
    when the caller selected `exit_outcome` with the case)."""
    try:
        outcome: ExitOutcome = case.exit_outcome  # type: ignore[attr-defined]
    except ExitOutcome.DoesNotExist:
        return None
    closed = case.status == Case.Status.CLOSED and case.closed_on is not None
    return outcome if closed and outcome.found_on >= case.closed_on else None  # type: ignore[operator]


def transitions_within_6_months(
    kinds: Iterable[str] = INTO_TRAINING_OR_WORK,
) -> QuerySet[ExitOutcome]:
    """The outcomes that are a transition within 6 months of the exit (see the module)."""
    return current_outcomes().filter(
        situation__in=list(kinds),
        found_on__lte=F("case__closed_on") + dt.timedelta(days=TRANSITION_DAYS),
    )


@transaction.atomic
def exit_outcome_record(
    *,
    case: Case,
    actor: User | AnonymousUser,
    organisation: Organisation,
    situation: str,
    found_on: dt.date,
    note: str = "",
) -> ExitOutcome:
    """Record (or correct) the situation after the case's closure; the pending closure
    check is done with it. Callers have checked that the actor owns the case."""
    if organisation.alliance_id != case.alliance_id:
        raise ValidationError(_("The records do not belong to the same alliance."))
    if case.status != Case.Status.CLOSED or case.closed_on is None:
        raise ValidationError(_("A situation after exit is recorded for a closed case only."))
    if found_on < case.closed_on:
        raise ValidationError({"found_on": _("The date cannot be before the closure.")})
    today = timezone.localdate()
    if found_on > today:
        raise ValidationError({"found_on": _("The date cannot be in the future.")})
    outcome = ExitOutcome.objects.filter(case=case).first()
    action = AuditEvent.Action.UPDATE if outcome else AuditEvent.Action.CREATE
    outcome = outcome or ExitOutcome(alliance_id=case.alliance_id, case=case)
    outcome.situation = situation
    outcome.found_on = found_on
    outcome.note = note
    outcome.recorded_by = actor if isinstance(actor, User) else None
    outcome.full_clean()
    outcome.save()
    checks = FollowUp.objects.filter(
        case=case, reason=FollowUp.Reason.CLOSURE_CHECK, done_on__isnull=True
    )
    for check in checks:
        check.done_on = today
        check.save(update_fields=["done_on", "updated_at"])
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            alliance=case.alliance,
            organisation=organisation,
            obj=check,
        )
    audit_record(
        action=action,
        actor=actor,
        alliance=case.alliance,
        organisation=organisation,
        obj=outcome,
    )
    return outcome
