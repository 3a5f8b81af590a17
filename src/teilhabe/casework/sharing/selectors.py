"""Reads of consents, referrals and disclosures; each starts from the access helper.

Everything here answers 404 for what the principal may not see. A referral is seen by the
sending organisation's case managers (who own the person) and by the receiving
organisation's partner staff while a consent naming that organisation is active.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.cases import open_cases
from teilhabe.casework.models import (
    Case,
    Consent,
    ConsentRecipient,
    Contact,
    DataCategory,
    Referral,
)
from teilhabe.core.models import AuditEvent, Organisation, Role
from teilhabe.core.roles import Principal
from teilhabe.people.access import (
    CONSENT_CATEGORIES,
    PersonAccess,
    active_consents,
    categories_for,
    get_person_access,
    persons_for,
)
from teilhabe.people.models import Person

ACTIVE = "active"
PENDING = "pending"
EXPIRED = "expired"
WITHDRAWN = "withdrawn"
STATUS_LABELS = {
    ACTIVE: _("in force"),
    PENDING: _("not yet valid"),
    EXPIRED: _("expired"),
    WITHDRAWN: _("withdrawn"),
}
# KERN badge variant per consent status.
STATUS_BADGES = {ACTIVE: "success", PENDING: "info", EXPIRED: "warning", WITHDRAWN: "danger"}


@dataclass(frozen=True)
class ConsentRow:
    """A consent with its status computed once, for templates."""

    consent: Consent
    status: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.status]

    @property
    def category_labels(self) -> list[str]:
        return category_labels(self.consent.categories)


def category_labels(categories: list[str]) -> list[str]:
    labels = dict(DataCategory.choices)
    return [str(labels[c]) for c in CONSENT_CATEGORIES if c in set(categories)]


def consent_rows(consents: list[Consent], today: dt.date | None = None) -> list[ConsentRow]:
    return [ConsentRow(c, consent_status(c, today)) for c in consents]


def consent_status(consent: Consent, today: dt.date | None = None) -> str:
    """The same rule as people.access.active_consents, for one loaded consent."""
    today = today or timezone.localdate()
    if consent.withdrawn_on is not None and consent.withdrawn_on <= today:
        return WITHDRAWN
    if consent.valid_until is not None and consent.valid_until < today:
        return EXPIRED
    if consent.valid_from > today:
        return PENDING
    return ACTIVE


# What a consent for a referral covers unless the case manager chooses otherwise: who the
# person is, their schooling and languages, and where they need support.
REFERRAL_CATEGORIES = ("master_data", "education", "needs")


def _recipients_prefetch() -> Prefetch:
    return Prefetch("recipients", queryset=Organisation.objects.order_by("name"))


def consents_expiring(today: dt.date, days: int) -> QuerySet[Consent]:
    """Active consents that end within `days`, unless a later one of the same organisation
    for the same purpose follows (the worklist and the consent notification use this)."""
    follows = (
        active_consents(today)
        .filter(
            person_id=OuterRef("person_id"),
            organisation_id=OuterRef("organisation_id"),
            purpose=OuterRef("purpose"),
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=OuterRef("valid_until")))
    )
    return (
        active_consents(today)
        .filter(valid_until__lte=today + dt.timedelta(days=days))
        .exclude(Exists(follows))
    )


def consents_of_person(person: Person) -> list[Consent]:
    return list(
        Consent.objects.filter(person=person)
        .select_related("organisation")
        .prefetch_related(_recipients_prefetch())
        .order_by("-valid_from", "-created_at")
    )


def get_owned_consent(principal: Principal, consent_id: uuid.UUID) -> tuple[Consent, PersonAccess]:
    """A consent and the owner's access to its person; 404 for anyone but the owner's
    case managers (partners never see the consent object itself)."""
    consent = (
        Consent.objects.filter(pk=consent_id)
        .select_related("organisation", "recorded_by")
        .prefetch_related(_recipients_prefetch())
        .first()
    )
    if consent is None:
        raise Http404
    access = get_person_access(principal, consent.person_id)
    if not access.is_owner or consent.organisation_id != access.organisation.pk:
        raise Http404
    return consent, access


@dataclass(frozen=True)
class CoveringOption:
    """A receiver together with the active consent that names it."""

    consent: Consent
    organisation: Organisation

    @property
    def key(self) -> str:
        return f"{self.consent.pk}:{self.organisation.pk}"


def covering_options(person: Person, today: dt.date | None = None) -> list[CoveringOption]:
    consents = (
        active_consents(today)
        .filter(person=person)
        .prefetch_related(_recipients_prefetch())
        .order_by("-valid_from", "-created_at")
    )
    return [
        CoveringOption(consent, org)
        for consent in consents
        for org in consent.recipients.all()
        if org.pk != person.owner_id
    ]


def open_cases_of(person: Person) -> list[Case]:
    return list(open_cases(person=person))


def _referral_qs() -> QuerySet[Referral]:
    return Referral.objects.select_related(
        "case__person", "from_organisation", "to_organisation", "consent", "sent_by"
    )


def referrals_for_access(access: PersonAccess) -> list[Referral]:
    """The person's referrals: all of them for the owner, those addressed to the partner's
    organisation otherwise."""
    qs = _referral_qs().filter(case__person=access.person)
    if not access.is_owner:
        qs = qs.filter(to_organisation=access.organisation)
    return list(qs.order_by("-created_at"))


def receiver_principal(principal: Principal, organisation_id: uuid.UUID) -> Principal:
    """The principal acting only for one organisation as partner staff, so that access is
    computed for the organisation a referral is addressed to."""
    memberships = [
        m
        for m in principal.memberships
        if m.organisation_id == organisation_id and m.role == Role.PARTNER_STAFF
    ]
    return Principal(user=principal.user, alliance=principal.alliance, memberships=memberships)


SENDER = "sender"
RECEIVER = "receiver"


def get_referral_for(
    principal: Principal, referral_id: uuid.UUID, today: dt.date | None = None
) -> tuple[Referral, PersonAccess, str]:
    """A referral, the principal's access to its person and the side it acts for."""
    referral = _referral_qs().filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    person_id = referral.case.person_id
    cm_orgs = {m.organisation_id for m in principal.case_manager_memberships()}
    if referral.from_organisation_id in cm_orgs:
        try:
            access = get_person_access(principal, person_id, today)
        except Http404:
            access = None
        if (
            access is not None
            and access.is_owner
            and access.organisation.pk == referral.from_organisation_id
        ):
            return referral, access, SENDER
    restricted = receiver_principal(principal, referral.to_organisation_id)
    if restricted.memberships:
        access = get_person_access(restricted, person_id, today)
        if not access.is_owner and access.can("master_data"):
            return referral, access, RECEIVER
    raise Http404


