"""Eligibility as a pure function: the facts of one person today × the rules of one offer.

No database access here: matching, the gap analysis and the API load the facts in batches
(selectors) and call `check` per pair. Each failed rule yields one `Exclusion` with a stable
rule key (the gap analysis counts by it) and a translated reason for the case manager
("nicht offen für Geduldete", "ab B1", "Alter 18–25").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

# Rule keys in the order the reasons are shown.
STATUS = "status"
AGE = "age"
LANGUAGE = "language"
LEGAL_DOMAIN = "legal_domain"
WORK = "work"
PLACES = "places"
RULES = (STATUS, WORK, AGE, LANGUAGE, LEGAL_DOMAIN, PLACES)
# Reachability is no eligibility rule (a person may still travel), but the gap analysis
# counts an unreachable offer as not accessible; it uses this key for it.
TRANSPORT = "transport"

RULE_LABELS: dict[str, Any] = {
    STATUS: _("residence status"),
    AGE: _("age"),
    LANGUAGE: _("German level"),
    LEGAL_DOMAIN: _("legal domain"),
    WORK: _("permission to work"),
    PLACES: _("free places"),
    TRANSPORT: _("public transport"),
}

# CEFR levels in rising order; "none" and "native" frame them.
CEFR_RANK: dict[str, int] = {
    "none": 0,
    "A1": 1,
    "A2": 2,
    "B1": 3,
    "B2": 4,
    "C1": 5,
    "C2": 6,
    "native": 7,
}

_STATUS_REASONS: dict[str, Any] = {
    "gestattung": _("not open to asylum seekers (Gestattung)"),
    "toleration": _("not open to tolerated persons"),
    "training_toleration": _("not open to persons with training toleration"),
    "employment_toleration": _("not open to persons with employment toleration"),
    "residence_permit": _("not open to holders of this residence permit"),
    "p25a": _("not open to holders of a residence permit under § 25a"),
    "p25b": _("not open to holders of a residence permit under § 25b"),
    "p104c": _("not open to holders of an opportunity residence permit (§ 104c)"),
    "settlement": _("not open to holders of a settlement permit"),
    "eu_other": _("not open to this residence status"),
    "unknown": _("only for certain residence statuses (status unknown)"),
}

_DOMAIN_REASONS: dict[str, Any] = {
    "sgb2": _("only for SGB II benefit recipients"),
    "sgb3": _("only for clients of the employment agency (SGB III)"),
    "asylblg": _("only for AsylbLG benefit recipients"),
    "sgb8": _("only for clients of youth welfare (SGB VIII)"),
}


# The work conditions of a residence document (people.StatusCondition keys) that close
# employment, each with its reason.
WORK_FORBIDDEN = "work_forbidden"
WORK_NEEDS_PERMISSION = "work_needs_permission"
_WORK_REASONS: dict[str, Any] = {
    WORK_FORBIDDEN: _("not accessible: employment not permitted"),
    WORK_NEEDS_PERMISSION: _("not accessible: no work permission for this provider"),
}


@dataclass(frozen=True)
class PersonFacts:
    """What eligibility needs to know about a person today (None: not recorded)."""

    status: str | None
    age: int | None
    german_level: str | None
    legal_domains: frozenset[str] = frozenset()
    # The current status entry's work condition (WORK_FORBIDDEN, WORK_NEEDS_PERMISSION) or
    # None when work is permitted or nothing is recorded.
    work_condition: str | None = None
    # Providers a work permission valid today names: a permission opens that provider's
    # offers whatever the condition says.
    permitted_providers: frozenset[Any] = frozenset()


@dataclass(frozen=True)
class OfferRules:
    min_age: int | None = None
    max_age: int | None = None
    allowed_statuses: frozenset[str] = frozenset()  # empty: every status
    required_legal_domain: str = ""
    min_cefr_level: str = ""
    free_places: int | None = None  # None: no fixed number of places
    requires_work_permission: bool = False
    provider_id: Any = None

    @classmethod
    def of(cls, offer: Any) -> OfferRules:
        return cls(
            requires_work_permission=offer.requires_work_permission,
            provider_id=offer.provider_id,
            min_age=offer.min_age,
            max_age=offer.max_age,
            allowed_statuses=frozenset(offer.allowed_statuses or ()),
            required_legal_domain=offer.required_legal_domain or "",
            min_cefr_level=offer.min_cefr_level or "",
            free_places=offer.free_places,
        )


@dataclass(frozen=True)
class Exclusion:
    rule: str
    reason: str


@dataclass(frozen=True)
class Verdict:
    exclusions: tuple[Exclusion, ...] = field(default_factory=tuple)

    @property
    def eligible(self) -> bool:
        return not self.exclusions

    @property
    def rules(self) -> frozenset[str]:
        return frozenset(e.rule for e in self.exclusions)

    @property
    def reasons(self) -> list[str]:
        return [e.reason for e in self.exclusions]

    @property
    def only_full(self) -> bool:
        """Eligible but for the free places: the person can wait for one."""
        return self.rules == {PLACES}


def age_on(date_of_birth: dt.date, today: dt.date) -> int:
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - int(before_birthday)


def best_level(levels: Iterable[str]) -> str | None:
    known = [lv for lv in levels if lv in CEFR_RANK]
    return max(known, key=CEFR_RANK.__getitem__) if known else None


def age_label(min_age: int | None, max_age: int | None) -> str:
    if min_age is not None and max_age is not None:
        return str(_("age %(min)s–%(max)s") % {"min": min_age, "max": max_age})
    if min_age is not None:
        return str(_("from age %(min)s") % {"min": min_age})
    if max_age is not None:
        return str(_("up to age %(max)s") % {"max": max_age})
    return ""


def language_label(level: str) -> str:
    return str(_("from %(level)s") % {"level": level})


def status_reason(status: str | None) -> str:
    return str(_STATUS_REASONS.get(status or "unknown", _STATUS_REASONS["unknown"]))


def domain_reason(domain: str) -> str:
    fallback = _("only for clients of the legal domain %(domain)s") % {"domain": domain}
    return str(_DOMAIN_REASONS.get(domain, fallback))


def work_condition(conditions: Iterable[str] | None) -> str | None:
    """The condition of a status entry's list that closes employment (forbidden first)."""
    given = set(conditions or ())
    return next((c for c in (WORK_FORBIDDEN, WORK_NEEDS_PERMISSION) if c in given), None)


