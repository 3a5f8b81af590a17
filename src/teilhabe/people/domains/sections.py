"""Person-page sections of the interpreter need and the legal-domain history (one query
each, however long the history is: the page shows the latest ON_PAGE periods)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Window

from teilhabe.people.access import PersonAccess
from teilhabe.people.models import InterpreterNeed, LegalDomainPeriod

ON_PAGE = 10


def interpreter_languages(access: PersonAccess) -> list[str]:
    """The languages the person needs an interpreter in, for the new-contact form (only
    for those who may see the master data, the category of the need)."""
    if not access.can("master_data"):
        return []
    return list(
        InterpreterNeed.objects.filter(person=access.person, needed=True)
        .order_by("language")
        .values_list("language", flat=True)
    )


def interpreter_section(access: PersonAccess) -> dict[str, Any]:
    return {
        "person": access.person,
        "interpreter_needs": list(
            InterpreterNeed.objects.filter(person=access.person).order_by("-needed", "language")
        ),
    }


def legal_domains_section(access: PersonAccess) -> dict[str, Any]:
    periods = list(
        LegalDomainPeriod.objects.filter(person=access.person)
        .annotate(total=Window(Count("pk")))
        .order_by("-started_on", "-created_at")[:ON_PAGE]
    )
    return {
        "person": access.person,
        "domain_periods": periods,
        "domain_total": periods[0].total if periods else 0,  # type: ignore[attr-defined]
        "current_periods": [p for p in periods if p.ended_on is None],
    }
