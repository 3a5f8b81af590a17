"""Who may use the employer directory (404 otherwise, never 403).

The alliance's staff — case managers, partner staff and coordinators — read it; volunteers
do not (they place no one). Coordinators and case managers maintain it. Employers of
another alliance are never found.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from teilhabe.core.models import Organisation, Role
from teilhabe.core.roles import Principal, is_alliance_staff
from teilhabe.employers.models import Employer

EDIT_ROLES = (Role.COORDINATOR, Role.CASE_MANAGER)


def can_read(principal: Principal) -> bool:
    return principal.alliance is not None and is_alliance_staff(principal)


def can_edit(principal: Principal) -> bool:
    return principal.alliance is not None and any(
        m.role in EDIT_ROLES for m in principal.memberships
    )


def require(condition: bool) -> None:
    if not condition:
        raise Http404


def employers_for(principal: Principal) -> QuerySet[Employer]:
    """The directory the principal may read: its own alliance's employers (404 else)."""
    require(can_read(principal))
    return Employer.objects.filter(alliance=principal.alliance)


def get_employer(principal: Principal, employer_id: Any) -> Employer:
    employer = employers_for(principal).filter(pk=employer_id).first()
    require(employer is not None)
    assert employer is not None
    return employer


def choosable(alliance_id: Any) -> QuerySet[Employer]:
    """The employers a form may link to: the alliance's own, not archived."""
    return Employer.objects.filter(alliance_id=alliance_id, archived_on__isnull=True)


def acting_organisation(principal: Principal) -> Organisation | None:
    """The organisation a directory write is audited for: the first editing membership."""
    for m in principal.memberships:
        if m.role in EDIT_ROLES:
            return m.organisation
    return None
