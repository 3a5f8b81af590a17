"""Person-page sections of intake and profile (residence status, profile).

Each provider runs a fixed number of queries, however long the person's history is:
status one, profile three (the profile itself comes with the person). The status entries,
languages and profile are memoised on the access object: the matching section derives the
person's eligibility facts from the same rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Window
from django.utils import timezone

from teilhabe.people.access import PersonAccess
from teilhabe.people.intake.selectors import expires_soon, expiry_days
from teilhabe.people.models import (
    STATUS_ORDER,
    Certificate,
    Experience,
    PersonLanguage,
    Profile,
    ResidenceStatusEntry,
    StatusCondition,
    WorkPermission,
)
from teilhabe.people.paths import PathFacts, deadlines

# The person page shows the latest entries of a long history; the trajectory page has all.
ON_PAGE = 10


def status_entries(access: PersonAccess) -> list[ResidenceStatusEntry]:
    """The latest ON_PAGE entries, newest first (the first is the current status), each
    with `total`, the length of the whole history (a window count: same query)."""
    return access.once(
        "status_entries",
        lambda: list(
            ResidenceStatusEntry.objects.filter(person=access.person)
            .select_related("residence_gemeinde", "residence_kreis")
            .annotate(total=Window(Count("pk")))
            .order_by(*STATUS_ORDER)[:ON_PAGE]
        ),
    )


def work_permissions(access: PersonAccess) -> list[WorkPermission]:
    """The person's work permissions, newest first, with their employer organisation."""
    return access.once(
        "work_permissions",
        lambda: list(
            WorkPermission.objects.filter(person=access.person)
            .select_related("provider")
            .order_by("-granted_on", "-created_at", "-id")
        ),
    )


def person_languages(access: PersonAccess) -> list[PersonLanguage]:
    return access.once(
        "person_languages",
        lambda: list(PersonLanguage.objects.filter(person=access.person).order_by("language")),
    )


def person_profile(access: PersonAccess) -> Profile | None:
    """Loaded with the person by the access helper (select_related)."""
    try:
        return access.person.profile
    except Profile.DoesNotExist:
        return None


def status_section(access: PersonAccess) -> dict[str, Any]:
    entries = status_entries(access)
    current = entries[0] if entries else None
    today = timezone.localdate()
    days_left = None
    if current is not None and current.valid_until is not None:
        days_left = (current.valid_until - today).days
    labels = dict(StatusCondition.choices)
    paths = []
    if current is not None:
        facts = PathFacts(
            current.status, current.valid_from, current.valid_until, access.person.date_of_birth
        )
        paths = deadlines(facts, today)
    return {
        "condition_labels": [labels.get(c, c) for c in (current.conditions if current else [])],
        "work_permissions": work_permissions(access),
        "path_deadlines": paths,
        "person": access.person,
        "status_entries": entries,
        "status_total": entries[0].total if entries else 0,  # type: ignore[attr-defined]
        "current_status": current,
        "status_days_left": days_left,
        "status_expired": days_left is not None and days_left < 0,
        "status_expires_soon": current is not None
        and expires_soon(current.valid_until, today, expiry_days()),
    }


def profile_section(access: PersonAccess) -> dict[str, Any]:
    person = access.person
    profile = person_profile(access)
    return {
        "person": person,
        "profile": profile,
        "person_languages": person_languages(access),
        "certificates": list(
            Certificate.objects.filter(person=person).order_by("issued_on", "title", "id")
        ),
        "experiences": list(
            Experience.objects.filter(person=person)
            .select_related("employer_entry")
            .order_by("started_on", "title", "id")
        ),
    }
