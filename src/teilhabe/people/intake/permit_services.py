"""Writes of work permissions (Beschäftigungserlaubnis): recorded and withdrawn by the
owning organisation's case managers, like the residence status they belong to."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.people.access import PersonAccess
from teilhabe.people.models import ResidenceStatusEntry, WorkPermission
from teilhabe.people.services import entry_audit


@transaction.atomic
def work_permission_record(
    *,
    access: PersonAccess,
    kind: str,
    granted_on: dt.date,
    valid_until: dt.date | None = None,
    status_entry: ResidenceStatusEntry | None = None,
    provider: Organisation | None = None,
    employer_name: str = "",
    note: str = "",
) -> WorkPermission:
    """Record a permission for one employer or training place; it cannot outlast the status
    entry it was granted with (WorkPermission.clean)."""
    if not access.is_owner:
        raise PermissionDenied
    person = access.person
    if status_entry is not None and status_entry.person_id != person.pk:
        raise ValidationError({"status_entry": [_("The entry belongs to another person.")]})
    if provider is not None and provider.alliance_id != person.alliance_id:
        raise ValidationError({"provider": [_("The organisation is not part of this alliance.")]})
    permission = WorkPermission(
        alliance_id=person.alliance_id,
        person=person,
        status_entry=status_entry,
        provider=provider,
        employer_name=employer_name.strip(),
        kind=kind,
        granted_on=granted_on,
        valid_until=valid_until,
        note=note.strip(),
    )
    permission.full_clean()
    permission.save()
    entry_audit(access=access, action=AuditEvent.Action.CREATE, obj=permission)
    return permission


@transaction.atomic
def work_permission_withdraw(
    *, access: PersonAccess, permission: WorkPermission, on: dt.date | None = None
) -> WorkPermission:
    """The office withdrew the permission (or it was recorded in error): it stays in the
    history, dated, and opens no offer from that day on."""
    if not access.is_owner or permission.person_id != access.person.pk:
        raise PermissionDenied
    if permission.withdrawn_on is not None:
        return permission
    permission.withdrawn_on = on or timezone.localdate()
    permission.save(update_fields=["withdrawn_on", "updated_at"])
    entry_audit(access=access, action=AuditEvent.Action.UPDATE, obj=permission)
    return permission
