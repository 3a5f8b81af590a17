"""Person-page sections of sharing (consents, referrals), each with a fixed query count."""

from __future__ import annotations

from typing import Any

from teilhabe.casework.sharing.selectors import (
    consent_rows,
    consents_of_person,
    referrals_for_access,
)
from teilhabe.people.access import PersonAccess


def consents_section(access: PersonAccess) -> dict[str, Any]:
    """Owner only (the section has no category): every consent with its status."""
    return {
        "person": access.person,
        "consent_rows": consent_rows(consents_of_person(access.person)),
    }


def referrals_section(access: PersonAccess) -> dict[str, Any]:
    """The owner sees all referrals of the person's cases; a partner those addressed to it."""
    return {
        "person": access.person,
        "referrals": referrals_for_access(access),
        "referrals_owner_view": access.is_owner,
    }
