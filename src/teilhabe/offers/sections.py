"""The matching section of the person page: the catalogue offers the person is eligible for
today, the ones they are excluded from with the reasons, and a one-click referral.

Shown only to the owning organisation's case managers (the section's category is None).
Fixed number of queries: facts (4), offers (1), custom categories (1), covering consents
with their recipients (2), open case (1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from teilhabe.casework.models import Case, DataCategory
from teilhabe.offers import selectors as sel
from teilhabe.offers.eligibility import Verdict, check
from teilhabe.offers.models import Offer
from teilhabe.people.access import PersonAccess, active_consents
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
    facts = sel.facts_for(type(person).objects.filter(pk=person.pk), today)[person.pk]
    alliance = access.principal.alliance
    assert alliance is not None
    offers = list(sel.offers_of(alliance).filter(is_active=True).order_by("title", "id"))
    labels = sel.category_labels(sel.custom_categories(alliance))
    covered: set[Any] = set()
    for consent in active_consents(today).filter(person=person).prefetch_related("recipients"):
        if DataCategory.MASTER_DATA in consent.categories:
            covered |= {o.pk for o in consent.recipients.all()}
    has_case = Case.objects.filter(person=person, status=Case.Status.OPEN).exists()
    eligible: list[Match] = []
    excluded: list[Match] = []
    for offer in offers:
        match = Match(
            offer=offer,
            category_label=labels.get(offer.category, offer.category),
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
