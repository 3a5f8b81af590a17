"""Reads of the catalogue and the access rules around it; the only way views reach offers.

Who may do what (404 otherwise, never 403):
- every member of the alliance, volunteers included, reads the catalogue: offers carry no
  personal data and volunteers help young people find their way to them;
- coordinators (lead office) maintain every offer and the alliance's own categories;
- case managers and partner staff maintain the offers of their own organisation;
- quality figures: coordinators for every offer, the providing organisation's staff for
  their own; the gap analysis: coordinators only.
Offers of another alliance are never found (404).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, OuterRef, Q, QuerySet, Subquery, TextField, Value, When
from django.db.models.functions import Cast, StrIndex
from django.db.models.lookups import GreaterThan
from django.http import Http404

from teilhabe.core.models import Alliance, Organisation, Role
from teilhabe.core.roles import Principal
from teilhabe.municipalities.models import Gemeinde
from teilhabe.offers.eligibility import (
    CEFR_RANK,
    OfferRules,
    PersonFacts,
    age_on,
    best_level,
    work_condition,
)
from teilhabe.offers.models import CATEGORY_FIELD, Category, CustomCategory, Offer
from teilhabe.people.models import (
    Person,
    PersonLanguage,
    Profile,
    ResidenceStatus,
    WorkPermission,
)
from teilhabe.people.permits import valid_on

STAFF_ROLES = (Role.CASE_MANAGER, Role.PARTNER_STAFF)


# --- access -------------------------------------------------------------------------------


def require(condition: bool) -> None:
    if not condition:
        raise Http404


def can_read(principal: Principal) -> bool:
    return principal.alliance is not None and principal.is_member


def staff_organisations(principal: Principal) -> list[Organisation]:
    """Organisations whose offers the principal maintains as their staff."""
    seen: dict[Any, Organisation] = {}
    for m in principal.memberships:
        if m.role in STAFF_ROLES:
            seen[m.organisation_id] = m.organisation
    return list(seen.values())


def maintainable_providers(principal: Principal) -> list[Organisation]:
    """Providers the principal may create offers for."""
    if principal.alliance is None:
        return []
    if principal.is_coordinator:
        return list(Organisation.objects.filter(alliance=principal.alliance).order_by("name"))
    return sorted(staff_organisations(principal), key=lambda o: o.name)


def can_maintain(principal: Principal, offer: Offer | None = None) -> bool:
    if principal.alliance is None:
        return False
    if principal.is_coordinator:
        return True
    own = {o.pk for o in staff_organisations(principal)}
    return bool(own) if offer is None else offer.provider_id in own


def can_see_quality(principal: Principal) -> bool:
    return principal.is_coordinator or bool(staff_organisations(principal))


def offers_of(alliance: Alliance) -> QuerySet[Offer]:
    return Offer.objects.filter(alliance=alliance).select_related("provider", "gemeinde")


def offer_of_alliance(alliance_id: uuid.UUID, offer_id: uuid.UUID | str) -> Offer:
    """An offer of the alliance, or 404 (participations name offers of their own alliance)."""
    try:
        return Offer.objects.select_related("provider").get(pk=offer_id, alliance_id=alliance_id)
    except (Offer.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def offers_for_participations(alliance_id: uuid.UUID) -> QuerySet[Offer]:
    return Offer.objects.filter(alliance_id=alliance_id).select_related("provider")


def get_offer(principal: Principal, offer_id: uuid.UUID | str) -> Offer:
    require(can_read(principal))
    try:
        return offers_of(principal.alliance).get(pk=offer_id)  # type: ignore[arg-type]
    except (Offer.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def get_offer_to_maintain(principal: Principal, offer_id: uuid.UUID | str) -> Offer:
    offer = get_offer(principal, offer_id)
    require(can_maintain(principal, offer))
    return offer


def get_category(principal: Principal, category_id: uuid.UUID) -> CustomCategory:
    require(principal.is_coordinator)
    try:
        return CustomCategory.objects.filter(alliance=principal.alliance).get(pk=category_id)
    except CustomCategory.DoesNotExist as exc:
        raise Http404 from exc


# --- categories and places ----------------------------------------------------------------


def custom_categories(alliance: Alliance) -> list[CustomCategory]:
    return list(CustomCategory.objects.filter(alliance=alliance).select_related("field_of_action"))


def category_labels(custom: Iterable[CustomCategory]) -> dict[str, str]:
    labels = {c.value: str(c.label) for c in Category}
    labels.update({c.key: c.name for c in custom})
    return labels


def alliance_category_labels(alliance_id: uuid.UUID) -> dict[str, str]:
    """Labels of the built-in and the alliance's own categories in one small query."""
    labels = {c.value: str(c.label) for c in Category}
    labels.update(CustomCategory.objects.filter(alliance_id=alliance_id).values_list("key", "name"))
    return labels


def with_custom_category_name(qs: QuerySet, field: str = "category") -> QuerySet:
    """Annotates `custom_category_name`: the name of the alliance's own category of that
    key, if it is one (a subquery: the list needs no separate label query)."""
    custom = CustomCategory.objects.filter(alliance_id=OuterRef("alliance_id"), key=OuterRef(field))
    return qs.annotate(custom_category_name=Subquery(custom.values("name")[:1]))


def category_label(key: str, custom_name: str | None) -> str:
    if custom_name:
        return custom_name
    try:
        return str(Category(key).label)
    except ValueError:
        return key


