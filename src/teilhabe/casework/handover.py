"""Handover: reassign persons (and their open case) to another case manager of the
owning organisation. Who may hand over is decided by `people.access` (the principal must
see each person as case manager of its owning organisation)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from teilhabe.casework.cases import open_case_by_person
from teilhabe.core.audit import audit_record
from teilhabe.core.models import Membership, Role
from teilhabe.core.roles import Principal
from teilhabe.people.access import owned_persons
from teilhabe.people.models import Person


def _case_manager_orgs(user: User, alliance: object) -> set[object]:
    return set(
        Membership.objects.filter(
            user=user, alliance=alliance, role=Role.CASE_MANAGER, is_active=True
        ).values_list("organisation_id", flat=True)
    )


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
