"""Casework routes of the API: cases and contacts (read), consents, referrals.

The same access helpers, selectors and services as the pages; every read of a person's data
is audited like a page read (a disclosure when it goes through a consent). Contacts: only
the caller's own organisation's contacts, never another organisation's notes.
"""

# No `from __future__ import annotations` here: ninja's paginate wrapper resolves the
# handler's annotations (uuid.UUID) in its own module, where string annotations fail.
import datetime as dt
import uuid
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from teilhabe.api.auth import api_scope
from teilhabe.api.pages import Pages, QueryPage
from teilhabe.casework.models import Consent, Contact, ExitOutcome, Referral
from teilhabe.casework.outcomes import current_outcome
from teilhabe.casework.sharing import selectors as sel
from teilhabe.casework.sharing import services
from teilhabe.core.models import Organisation
from teilhabe.core.roles import Principal
from teilhabe.people.access import PersonAccess, get_person_access
from teilhabe.people.services import person_view_record

router = Router(tags=["casework"])
P = "/buendnisse/{alliance}"
PAGE_SIZE = 50


class OrganisationRef(Schema):
    id: uuid.UUID
    name: str


class ExitOutcomeOut(Schema):
    situation: str
    found_on: dt.date
    note: str  # the owning organisation's only, as on the page (empty for a partner)


class CaseOut(Schema):
    id: uuid.UUID
    status: str
    opened_on: dt.date
    closed_on: dt.date | None
    closure_reason: str
    organisation: str
    exit_outcome: ExitOutcomeOut | None


class ContactOut(Schema):
    id: uuid.UUID
    case_id: uuid.UUID
    on: dt.date
    duration_minutes: int
    channel: str
    interpreter: bool
    note: str
    organisation: str


class ConsentOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    organisation: str
    recipients: list[OrganisationRef]
    purpose: str
    purpose_detail: str
    categories: list[str]
    valid_from: dt.date
    valid_until: dt.date | None
    withdrawn_on: dt.date | None
    status: str
    has_evidence: bool


class ConsentIn(Schema):
    recipients: list[uuid.UUID]
    purpose: Consent.Purpose
    purpose_detail: str = ""
    categories: list[str]
    valid_from: dt.date
    valid_until: dt.date | None = None


class WithdrawIn(Schema):
    withdrawn_on: dt.date | None = None


class ReferralOut(Schema):
    id: uuid.UUID
    # Empty for a receiver whose consents do not cover the master data (as on the page).
    person_id: uuid.UUID | None
    person_name: str
    case_id: uuid.UUID
    from_organisation: OrganisationRef
    to_organisation: OrganisationRef
    consent_id: uuid.UUID
    purpose: str
    categories: list[str]
    status: str
    decline_reason: str
    outcome: str
    answered_on: dt.date | None
    created_at: dt.datetime


class ReferralIn(Schema):
    case_id: uuid.UUID
    consent_id: uuid.UUID
    to_organisation_id: uuid.UUID
    purpose: str
    categories: list[str]


class ReferralAnswerIn(Schema):
    action: Literal["accept", "decline", "outcome", "withdraw"]
    reason: str = ""
    outcome: str = ""


def _org(o: Organisation) -> dict[str, object]:
    return {"id": o.pk, "name": o.name}


def _consent_out(c: Consent) -> dict[str, object]:
    return {
        "id": c.pk,
        "person_id": c.person_id,
        "organisation": c.organisation.name,
        "recipients": [_org(o) for o in c.recipients.all()],
        "purpose": c.purpose,
        "purpose_detail": c.purpose_detail,
        "categories": list(c.categories),
        "valid_from": c.valid_from,
        "valid_until": c.valid_until,
        "withdrawn_on": c.withdrawn_on,
        "status": sel.consent_status(c),
        "has_evidence": bool(c.evidence),
    }


def _referral_out(r: Referral, *, named: bool = True) -> dict[str, object]:
    person = r.case.person
    return {
        "id": r.pk,
        "person_id": person.pk if named else None,
        "person_name": person.full_name if named else "",
        "case_id": r.case_id,
        "from_organisation": _org(r.from_organisation),
        "to_organisation": _org(r.to_organisation),
        "consent_id": r.consent_id,
        "purpose": r.purpose,
        "categories": list(r.categories),
        "status": r.status,
        "decline_reason": r.decline_reason,
        "outcome": r.outcome,
        "answered_on": r.answered_on,
        "created_at": r.created_at,
    }


