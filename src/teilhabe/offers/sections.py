"""The matching section of the person page: the catalogue offers the person is eligible for
today, the ones they are excluded from with the reasons, and a one-click referral.

Shown only to the owning organisation's case managers (the section's category is None).
One query of its own (the offers): the person's facts, the category labels, the consents
and the open case come from rows the other sections of the page have already loaded
(memoised on the access object), so the page does not read them twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from teilhabe.casework.models import DataCategory
from teilhabe.casework.sharing.sections import person_consents
from teilhabe.casework.sharing.selectors import ACTIVE, consent_status
from teilhabe.casework.work.sections import open_case
from teilhabe.offers import selectors as sel
from teilhabe.offers.eligibility import Verdict, check
from teilhabe.offers.models import Offer
from teilhabe.people.access import PersonAccess
from teilhabe.people.intake.sections import (
    person_languages,
    person_profile,
    status_entries,
    work_permissions,
)
from teilhabe.people.models import LegalDomain


@dataclass(frozen=True)
class Match:
    offer: Offer
    category_label: str
    verdict: Verdict
    own: bool  # the person's own organisation provides it: no referral needed
    has_consent: bool  # an active consent names the provider with the master data


def matching_section(access: PersonAccess) -> dict[str, Any]:
    person = access.person
    today = timezone.localdate()
    facts = sel.facts_of(
        person.date_of_birth,
        status_entries(access),
        person_languages(access),
        person_profile(access),
        today,
        work_permissions(access),
    )
    alliance = access.principal.alliance
    assert alliance is not None
    offers = list(
        sel.with_custom_category_name(sel.offers_of(alliance).filter(is_active=True)).order_by(
            "title", "id"
        )
    )
    covered: set[Any] = set()
    for consent in person_consents(access):
        if consent_status(consent, today) == ACTIVE and DataCategory.MASTER_DATA in (
            consent.categories
        ):
            covered |= {r.pk for r in consent.recipient_list}  # type: ignore[attr-defined]
    has_case = open_case(access) is not None
    eligible: list[Match] = []
    excluded: list[Match] = []
    for offer in offers:
        match = Match(
            offer=offer,
            category_label=sel.category_label(offer.category, offer.custom_category_name),
            verdict=check(facts, sel.rules_of(offer)),
            own=offer.provider_id == person.owner_id,
            has_consent=offer.provider_id in covered,
        )
        (eligible if match.verdict.eligible else excluded).append(match)
    domain_labels = dict(LegalDomain.choices)
    return {
        "person": person,
        "facts": facts,
        "status_label": sel.status_labels().get(facts.status or "", "–"),
        "german_label": facts.german_level or "–",
        "domains_label": ", ".join(
            str(domain_labels.get(d, d)) for d in sorted(facts.legal_domains)
        )
        or "–",
        "eligible_offers": eligible,
        "excluded_offers": excluded,
        "has_open_case": has_case,
    }
