"""Access helpers: the only way views and API handlers reach persons.

They answer 404 for anything the user may not see, never 403, so that the existence of a
record in another organisation or alliance is not revealed.
"""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from django.http import Http404

from teilhabe.core.models import Role
from teilhabe.core.roles import Principal
from teilhabe.people.models import Person


def persons_for(principal: Principal) -> QuerySet[Person]:
    """Persons the principal may see in its alliance.

    Case managers see persons owned by their organisation (only those assigned to them when
    their membership is need-to-know). Partner staff see persons only through a consent,
    which arrives with the casework issue: until then they see none. Coordinators and
    statewide roles see no person.
    """
    if principal.alliance is None:
        return Person.objects.none()
    condition = Q()
    matched = False
    for m in principal.memberships:
        if m.role != Role.CASE_MANAGER:
            continue
        clause = Q(owner_id=m.organisation_id)
        if m.assigned_only:
            clause &= Q(assigned_to_id=principal.user.pk)
        condition |= clause
        matched = True
    if not matched:
        return Person.objects.none()
    return Person.objects.filter(alliance=principal.alliance).filter(condition)


def get_person_for_user(principal: Principal, person_id: uuid.UUID | str) -> Person:
    try:
        return (
            persons_for(principal)
            .select_related("owner", "residence", "assigned_to")
            .get(pk=person_id)
        )
    except (Person.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
