"""Person-page sections of sharing (consents, referrals), each with a fixed query count."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat

from teilhabe.casework.models import Consent, ConsentRecipient
from teilhabe.casework.sharing.selectors import (
    consent_rows,
    referrals_for_access,
)
from teilhabe.core.aggregates import PAIR, UNIT, GroupConcat, parse_pairs
from teilhabe.people.access import PersonAccess


@dataclass(frozen=True)
class Recipient:
    pk: uuid.UUID
    name: str


def _load_consents(person: Any) -> list[Consent]:
    pairs = (
        ConsentRecipient.objects.filter(consent_id=OuterRef("pk"))
        .values("consent_id")
        .annotate(v=GroupConcat(Concat("organisation_id", Value(PAIR), "organisation__name"), UNIT))
        .values("v")
    )
    consents: list[Consent] = list(
        Consent.objects.filter(person=person)
        .select_related("organisation")
        .annotate(recipient_pairs=Subquery(pairs))
        .order_by("-valid_from", "-created_at")
    )
    for consent in consents:
        recipients = (Recipient(pk, name) for pk, name in parse_pairs(consent.recipient_pairs))  # type: ignore[attr-defined]
        consent.recipient_list = sorted(recipients, key=lambda r: r.name)  # type: ignore[attr-defined]
    return consents


def person_consents(access: PersonAccess) -> list[Consent]:
    """Every consent of the person with its recipients (`recipient_list`, by name), newest
    first, in one query; memoised: the matching section reads the active ones."""
    return access.once("consents", lambda: _load_consents(access.person))


def consents_section(access: PersonAccess) -> dict[str, Any]:
    """Owner only (the section has no category): every consent with its status."""
    return {
        "person": access.person,
        "consent_rows": consent_rows(person_consents(access)),
    }


def referrals_section(access: PersonAccess) -> dict[str, Any]:
    """The owner sees all referrals of the person's cases; a partner those addressed to it."""
    return {
        "person": access.person,
        "referrals": referrals_for_access(access),
        "referrals_owner_view": access.is_owner,
    }
