"""Writes concerning persons. A read of a person page is audited like a write."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.db import transaction

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.request_context import current_request_id
from teilhabe.core.roles import Principal
from teilhabe.people.access import PersonAccess, Shared
from teilhabe.people.models import ListDisclosure, ListDisclosureEntry

if TYPE_CHECKING:
    from teilhabe.casework.models import Consent


def entry_audit(*, access: PersonAccess, action: str, obj: Any, purpose: str = "") -> None:
    """The audit event of a write to (or a file read of) one of the person's rows, by the
    acting organisation, naming the consent it relied on where it acts through one."""
    audit_record(
        action=action,
        actor=access.principal.user,
        alliance=access.principal.alliance,
        organisation=access.organisation,
        obj=obj,
        purpose=purpose,
        consent_id=access.consent_ids[0] if access.consent_ids else None,
    )


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


@transaction.atomic
def list_disclosures_record(
    *, principal: Principal, surface: str, persons: Iterable[Any], shared: dict[Any, Shared]
) -> ListDisclosure | None:
    """A partner's list, search, API list or export showed these rows (`with_visibility`
    rows): one disclosure for the request, one entry per person shown through a consent
    and per consent relied on (§ 67d SGB X). Own persons are no disclosure; a request
    that showed none writes nothing. Two queries, whatever the page size."""
    entries = [
        (row.pk, consent_id, org_id)
        for row in persons
        if not row.owned and row.pk in shared
        for consent_id, org_id in shared[row.pk].consents
    ]
    if not entries:
        return None
    alliance = principal.alliance
    assert alliance is not None  # persons are only listed inside an alliance
    disclosure = ListDisclosure.objects.create(
        alliance=alliance,
        actor=principal.user if isinstance(principal.user, User) else None,
        surface=surface,
        request_id=current_request_id(),
    )
    ListDisclosureEntry.objects.bulk_create(
        ListDisclosureEntry(
            alliance=alliance,
            disclosure=disclosure,
            person_id=person_id,
            consent_id=consent_id,
            organisation_id=org_id,
        )
        for person_id, consent_id, org_id in entries
    )
    return disclosure
