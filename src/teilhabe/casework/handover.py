"""Handover: reassign persons (and their open case) to another case manager of the
owning organisation. Who may hand over is decided by `people.access` (the principal must
see each person as case manager of its owning organisation).

Deputies (Vertretung): a case manager names a colleague of the same organisation who, for a
period, sees the persons assigned to an absent colleague (the rule is in `people.access`)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from teilhabe.casework.cases import open_case_by_person
from teilhabe.casework.models import Deputy
from teilhabe.core.audit import audit_record
from teilhabe.core.models import Alliance, Membership, Organisation, Role
from teilhabe.core.roles import Principal
from teilhabe.people.access import owned_persons
from teilhabe.people.models import Person


def _case_manager_orgs(user: User, alliance: Alliance | None) -> set[object]:
    return set(
        Membership.objects.filter(
            user=user,
            user__is_active=True,
            alliance=alliance,
            role=Role.CASE_MANAGER,
            is_active=True,
        ).values_list("organisation_id", flat=True)
    )


def _require_case_manager_of(principal: Principal, organisation_id: object) -> bool:
    """404 unless the principal is case manager of the organisation; True when only on a
    need-to-know basis (§ 35 SGB I)."""
    # Not a case manager there: the organisation's deputies are none of its business.
    memberships = [
        m for m in principal.case_manager_memberships() if m.organisation_id == organisation_id
    ]
    if not memberships:
        raise Http404
    return all(m.assigned_only for m in memberships)


@transaction.atomic
def persons_reassign(
    *,
    principal: Principal,
    person_ids: Iterable[uuid.UUID | str],
    to_user: User,
    note: str = "",
) -> list[Person]:
    """Assign every person (and its open case) to `to_user`; all or nothing.

    An id the principal may not see answers 404 and nothing changes. `note` is not
    stored in the audit log (no personal value there)."""
    ids = {uuid.UUID(str(i)) for i in person_ids}
    persons = list(owned_persons(principal).filter(pk__in=ids).select_for_update())
    if not ids or len(persons) != len(ids):
        raise Http404
    orgs = _case_manager_orgs(to_user, principal.alliance)
    if any(p.owner_id not in orgs for p in persons):
        raise ValidationError(
            {"to_user": _("The colleague is not a case manager of the person's organisation.")}
        )
    cases = open_case_by_person([p.pk for p in persons])
    for person in persons:
        person.assigned_to = to_user
        person.save(update_fields=["assigned_to"])
        case = cases.get(person.pk)
        if case is not None:
            case.case_manager = to_user
            case.save(update_fields=["case_manager"])
        audit_record(
            action="person.reassign",
            actor=principal.user,
            alliance=principal.alliance,
            organisation=person.owner,
            obj=person,
        )
    return persons


@transaction.atomic
def deputy_set(
    *,
    principal: Principal,
    organisation: Organisation,
    absent: User,
    deputy: User,
    valid_from: dt.date,
    valid_until: dt.date,
) -> Deputy:
    """`deputy` sees the persons assigned to `absent` from `valid_from` to `valid_until`
    (inclusive). Both, and the principal, are case managers of `organisation`; a
    need-to-know principal names a deputy only for its own absence."""
    if organisation.alliance_id != getattr(principal.alliance, "pk", None):
        raise Http404
    need_to_know = _require_case_manager_of(principal, organisation.pk)
    errors: dict[str, str] = {}
    # Otherwise a need-to-know case manager could deputise itself into a colleague's persons.
    if need_to_know and absent.pk != principal.user.pk:
        errors["absent"] = _("You can name a deputy only for your own absence.")
    if organisation.pk not in _case_manager_orgs(absent, principal.alliance):
        errors["absent"] = _("The colleague is not a case manager of this organisation.")
    if organisation.pk not in _case_manager_orgs(deputy, principal.alliance):
        errors["deputy"] = _("The deputy is not a case manager of this organisation.")
    elif absent.pk == deputy.pk:
        errors["deputy"] = _("A colleague cannot be their own deputy.")
    if valid_until < valid_from:
        errors["valid_until"] = _("The end date must not be before the start date.")
    if errors:
        raise ValidationError(errors)
    row = Deputy.objects.create(
        alliance=organisation.alliance,
        organisation=organisation,
        absent=absent,
        deputy=deputy,
        valid_from=valid_from,
        valid_until=valid_until,
        created_by=principal.user if isinstance(principal.user, User) else None,
    )
    audit_record(
        action="deputy.set",
        actor=principal.user,
        alliance=principal.alliance,
        organisation=organisation,
        obj=row,
    )
    return row


@transaction.atomic
def deputy_end(*, principal: Principal, deputy_row: Deputy, today: dt.date) -> Deputy | None:
    """End a deputy now: access ends with yesterday. A deputy that has not begun yet is
    removed (returns None); one already over is left alone."""
    if deputy_row.alliance_id != getattr(principal.alliance, "pk", None):
        raise Http404
    need_to_know = _require_case_manager_of(principal, deputy_row.organisation_id)
    if need_to_know and principal.user.pk not in (deputy_row.absent_id, deputy_row.deputy_id):
        raise Http404
    if deputy_row.valid_until < today:
        raise ValidationError({"valid_until": _("This deputy has already ended.")})
    audit_record(
        action="deputy.end",
        actor=principal.user,
        alliance=principal.alliance,
        organisation=deputy_row.organisation,
        obj=deputy_row,
    )
    if deputy_row.valid_from >= today:
        deputy_row.delete()
        return None
    deputy_row.valid_until = today - dt.timedelta(days=1)
    deputy_row.save(update_fields=["valid_until", "updated_at"])
    return deputy_row
