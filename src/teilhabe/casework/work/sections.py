"""Person-page sections of the daily casework (cases, needs, plan, contacts)."""

from __future__ import annotations

from typing import Any

from teilhabe.casework.models import Case
from teilhabe.people.access import PersonAccess


def cases_section(access: PersonAccess) -> dict[str, Any]:
    cases = list(
        Case.objects.filter(person=access.person)
        .select_related("organisation", "case_manager")
        .order_by("-opened_on")
    )
    return {"person": access.person, "cases": cases}


def needs_section(access: PersonAccess) -> dict[str, Any]:
    return {"person": access.person}


def plan_section(access: PersonAccess) -> dict[str, Any]:
    return {"person": access.person}


def contacts_section(access: PersonAccess) -> dict[str, Any]:
    return {"person": access.person}