def _incoming_condition(principal: Principal, today: dt.date | None) -> Any:
    condition: Any = Q(pk__in=[])
    for org in principal.organisations(Role.PARTNER_STAFF):
        covering = active_consents(today).filter(
            person_id=OuterRef("case__person_id"), recipients=org
        )
        condition |= Q(to_organisation=org) & Exists(covering)
    return condition


def incoming_referrals(principal: Principal, today: dt.date | None = None) -> QuerySet[Referral]:
    """Referrals to the principal's partner organisations whose person it may see now."""
    # A restricted or anonymised person is 404 everywhere, so their referrals leave the inbox.
    return (
        _referral_qs()
        .filter(_incoming_condition(principal, today))
        .filter(case__person__restricted=False, case__person__anonymised_at__isnull=True)
        .order_by("-created_at")
    )


def outgoing_referrals(principal: Principal) -> QuerySet[Referral]:
    cm_orgs = [m.organisation_id for m in principal.case_manager_memberships()]
    return (
        _referral_qs()
        .filter(from_organisation_id__in=cm_orgs, case__person__in=persons_for(principal))
        .order_by("-created_at")
    )


def incoming_consents(
    principal: Principal, referrals: list[Referral], today: dt.date | None = None
) -> dict[tuple[uuid.UUID, uuid.UUID], list[Consent]]:
    """Active consents per (person, receiving organisation) for a page of incoming
    referrals, in one query: they decide what is shown and which disclosures are logged."""
    person_ids = {r.case.person_id for r in referrals}
    org_ids = {r.to_organisation_id for r in referrals}
    found: dict[tuple[uuid.UUID, uuid.UUID], list[Consent]] = defaultdict(list)
    if not person_ids:
        return found
    rows = (
        ConsentRecipient.objects.filter(
            organisation_id__in=org_ids,
            consent__in=active_consents(today).filter(person_id__in=person_ids),
        )
        .select_related("consent")
        .order_by("consent__created_at")
    )
    for row in rows:
        found[(row.consent.person_id, row.organisation_id)].append(row.consent)
    return found