def check(facts: PersonFacts, rules: OfferRules) -> Verdict:
    """Every rule the person fails, in the order of RULES."""
    out: list[Exclusion] = []
    if rules.allowed_statuses and facts.status not in rules.allowed_statuses:
        out.append(Exclusion(STATUS, status_reason(facts.status)))
    if (
        rules.requires_work_permission
        and facts.work_condition in _WORK_REASONS
        and rules.provider_id not in facts.permitted_providers
    ):
        out.append(Exclusion(WORK, str(_WORK_REASONS[facts.work_condition])))
    too_young = rules.min_age is not None and (facts.age is None or facts.age < rules.min_age)
    too_old = rules.max_age is not None and (facts.age is None or facts.age > rules.max_age)
    if too_young or too_old:
        out.append(Exclusion(AGE, age_label(rules.min_age, rules.max_age)))
    needed = CEFR_RANK.get(rules.min_cefr_level, 0)
    if needed > 0 and CEFR_RANK.get(facts.german_level or "none", 0) < needed:
        out.append(Exclusion(LANGUAGE, language_label(rules.min_cefr_level)))
    domain = rules.required_legal_domain
    if domain and domain != "none" and domain not in facts.legal_domains:
        out.append(Exclusion(LEGAL_DOMAIN, domain_reason(domain)))
    if rules.free_places is not None and rules.free_places <= 0:
        out.append(Exclusion(PLACES, str(_("no free places"))))
    return Verdict(tuple(out))


def requirement_labels(rules: OfferRules, status_labels: dict[str, str]) -> list[str]:
    """The offer's conditions in words, for the catalogue."""
    labels = []
    if rules.allowed_statuses:
        names = ", ".join(status_labels.get(s, s) for s in sorted(rules.allowed_statuses))
        labels.append(str(_("only for: %(statuses)s") % {"statuses": names}))
    if age := age_label(rules.min_age, rules.max_age):
        labels.append(age)
    if CEFR_RANK.get(rules.min_cefr_level, 0) > 0:
        labels.append(language_label(rules.min_cefr_level))
    if rules.required_legal_domain and rules.required_legal_domain != "none":
        labels.append(domain_reason(rules.required_legal_domain))
    if rules.requires_work_permission:
        labels.append(str(_("only with permission to work")))
    return labels