def _read(principal: Principal, person_id: uuid.UUID, category: str | None) -> PersonAccess:
    """Access to a person for one category (None: the owner only), audited."""
    access = get_person_access(principal, person_id)
    if category is None and not access.is_owner:
        raise Http404
    if category is not None and not access.can(category):
        raise Http404
    person_view_record(access=access, purpose="api")
    return access


# Cases and contacts (read) ---------------------------------------------------------------


@router.get(P + "/personen/{person_id}/faelle", response=list[CaseOut], url_name="case_list")
def list_cases(request: HttpRequest, alliance: str, person_id: uuid.UUID) -> list[dict]:
    with api_scope(request, alliance) as principal:
        access = _read(principal, person_id, "master_data")
        cases = sel.cases_of_person(access).select_related("exit_outcome")
        return [
            {
                "id": c.pk,
                "status": c.status,
                "opened_on": c.opened_on,
                "closed_on": c.closed_on,
                "closure_reason": c.closure_reason,
                "organisation": c.organisation.name,
                "exit_outcome": _outcome_out(current_outcome(c), owner=access.is_owner),
            }
            for c in cases
        ]


def _outcome_out(outcome: ExitOutcome | None, *, owner: bool) -> dict[str, object] | None:
    if outcome is None:
        return None
    note = outcome.note if owner else ""
    return {"situation": outcome.situation, "found_on": outcome.found_on, "note": note}


@router.get(
    P + "/personen/{person_id}/kontakte", response=list[ContactOut], url_name="contact_list"
)
@paginate(Pages, page_size=50)
def list_contacts(request: HttpRequest, alliance: str, person_id: uuid.UUID) -> QueryPage:
    with api_scope(request, alliance) as principal:
        access = get_person_access(principal, person_id)
        person_view_record(access=access, purpose="api")
        return QueryPage(sel.own_contacts_of_person(access), principal.alliance, _contacts_out)


def _contacts_out(contacts: list[Contact]) -> list[dict]:
    return [
        {
            "id": c.pk,
            "case_id": c.case_id,
            "on": c.on,
            "duration_minutes": c.duration_minutes,
            "channel": c.channel,
            "interpreter": c.interpreter,
            "note": c.note,
            "organisation": c.organisation.name,
        }
        for c in contacts
    ]


# Consents (the owning organisation's case managers only) ---------------------------------


@router.get(
    P + "/personen/{person_id}/einwilligungen", response=list[ConsentOut], url_name="consent_list"
)
def list_consents(request: HttpRequest, alliance: str, person_id: uuid.UUID) -> list[dict]:
    with api_scope(request, alliance) as principal:
        access = _read(principal, person_id, None)
        return [_consent_out(c) for c in sel.consents_of_person(access.person)]


@router.post(
    P + "/personen/{person_id}/einwilligungen",
    response={201: ConsentOut},
    url_name="consent_create",
)
def create_consent(
    request: HttpRequest, alliance: str, person_id: uuid.UUID, payload: ConsentIn
) -> Status:
    with api_scope(request, alliance) as principal:
        access = get_person_access(principal, person_id)
        if not access.is_owner:
            raise Http404
        recipients = sel.organisations_of_alliance(principal, payload.recipients)
        if len(recipients) != len(set(payload.recipients)):
            raise ValidationError("unknown recipient")
        consent = services.consent_record(
            access=access,
            recipients=recipients,
            purpose=payload.purpose,
            purpose_detail=payload.purpose_detail,
            categories=payload.categories,
            valid_from=payload.valid_from,
            valid_until=payload.valid_until,
        )
        consent, _access = sel.get_owned_consent(principal, consent.pk)
        return Status(201, _consent_out(consent))


@router.get(P + "/einwilligungen/{consent_id}", response=ConsentOut, url_name="consent_detail")
def get_consent(request: HttpRequest, alliance: str, consent_id: uuid.UUID) -> dict:
    with api_scope(request, alliance) as principal:
        consent, access = sel.get_owned_consent(principal, consent_id)
        person_view_record(access=access, purpose="api")
        return _consent_out(consent)


@router.post(
    P + "/einwilligungen/{consent_id}/widerruf", response=ConsentOut, url_name="consent_withdraw"
)
def withdraw_consent(
    request: HttpRequest, alliance: str, consent_id: uuid.UUID, payload: WithdrawIn
) -> dict:
    with api_scope(request, alliance) as principal:
        consent, access = sel.get_owned_consent(principal, consent_id)
        services.consent_withdraw(
            access=access,
            consent=consent,
            withdrawn_on=payload.withdrawn_on or timezone.localdate(),
        )
        return _consent_out(consent)


