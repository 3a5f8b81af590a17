"""Moves between alliances in the API: the sender starts a handover of a person; the
receiving Teilhabemanagement lists its incoming handovers and accepts or declines them.
The same access helpers, selectors and services as the pages; the incoming list names a
person only as the relocation consent allows (`people.access.person_label`)."""

# No `from __future__ import annotations`: ninja's paginate wrapper resolves annotations.
import datetime as dt
import uuid

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from teilhabe.api.auth import api_scope
from teilhabe.api.pages import Pages, QueryPage
from teilhabe.people.access import get_person_access
from teilhabe.relocation import selectors, services
from teilhabe.relocation.models import Relocation

router = Router(tags=["relocation"])
P = "/buendnisse/{alliance}"


class RelocationIn(Schema):
    to_organisation: uuid.UUID
    categories: list[str]


class RelocationOut(Schema):
    id: uuid.UUID
    status: str
    sent_on: dt.date
    answered_on: dt.date | None
    from_organisation: str
    from_alliance: str
    to_organisation: str
    to_alliance: str
    categories: list[str]
    person: str  # the name with the master data in the consent, else a pseudonym
    created_person_id: uuid.UUID | None


def _out(relocation: Relocation, person: str) -> dict[str, object]:
    return {
        "id": relocation.pk,
        "status": relocation.status,
        "sent_on": relocation.sent_on,
        "answered_on": relocation.answered_on,
        "from_organisation": relocation.organisation.name,
        "from_alliance": relocation.alliance.name,
        "to_organisation": relocation.to_organisation.name,
        "to_alliance": relocation.to_alliance.name,
        "categories": list(relocation.consent.categories),
        "person": person,
        "created_person_id": relocation.created_person_id,
    }


def _incoming_out(rows: list[Relocation]) -> list[dict[str, object]]:
    return [_out(r, selectors.label(r)) for r in rows]


@router.post(
    P + "/personen/{person_id}/umzug",
    response={201: RelocationOut},
    url_name="relocation_create",
)
def create_relocation(
    request: HttpRequest, alliance: str, person_id: uuid.UUID, payload: RelocationIn
) -> Status[dict[str, object]]:
    """Start the handover of a person the caller's organisation owns (with the consent)."""
    with api_scope(request, alliance) as principal:
        access = get_person_access(principal, person_id)
        if not access.is_owner:
            raise Http404
        offices = {o.pk: o for o in services.receiving_offices(access)}
        if payload.to_organisation not in offices:
            raise Http404
        relocation = services.relocation_send(
            access=access,
            to_organisation=offices[payload.to_organisation],
            categories=payload.categories,
        )
        return Status(201, _out(relocation, access.person.full_name))


@router.get(P + "/umzuege", response=list[RelocationOut], url_name="relocation_list")
@paginate(Pages, page_size=50)
def list_relocations(request: HttpRequest, alliance: str) -> QueryPage:
    """Incoming handovers of the caller's Teilhabemanagement, newest first."""
    with api_scope(request, alliance) as principal:
        if not principal.case_manager_memberships():
            raise Http404
        rows = selectors.incoming_for(principal).select_related("to_organisation", "to_alliance")
        return QueryPage(rows, principal.alliance, _incoming_out)


@router.post(
    P + "/umzuege/{relocation_id}/annehmen", response=RelocationOut, url_name="relocation_accept"
)
def accept_relocation(request: HttpRequest, alliance: str, relocation_id: uuid.UUID) -> dict:
    with api_scope(request, alliance) as principal:
        relocation = selectors.incoming_get(principal, relocation_id)
        services.relocation_accept(principal=principal, relocation=relocation)
        return _out(relocation, selectors.label(relocation))


@router.post(
    P + "/umzuege/{relocation_id}/ablehnen", response=RelocationOut, url_name="relocation_decline"
)
def decline_relocation(request: HttpRequest, alliance: str, relocation_id: uuid.UUID) -> dict:
    with api_scope(request, alliance) as principal:
        relocation = selectors.incoming_get(principal, relocation_id)
        services.relocation_decline(principal=principal, relocation=relocation)
        return _out(relocation, selectors.label(relocation))
