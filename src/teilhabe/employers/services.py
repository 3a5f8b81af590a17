"""Writes of the employer directory: keyword-only, atomic, audited in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.employers.access import acting_organisation, can_edit, require
from teilhabe.employers.models import Employer

# The fields a form may set; alliance and archived_on are the services' own.
EDITABLE = (
    "name",
    "sector",
    "municipality",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
    "places_training",
    "places_internship",
    "places_employment",
    "last_contact_on",
    "in_network",
    "note",
)


def _audit(principal: Principal, action: str, employer: Employer, purpose: str) -> None:
    audit_record(
        action=action,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=acting_organisation(principal),
        obj=employer,
        purpose=purpose,
    )


def _apply(employer: Employer, data: dict[str, Any]) -> None:
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(employer, name, value)
    employer.full_clean(exclude=["alliance"])


@transaction.atomic
def employer_create(*, principal: Principal, data: dict[str, Any]) -> Employer:
    require(can_edit(principal))
    employer = Employer(alliance=principal.alliance)
    _apply(employer, data)
    employer.save()
    _audit(principal, AuditEvent.Action.CREATE, employer, "employer created")
    return employer


@transaction.atomic
def employer_update(*, principal: Principal, employer: Employer, data: dict[str, Any]) -> Employer:
    require(can_edit(principal) and employer.alliance_id == principal.alliance.pk)  # type: ignore[union-attr]
    _apply(employer, data)
    employer.save()
    _audit(principal, AuditEvent.Action.UPDATE, employer, "employer updated")
    return employer


@transaction.atomic
def employer_archive(*, principal: Principal, employer: Employer) -> Employer:
    """Takes the employer out of the forms' choices; links already made stay."""
    require(can_edit(principal) and employer.alliance_id == principal.alliance.pk)  # type: ignore[union-attr]
    if employer.archived_on is None:
        employer.archived_on = timezone.localdate()
        employer.save(update_fields=["archived_on", "updated_at"])
        _audit(principal, AuditEvent.Action.UPDATE, employer, "employer archived")
    return employer