def visible_categories(organisation: Organisation, consents: list[Consent]) -> set[str]:
    union = {c for consent in consents for c in consent.categories}
    return set(categories_for(organisation, union))


@dataclass(frozen=True)
class NamedReferrals:
    """Which referrals of a list may name their person to the reader, and the disclosures
    that naming makes (receiving organisation, person id, consents relied on)."""

    ids: frozenset[uuid.UUID]
    disclosures: list[tuple[Organisation, uuid.UUID, list[Consent]]]

    def names(self, referral: Referral) -> bool:
        return referral.pk in self.ids


def referrals_named(
    principal: Principal, referrals: list[Referral], *, incoming: bool, today: dt.date | None = None
) -> NamedReferrals:
    """The one rule for page, export and API: the sender owns the person and sees every
    name; a receiver sees who the person is only while the active consents naming it cover
    the master data (never more than `categories_for` allows its organisation)."""
    if not incoming:
        return NamedReferrals(frozenset(r.pk for r in referrals), [])
    consents = incoming_consents(principal, referrals, today)
    ids: set[uuid.UUID] = set()
    shown: dict[tuple[uuid.UUID, uuid.UUID], tuple[Organisation, uuid.UUID, list[Consent]]] = {}
    for r in referrals:
        key = (r.case.person_id, r.to_organisation_id)
        if "master_data" in visible_categories(r.to_organisation, consents[key]):
            ids.add(r.pk)
            shown[key] = (r.to_organisation, r.case.person_id, consents[key])
    return NamedReferrals(frozenset(ids), list(shown.values()))


def disclosures_of_consent(consent: Consent) -> QuerySet[AuditEvent]:
    """Reads made through this consent, as the audit log recorded them."""
    return (
        AuditEvent.objects.filter(
            alliance_id=consent.alliance_id,
            consent_id=consent.pk,
            action=AuditEvent.Action.DISCLOSE,
        )
        .select_related("organisation")
        .order_by("-at", "-id")
    )


# Reads for the casework API, always starting from an authorised PersonAccess.


def cases_of_person(access: PersonAccess) -> QuerySet[Case]:
    return (
        Case.objects.filter(person=access.person)
        .select_related("organisation")
        .order_by("-opened_on", "id")
    )


def own_contacts_of_person(access: PersonAccess) -> QuerySet[Contact]:
    """Only the caller's own organisation's contacts: notes never cross organisations."""
    return (
        Contact.objects.filter(case__person=access.person, organisation=access.organisation)
        .select_related("organisation")
        .order_by("-on", "-created_at", "id")
    )


def organisations_of_alliance(principal: Principal, ids: list[uuid.UUID]) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=ids, alliance=principal.alliance))


def referral_parts(
    access: PersonAccess, *, case_id: uuid.UUID, consent_id: uuid.UUID, organisation_id: uuid.UUID
) -> tuple[Case | None, Consent | None, Organisation | None]:
    """The case and consent of this person and a receiving organisation of its alliance."""
    case = Case.objects.filter(pk=case_id, person=access.person).first()
    consent = Consent.objects.filter(pk=consent_id, person=access.person).first()
    receiver = Organisation.objects.filter(
        pk=organisation_id, alliance=access.principal.alliance
    ).first()
    return case, consent, receiver
