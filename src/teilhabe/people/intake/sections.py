"""Person-page sections of intake and profile (residence status, profile).

Each provider runs a fixed number of queries, however long the person's history is:
status one, profile four.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from teilhabe.people.access import PersonAccess
from teilhabe.people.intake.selectors import STATUS_ORDER, expires_soon, expiry_days
from teilhabe.people.models import (
    Certificate,
    Experience,
    LegalDomain,
    PersonLanguage,
    Profile,
    ResidenceStatusEntry,
)


def status_section(access: PersonAccess) -> dict[str, Any]:
    entries = list(
        ResidenceStatusEntry.objects.filter(person=access.person).order_by(*STATUS_ORDER)
    )
    current = entries[0] if entries else None
    today = timezone.localdate()
    days_left = None
    if current is not None and current.valid_until is not None:
        days_left = (current.valid_until - today).days
    return {
        "person": access.person,
        "status_entries": entries,
        "current_status": current,
        "status_days_left": days_left,
        "status_expired": days_left is not None and days_left < 0,
        "status_expires_soon": current is not None
        and expires_soon(current.valid_until, today, expiry_days()),
    }


def profile_section(access: PersonAccess) -> dict[str, Any]:
    person = access.person
    profile = Profile.objects.filter(person=person).first()
    labels = dict(LegalDomain.choices)
    chosen = profile.legal_domains if profile else []
    return {
        "person": person,
        "profile": profile,
        "legal_domain_labels": [labels.get(d, d) for d in chosen],
        "person_languages": list(PersonLanguage.objects.filter(person=person).order_by("language")),
        "certificates": list(
            Certificate.objects.filter(person=person).order_by("issued_on", "title", "id")
        ),
        "experiences": list(
            Experience.objects.filter(person=person).order_by("started_on", "title", "id")
        ),
    }
