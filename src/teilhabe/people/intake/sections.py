"""Person-page sections of intake and profile (residence status, profile)."""

from __future__ import annotations

from typing import Any

from teilhabe.people.access import PersonAccess


def status_section(access: PersonAccess) -> dict[str, Any]:
    return {"person": access.person}


def profile_section(access: PersonAccess) -> dict[str, Any]:
    return {"person": access.person}