def category_choices(custom: Iterable[CustomCategory]) -> list[tuple[str, str]]:
    return list(category_labels(custom).items())


def category_field_keys(custom: Iterable[CustomCategory]) -> dict[str, uuid.UUID | str]:
    """Category → field of action: a default field's key for built-ins, the id for custom
    categories (None when a custom category names no field)."""
    out: dict[str, uuid.UUID | str] = dict(CATEGORY_FIELD)
    for c in custom:
        if c.field_of_action_id is not None:
            out[c.key] = c.field_of_action_id
    return out


def alliance_gemeinden(alliance: Alliance) -> QuerySet[Gemeinde]:
    return alliance.gemeinden().order_by("name")


def status_labels() -> dict[str, str]:
    return {value: str(label) for value, label in ResidenceStatus.choices}


# --- catalogue list -----------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueFilter:
    category: str = ""
    provider: uuid.UUID | None = None
    gemeinde: str = ""
    free_only: bool = False
    status: str = ""
    include_inactive: bool = False


def catalogue(alliance: Alliance, flt: CatalogueFilter) -> QuerySet[Offer]:
    """The filtered catalogue, as a queryset: the list pages it in the database."""
    qs = offers_of(alliance)
    if not flt.include_inactive:
        qs = qs.filter(is_active=True)
    if flt.category:
        qs = qs.filter(category=flt.category)
    if flt.provider:
        qs = qs.filter(provider_id=flt.provider)
    if flt.gemeinde:
        qs = qs.filter(gemeinde_id=flt.gemeinde)
    if flt.free_only:
        qs = qs.exclude(free_places=0)
    if flt.status:
        qs = qs.filter(_open_to(flt.status))
    return qs.order_by("title", "id")


def _open_to(status: str) -> Q:
    """Offers open to every status (an empty list) or naming `status`. SQLite cannot ask a
    JSON list whether it holds a value, so the list is matched as its JSON text, where each
    code (ASCII letters and underscores) stands in quotes; on both databases the text of
    ["a", "b"] is the same."""
    listed = Cast("allowed_statuses", output_field=TextField())
    return Q(allowed_statuses=[]) | Q(GreaterThan(StrIndex(listed, Value(f'"{status}"')), 0))


def providers_in(alliance: Alliance) -> list[Organisation]:
    ids = Offer.objects.filter(alliance=alliance).values("provider_id")
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


# --- person facts for eligibility ---------------------------------------------------------


def facts_for(persons: QuerySet[Person], today: dt.date) -> dict[uuid.UUID, PersonFacts]:
    """Eligibility facts of many persons in one query (two when a condition limits work):
    the current status and its conditions, age today, best German level, responsible legal
    domains, and where a condition limits work, the providers of the work permissions
    valid today. One query, so that `persons` (often a subquery) runs once."""
    from teilhabe.people.intake.selectors import current_entries

    latest = current_entries(person=OuterRef("pk")).order_by()
    rank = Case(*(When(level=lv, then=Value(n)) for lv, n in CEFR_RANK.items()))
    german = (
        PersonLanguage.objects.filter(person=OuterRef("pk"), language="de", level__in=CEFR_RANK)
        .annotate(rank=rank)
        .order_by("-rank")
        .values("level")[:1]
    )
    rows = (
        persons.order_by()
        .annotate(
            fact_status=Subquery(latest.values("status")[:1]),
            fact_conditions=Subquery(latest.values("conditions")[:1]),
            fact_german=Subquery(german),
        )
        .values_list(
            "pk", "date_of_birth", "fact_status", "fact_conditions", "fact_german",
            "profile__legal_domains",
        )
    )  # fmt: skip
    base = {pid: (born, status, work_condition(conditions), german, domains)
            for pid, born, status, conditions, german, domains in rows}  # fmt: skip
    limited = [pid for pid, row in base.items() if row[2]]
    permitted: dict[uuid.UUID, set[Any]] = defaultdict(set)
    if limited:  # permissions matter only where a condition limits work
        for pid, provider_id in WorkPermission.objects.filter(
            valid_on(today), person__in=limited, provider__isnull=False
        ).values_list("person_id", "provider_id"):
            permitted[pid].add(provider_id)
    return {
        pid: PersonFacts(
            status=status,
            age=age_on(born, today),
            german_level=german,
            legal_domains=frozenset(domains or ()),
            work_condition=condition,
            permitted_providers=frozenset(permitted.get(pid, ())),
        )
        for pid, (born, status, condition, german, domains) in base.items()
    }


def facts_of(
    date_of_birth: dt.date | None,
    status_entries: Sequence[Any],
    languages: Iterable[Any],
    profile: Profile | None,
    today: dt.date,
    permissions: Iterable[WorkPermission] = (),
) -> PersonFacts:
    """The same facts as `facts_for`, from rows the person page has already loaded: the
    current status is the first entry in STATUS_ORDER (what annotate_current_status picks)."""
    return PersonFacts(
        status=status_entries[0].status if status_entries else None,
        age=age_on(date_of_birth, today) if date_of_birth else None,
        german_level=best_level(lang.level for lang in languages if lang.language == "de"),
        legal_domains=frozenset((profile.legal_domains if profile else None) or ()),
        work_condition=work_condition(status_entries[0].conditions) if status_entries else None,
        permitted_providers=frozenset(
            p.provider_id for p in permissions if p.provider_id and p.is_valid_on(today)
        ),
    )


def rules_of(offer: Offer) -> OfferRules:
    return OfferRules.of(offer)
