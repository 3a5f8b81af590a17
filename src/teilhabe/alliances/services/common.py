"""Helpers shared by the services of this app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from teilhabe.core.audit import audit_record
from teilhabe.core.models import Alliance, Organisation, Role
from teilhabe.core.roles import Principal, is_state_coordinator


def acting_organisation(principal: Principal) -> Organisation | None:
    """The organisation on whose behalf a coordinator acts (for the audit log)."""
    orgs = principal.organisations(Role.COORDINATOR) or principal.organisations()
    return orgs[0] if orgs else None


def require_coordinator(principal: Principal) -> Alliance:
    if not principal.is_coordinator or principal.alliance is None:
        raise PermissionError("coordinator role required")
    return principal.alliance


def require_state_coordinator(actor: Any) -> None:
    if not is_state_coordinator(actor):
        raise PermissionError("state coordinator role required")


def same_alliance(obj: Any, alliance: Alliance, *, field: str) -> None:
    """Related objects must belong to the alliance the write happens in."""
    if obj is not None and getattr(obj, "alliance_id", None) != alliance.pk:
        raise ValidationError({field: _("Select an entry of this alliance.")})


def save_clean(obj: Any, *, update_fields: list[str] | None = None) -> Any:
    obj.full_clean()
    obj.save(update_fields=update_fields)
    return obj


def audit_write(principal: Principal, action: str, obj: Any, purpose: str = "") -> None:
    """An alliance-level audit event: identifiers only, in the caller's transaction."""
    audit_record(
        action=action,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=acting_organisation(principal),
        obj=obj,
        purpose=purpose,
    )
