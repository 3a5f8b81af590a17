"""The audit service: the only writer of AuditEvent.

Callers pass identifiers, never values: the signature has no room for a name or a note.
Writes join the caller's transaction, so an audited change and its event commit together.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User

from teilhabe.core.models import Alliance, AuditEvent, Organisation
from teilhabe.core.request_context import current_request_id

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


def audit_event(
    *,
    action: str,
    actor: User | AnonymousUser | None = None,
    alliance: Alliance | None = None,
    organisation: Organisation | None = None,
    obj: Any = None,
    object_type: str = "",
    object_id: uuid.UUID | None = None,
    purpose: str = "",
    consent_id: uuid.UUID | None = None,
    outcome: str = AuditEvent.Outcome.SUCCESS,
) -> AuditEvent:
    """The event `audit_record` writes, unsaved (bulk writers collect and insert them)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    return AuditEvent(
        actor=actor if isinstance(actor, User) else None,
        alliance=alliance,
        organisation=organisation,
        action=action,
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
        consent_id=consent_id,
        request_id=current_request_id(),
        outcome=outcome,
    )


def audit_record(
    *,
    action: str,
    actor: User | AnonymousUser | None = None,
    alliance: Alliance | None = None,
    organisation: Organisation | None = None,
    obj: Any = None,
    object_type: str = "",
    object_id: uuid.UUID | None = None,
    purpose: str = "",
    consent_id: uuid.UUID | None = None,
    outcome: str = AuditEvent.Outcome.SUCCESS,
) -> AuditEvent:
    """Write one audit event, in the caller's transaction."""
    event = audit_event(
        action=action,
        actor=actor,
        alliance=alliance,
        organisation=organisation,
        obj=obj,
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
        consent_id=consent_id,
        outcome=outcome,
    )
    event.save(force_insert=True)
    return event


def audit_record_many(events: list[AuditEvent]) -> None:
    """Insert events built with `audit_event` in one statement (bulk imports)."""
    AuditEvent.objects.bulk_create(events)