# Referrals -------------------------------------------------------------------------------


@router.get(
    P + "/personen/{person_id}/vermittlungen",
    response=list[ReferralOut],
    url_name="person_referral_list",
)
def list_person_referrals(request: HttpRequest, alliance: str, person_id: uuid.UUID) -> list:
    with api_scope(request, alliance) as principal:
        access = _read(principal, person_id, "master_data")
        return [_referral_out(r) for r in sel.referrals_for_access(access)]


@router.post(
    P + "/personen/{person_id}/vermittlungen",
    response={201: ReferralOut},
    url_name="referral_create",
)
def create_referral(
    request: HttpRequest, alliance: str, person_id: uuid.UUID, payload: ReferralIn
) -> Status:
    with api_scope(request, alliance) as principal:
        access = get_person_access(principal, person_id)
        if not access.is_owner:
            raise Http404
        case, consent, receiver = sel.referral_parts(
            access,
            case_id=payload.case_id,
            consent_id=payload.consent_id,
            organisation_id=payload.to_organisation_id,
        )
        if case is None or consent is None or receiver is None:
            raise ValidationError("unknown case, consent or organisation")
        referral = services.referral_send(
            access=access,
            case=case,
            consent=consent,
            to_organisation=receiver,
            purpose=payload.purpose,
            categories=payload.categories,
        )
        referral, _access, _side = sel.get_referral_for(principal, referral.pk)
        return Status(201, _referral_out(referral))


class ReferralPage(Schema):
    items: list[ReferralOut]
    count: int
    page: int
    pages: int


@router.get(P + "/vermittlungen", response=ReferralPage, url_name="referral_list")
def list_referrals(
    request: HttpRequest,
    alliance: str,
    richtung: Literal["eingang", "ausgang"] = "eingang",
    page: int = 1,
) -> dict:
    """Incoming referrals of the caller's partner organisations (`eingang`) or those its
    case managers sent (`ausgang`), 50 a page. Incoming rows name persons: each page is
    logged as disclosures, like a page read."""
    with api_scope(request, alliance) as principal:
        if not principal.can_read_persons:
            raise Http404
        incoming = richtung == "eingang"
        qs = sel.incoming_referrals(principal) if incoming else sel.outgoing_referrals(principal)
        paginator = Paginator(qs, PAGE_SIZE)
        current = paginator.get_page(page)
        rows = list(current.object_list)
        named = sel.referrals_named(principal, rows, incoming=incoming)
        services.referral_inbox_disclosures_record(
            principal=principal, shown=named.disclosures, purpose="api"
        )
        return {
            "items": [_referral_out(r, named=named.names(r)) for r in rows],
            "count": paginator.count,
            "page": current.number,
            "pages": paginator.num_pages,
        }


@router.get(P + "/vermittlungen/{referral_id}", response=ReferralOut, url_name="referral_detail")
def get_referral(request: HttpRequest, alliance: str, referral_id: uuid.UUID) -> dict:
    with api_scope(request, alliance) as principal:
        referral, access, _side = sel.get_referral_for(principal, referral_id)
        person_view_record(access=access, purpose="api referral")
        return _referral_out(referral)


@router.post(
    P + "/vermittlungen/{referral_id}/antwort", response=ReferralOut, url_name="referral_answer"
)
def answer_referral(
    request: HttpRequest, alliance: str, referral_id: uuid.UUID, payload: ReferralAnswerIn
) -> dict:
    """The receiver accepts, declines (with a reason) or records the outcome; the sender
    withdraws while the referral is unanswered."""
    with api_scope(request, alliance) as principal:
        referral, access, side = sel.get_referral_for(principal, referral_id)
        if payload.action == "withdraw":
            if side != sel.SENDER:
                raise Http404
            services.referral_withdraw(access=access, referral=referral)
        elif side != sel.RECEIVER:
            raise Http404
        elif payload.action == "accept":
            services.referral_accept(access=access, referral=referral)
        elif payload.action == "decline":
            services.referral_decline(access=access, referral=referral, reason=payload.reason)
        else:
            services.referral_record_outcome(
                access=access, referral=referral, outcome=payload.outcome
            )
        return _referral_out(referral)
