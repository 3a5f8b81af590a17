"""Person-page sections of sharing (consents, referrals)."""

from __future__ import annotations

from typing import Any

from teilhabe.people.access import PersonAccess


def consents_section(access: PersonAccess) -> dict[str, Any]:
    return {"person": access.person}


def referrals_section(access: PersonAccess) -> dict[str, Any]:
    return {"person": access.person}
