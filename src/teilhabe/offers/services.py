"""Writes of the offers app: offers, the alliance's own categories, referrals from matching,
and the audit of exports.

Every function is keyword-only, atomic, validates with full_clean(), checks that related
objects belong to the alliance and writes its audit event in the same transaction. The
caller passes the Principal (or PersonAccess) it obtained from the middleware or the
access helpers; the service checks the permission itself once more, so that an API handler
cannot skip it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.casework.cases import open_case
from teilhabe.casework.models import Consent, DataCategory, Referral
from teilhabe.casework.sharing import services as sharing
from teilhabe.casework.sharing.selectors import categories_for
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.plausible import check_plausible
from teilhabe.core.roles import Principal
from teilhabe.offers import selectors as sel
from teilhabe.offers.eligibility import check
from teilhabe.offers.models import WORK_CATEGORIES, CustomCategory, Offer
from teilhabe.people.access import PersonAccess, active_consents
from teilhabe.people.models import ResidenceStatus

# The fields a maintainer edits (the provider only on creation or by a coordinator).
OFFER_FIELDS = (
    "title",
    "description",
    "category",
    "target_level",
    "places",
    "free_places",
    "schedule",
    "starts_on",
    "ends_on",
    "gemeinde",
    "venue",
    "public_transport",
    "costs",
    "funding_source",
    "contact",
    "min_age",
    "max_age",
    "allowed_statuses",
    "required_legal_domain",
    "min_cefr_level",
    "requires_work_permission",
    "other_requirements",
)


def acting_organisation(principal: Principal, provider: Organisation) -> Organisation | None:
    """The organisation the principal acts for: the provider for its staff, else the lead."""
    if any(o.pk == provider.pk for o in sel.staff_organisations(principal)):
        return provider
    coordinators = [m.organisation for m in principal.memberships if m.role == "coordinator"]
    return coordinators[0] if coordinators else None


def _with_work_default(data: dict[str, Any]) -> dict[str, Any]:
    """None (form: "according to the category", API: left out) derives the work rule from
    the category: EQ, training, internship and job placement are employment."""
    if data.get("requires_work_permission") is None:
        data = {**data, "requires_work_permission": data.get("category") in WORK_CATEGORIES}
    return data


def _validate(principal: Principal, offer: Offer) -> None:
    check_plausible(starts_on=offer.starts_on, ends_on=offer.ends_on)
    alliance = principal.alliance
    assert alliance is not None
    if offer.provider.alliance_id != alliance.pk:
        raise ValidationError(_("The provider is not part of this alliance."), code="alliance")
    allowed = {c for c, _label in sel.category_choices(sel.custom_categories(alliance))}
    if offer.category not in allowed:
        raise ValidationError({"category": _("Unknown category.")}, code="category")
    statuses = list(dict.fromkeys(offer.allowed_statuses or []))
    if set(statuses) - set(ResidenceStatus.values):
        raise ValidationError({"allowed_statuses": _("Unknown residence status.")})
    offer.allowed_statuses = statuses
    if offer.gemeinde_id and not alliance.gemeinden().filter(pk=offer.gemeinde_id).exists():
        raise ValidationError(
            {"gemeinde": _("The municipality is not in this alliance's area.")}, code="gemeinde"
        )
    if offer.free_places is not None and offer.places is None:
        raise ValidationError(
            {"free_places": _("Free places need a number of places.")}, code="places"
        )
    if (
        offer.free_places is not None
        and offer.places is not None
        and offer.free_places > offer.places
    ):
        raise ValidationError(
            {"free_places": _("There cannot be more free places than places.")}, code="places"
        )
    if offer.min_age is not None and offer.max_age is not None and offer.min_age > offer.max_age:
        raise ValidationError({"max_age": _("The maximum age lies below the minimum age.")})
    if offer.starts_on and offer.ends_on and offer.ends_on < offer.starts_on:
        raise ValidationError({"ends_on": _("The end lies before the start.")})
    offer.full_clean()


@transaction.atomic
def offer_create(*, principal: Principal, provider: Organisation, data: dict[str, Any]) -> Offer:
    if not any(o.pk == provider.pk for o in sel.maintainable_providers(principal)):
        raise PermissionError("may not maintain offers of this provider")
    unknown = set(data) - set(OFFER_FIELDS)
    if unknown:
        raise ValueError(f"unknown offer fields {sorted(unknown)}")
    offer = Offer(alliance=principal.alliance, provider=provider, **_with_work_default(data))
    _validate(principal, offer)
    offer.save()
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=acting_organisation(principal, provider),
        obj=offer,
    )
    return offer


@transaction.atomic
def offer_update(
    *,
    principal: Principal,
    offer: Offer,
    version: int,
    data: dict[str, Any],
    provider: Organisation | None = None,
) -> Offer:
    """Change an offer from the version the editor read; someone else's change in between
    is refused, never silently overwritten."""
    if not sel.can_maintain(principal, offer):
        raise PermissionError("may not maintain this offer")
    unknown = set(data) - set(OFFER_FIELDS)
    if unknown:
        raise ValueError(f"unknown offer fields {sorted(unknown)}")
    candidate = Offer.objects.select_related("provider").get(pk=offer.pk)
    if "requires_work_permission" in data:
        data = _with_work_default({"category": candidate.category, **data})
    for name, value in data.items():
        setattr(candidate, name, value)
    if provider is not None and provider.pk != candidate.provider_id:
        if not principal.is_coordinator:
            raise PermissionError("only coordinators move an offer to another provider")
        candidate.provider = provider
    _validate(principal, candidate)
    values = {name: getattr(candidate, name) for name in data}
    values["provider"] = candidate.provider
    changed = Offer.objects.filter(pk=offer.pk, version=version).update(
        **values, version=version + 1, updated_at=timezone.now()
    )
    if not changed:
        raise ValidationError(
            _("The offer was changed by someone else meanwhile — please reload."), code="stale"
        )
    candidate.version = version + 1
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=acting_organisation(principal, candidate.provider),
        obj=candidate,
    )
    return candidate


@transaction.atomic
def offer_set_active(*, principal: Principal, offer: Offer, active: bool, version: int) -> Offer:
    """Deactivate (closed for referrals, kept for the history of participations) or open
    again. Offers are never deleted: participations and referrals point to them."""
    if not sel.can_maintain(principal, offer):
        raise PermissionError("may not maintain this offer")
    changed = Offer.objects.filter(pk=offer.pk, version=version).update(
        is_active=active, version=version + 1, updated_at=timezone.now()
    )
    if not changed:
        raise ValidationError(
            _("The offer was changed by someone else meanwhile — please reload."), code="stale"
        )
    offer.is_active, offer.version = active, version + 1
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=acting_organisation(principal, offer.provider),
        obj=offer,
        purpose="activated" if active else "deactivated",
    )
    return offer


# --- custom categories --------------------------------------------------------------------


def _coordinator_org(principal: Principal) -> Organisation:
    for m in principal.memberships:
        if m.role == "coordinator":
            return m.organisation
    raise PermissionError("coordinators only")


@transaction.atomic
def category_create(
    *, principal: Principal, key: str, name: str, field_of_action: Any = None
) -> CustomCategory:
    org = _coordinator_org(principal)
    builtin = {c for c, _label in sel.category_choices([])}
    if key in builtin:
        raise ValidationError({"key": _("This key is a built-in category.")}, code="key")
    _check_field(principal, field_of_action)
    category = CustomCategory(
        alliance=principal.alliance, key=key, name=name.strip(), field_of_action=field_of_action
    )
    category.full_clean()
    category.save()
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=org,
        obj=category,
    )
    return category


@transaction.atomic
def category_update(
    *, principal: Principal, category: CustomCategory, name: str, field_of_action: Any = None
) -> CustomCategory:
    """The key stays: offers refer to it."""
    org = _coordinator_org(principal)
    if category.alliance_id != principal.alliance.pk:  # type: ignore[union-attr]
        raise PermissionError("category of another alliance")
    _check_field(principal, field_of_action)
    category.name, category.field_of_action = name.strip(), field_of_action
    category.full_clean()
    category.save(update_fields=["name", "field_of_action", "updated_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=org,
        obj=category,
    )
    return category


def _check_field(principal: Principal, field_of_action: Any) -> None:
    if field_of_action is None:
        return
    if field_of_action.alliance_id not in (None, principal.alliance.pk):  # type: ignore[union-attr]
        raise ValidationError(_("The field of action belongs to another alliance."))


# --- one-click referral -------------------------------------------------------------------


class ConsentMissing(Exception):
    """No active consent of the person names the provider with the master data."""

    def __init__(self, organisation: Organisation) -> None:
        super().__init__(organisation.name)
        self.organisation = organisation


def covering_consent(
    access: PersonAccess, provider: Organisation, today: dt.date | None = None
) -> Consent | None:
    """The newest active consent of the person to the provider that covers master data."""
    consents = (
        active_consents(today)
        .filter(person=access.person, recipients=provider)
        .order_by("-valid_from", "-created_at")
    )
    for consent in consents:
        if DataCategory.MASTER_DATA in consent.categories:
            return consent
    return None


@transaction.atomic
def offer_refer(
    *,
    access: PersonAccess,
    offer: Offer,
    purpose: str,
    today: dt.date | None = None,
) -> Referral:
    """Refer the person to the offer's provider through the casework referral service (which
    checks case, consent and categories), then link the offer in the same transaction."""
    if not access.is_owner:
        raise PermissionError("only the owning organisation's case managers refer")
    person = access.person
    if offer.alliance_id != person.alliance_id:
        raise PermissionError("offer of another alliance")
    today = today or timezone.localdate()
    if not offer.is_active:
        raise ValidationError(_("This offer is closed for referrals."), code="inactive")
    facts = sel.facts_for(type(person).objects.filter(pk=person.pk), today)[person.pk]
    verdict = check(facts, sel.rules_of(offer))
    if not verdict.eligible:
        raise ValidationError(
            _("The person is not eligible for this offer: %(reasons)s")
            % {"reasons": ", ".join(verdict.reasons)},
            code="not_eligible",
        )
    case = open_case(person)
    if case is None:
        raise ValidationError(_("Only an open case can be referred."), code="case")
    consent = covering_consent(access, offer.provider, today)
    if consent is None:
        raise ConsentMissing(offer.provider)
    referral = sharing.referral_send(
        access=access,
        case=case,
        consent=consent,
        to_organisation=offer.provider,
        purpose=purpose,
        categories=categories_for(offer.provider, consent.categories),
        today=today,
    )
    Referral.objects.filter(pk=referral.pk).update(offer=offer)
    referral.offer = offer
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=access.principal.user,
        alliance=person.alliance,
        organisation=access.organisation,
        obj=referral,
        purpose="offer",
        consent_id=consent.pk,
    )
    return referral
