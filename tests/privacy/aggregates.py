"""Dashboard-like figures: counts by the categorical fields only (the reporting area builds
the real dashboard). Retention must leave every one of them unchanged."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.db.models.functions import ExtractYear

from teilhabe.casework.models import Case, Consent, Contact, NeedAssessment, Referral
from teilhabe.core.models import Alliance
from teilhabe.people.models import (
    Certificate,
    Experience,
    Person,
    PersonLanguage,
    Profile,
    ResidenceStatusEntry,
)
from teilhabe.trajectories.models import Finding, Participation

SPECS: list[tuple[Any, tuple[str, ...]]] = [
    (Person, ("sex", "nationality", "residence_id", "owner_id")),
    (ResidenceStatusEntry, ("status",)),
    (PersonLanguage, ("language", "level")),
    (Profile, ("school_years_abroad", "school_years_germany")),
    (Certificate, ("level", "recognition", "country")),
    (Experience, ("kind", "country")),
    (Case, ("status", "closure_reason", "age_at_intake", "opened_on", "closed_on")),
    (Contact, ("channel", "on")),
    (NeedAssessment, ("field_of_action_id", "level")),
    (Referral, ("status", "outcome", "to_organisation_id")),
    (Consent, ("purpose",)),
    (Participation, ("category", "outcome", "level_reached", "certificate", "transition")),
    (Finding, ("rule", "gap_days")),
]


def figures(alliance: Alliance) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    for model, fields in SPECS:
        rows = (
            model.objects.filter(alliance=alliance)
            .values(*fields)
            .annotate(n=Count("pk"))
            .order_by(*fields)
        )
        out[model._meta.label] = [tuple(r[f] for f in (*fields, "n")) for r in rows]
    births = (
        Person.objects.filter(alliance=alliance)
        .annotate(y=ExtractYear("date_of_birth"))
        .values("y")
        .annotate(n=Count("pk"))
        .order_by("y")
    )
    out["birth_year"] = [(r["y"], r["n"]) for r in births]
    legal = sorted(d for p in Profile.objects.filter(alliance=alliance) for d in p.legal_domains)
    out["legal_domains"] = [(d, legal.count(d)) for d in sorted(set(legal))]
    return out
