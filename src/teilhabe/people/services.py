"""Writes concerning persons. A read of a person page is audited like a write."""

from __future__ import annotations

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.roles import Principal
from teilhabe.people.models import Person


def _acting_organisation(principal: Principal, person: Person) -> Organisation | None:
    for org in principal.organisations():
        if org.pk == person.owner_id:
            return org
    orgs = principal.organisations()
    return orgs[0] if orgs else None


def person_view_record(*, principal: Principal, person: Person) -> None:
    audit_record(
        action=AuditEvent.Action.VIEW,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=_acting_organisation(principal, person),
        obj=person,
    )
