"""Writes concerning persons. A read of a person page is audited like a write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.people.access import PersonAccess

if TYPE_CHECKING:
    from teilhabe.casework.models import Consent


def person_view_record(*, access: PersonAccess, purpose: str = "") -> None:
    """Audit a read. A read through a consent is a disclosure (§ 67d SGB X): one event per
    consent it relies on, so an Art. 15 answer can name the real recipients."""
    if access.is_owner:
        audit_record(
            action=AuditEvent.Action.VIEW,
            actor=access.principal.user,
            alliance=access.principal.alliance,
            organisation=access.organisation,
            obj=access.person,
        )
        return
    for consent_id in access.consent_ids:
        audit_record(
            action=AuditEvent.Action.DISCLOSE,
            actor=access.principal.user,
            alliance=access.principal.alliance,
            organisation=access.organisation,
            obj=access.person,
            consent_id=consent_id,
            purpose=purpose or "consent",
        )


@transaction.atomic
def person_case_sheet_record(
    *, access: PersonAccess, recipient: Organisation, consents: Sequence[Consent]
) -> None:
    """A printed case sheet for a meeting is a disclosure to its recipient (§ 67d SGB X):
    one event per consent it relies on, like a partner's read through a consent."""
    for consent in consents:
        audit_record(
            action=AuditEvent.Action.DISCLOSE,
            actor=access.principal.user,
            alliance=access.principal.alliance,
            organisation=recipient,
            obj=access.person,
            consent_id=consent.pk,
            purpose="case sheet",
        )
