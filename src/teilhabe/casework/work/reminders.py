"""Own reminders (Wiedervorlagen) and appointments (Termine): FollowUps addressed to one
case manager, with an optional time and a note.

They hang on the person's open case (a FollowUp needs one). The reminded colleague must be
an active case manager of the acting organisation, so a reminder never leaves it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.cases import open_case
from teilhabe.casework.models import Case, FollowUp
from teilhabe.casework.work.services import Actor, _audit, _same_alliance, _user
from teilhabe.core.models import AuditEvent, Organisation, Role
from teilhabe.people.access import PersonAccess


def reminder_colleagues(organisation: Organisation) -> QuerySet[User]:
    """Who may be reminded: the organisation's active case managers."""
    return (
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__role=Role.CASE_MANAGER,
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def _open_case(access: PersonAccess) -> Case:
    case = open_case(access.person)
    if case is None:
        raise ValidationError(_("A reminder needs an open case."))
    return case


@transaction.atomic
def followup_create(
    *,
    access: PersonAccess,
    actor: Actor,
    kind: str,
    due_on: dt.date,
    time: dt.time | None = None,
    note: str = "",
    assigned_to: User | None = None,
) -> FollowUp:
    """A reminder or appointment on the person's open case, for the actor or a colleague."""
    if not access.is_owner:
        raise Http404
    if kind not in FollowUp.OWN:
        raise ValidationError({"reason": _("Choose a reminder or an appointment.")})
    user = _user(actor)
    assigned_to = assigned_to or user
    if (
        assigned_to is None
        or not reminder_colleagues(access.organisation).filter(pk=assigned_to.pk).exists()
    ):
        raise ValidationError({"assigned_to": _("Choose a case manager of your organisation.")})
    case = _open_case(access)
    _same_alliance(access.organisation, alliance_id=case.alliance_id)
    follow_up = FollowUp(
        alliance_id=case.alliance_id,
        case=case,
        reason=kind,
        due_on=due_on,
        time=time,
        note=note,
        assigned_to=assigned_to,
        created_by=user,
    )
    follow_up.full_clean()
    follow_up.save()
    _audit(AuditEvent.Action.CREATE, actor=actor, organisation=access.organisation, obj=follow_up)
    return follow_up


@transaction.atomic
def followup_snooze(
    *, follow_up: FollowUp, actor: Actor, organisation: Organisation, due_on: dt.date
) -> FollowUp:
    """Move an open follow-up to a later day."""
    _same_alliance(organisation, alliance_id=follow_up.alliance_id)
    if follow_up.done_on is not None:
        raise ValidationError(_("The follow-up is already done."))
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": _("Choose a date after today.")})
    follow_up.due_on = due_on
    follow_up.full_clean()
    follow_up.save(update_fields=["due_on", "updated_at"])
    _audit(AuditEvent.Action.UPDATE, actor=actor, organisation=organisation, obj=follow_up)
    return follow_up


def open_reminders(person_ids: Iterable[uuid.UUID]) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(
        case__person_id__in=list(person_ids), reason__in=FollowUp.OWN, done_on__isnull=True
    )


def next_dates(person_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dt.date]:
    """The earliest open reminder or appointment per person (one query)."""
    rows = (
        open_reminders(person_ids)
        .order_by()
        .values("case__person_id")
        .annotate(first=Min("due_on"))
        .values_list("case__person_id", "first")
    )
    return dict(rows)
