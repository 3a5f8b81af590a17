from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from teilhabe.api.auth import api_scope, request_token
from teilhabe.api.pages import Pages, QueryPage
from teilhabe.api.person_domains import InterpreterNeedOut, LegalDomainPeriodOut, domain_facts
from teilhabe.casework.models import DataCategory
from teilhabe.core.roles import Principal, state_role
from teilhabe.core.selectors import alliances_of
from teilhabe.people.access import (
    MASTER_DATA,
    Shared,
    get_person_access,
    person_label,
    row_categories,
    shared_with,
    shows_master_data,
)
from teilhabe.people.models import (
    STATUS_ORDER,
    ListSurface,
    Person,
    ResidenceStatusEntry,
    WorkPermission,
)
from teilhabe.people.selectors import person_detail_cases, person_list, shown_name
from teilhabe.people.services import list_disclosures_record, person_view_record

router = Router(tags=["persons"])


class MeOut(Schema):
    email: str
    state_role: str | None
    alliances: list[str]


class PersonOut(Schema):
    id: uuid.UUID
    # The name, or "Person 7F3A9C (shared: …)" where the consents lack the master data;
    # then the master-data fields below are empty (people.access.person_label).
    label: str
    given_name: str | None
    family_name: str | None
    date_of_birth: dt.date | None
    sex: str | None
    nationality: str | None
    residence_ags: str | None
    owner: str


class CaseOut(Schema):
    id: uuid.UUID
    status: str
    opened_on: dt.date
    closed_on: dt.date | None
    organisation: str


class StatusEntryOut(Schema):
    id: uuid.UUID
    status: str
    legal_basis: str
    valid_from: dt.date
    valid_until: dt.date | None
    conditions: list[str]
    conditions_note: str
    residence_obligation_ags: str | None
    residence_obligation_kreis: str | None


class WorkPermissionOut(Schema):
    id: uuid.UUID
    status_entry_id: uuid.UUID | None
    provider_id: uuid.UUID | None
    employer_name: str
    kind: str
    granted_on: dt.date
    valid_until: dt.date | None
    withdrawn_on: dt.date | None


class PersonDetailOut(PersonOut):
    cases: list[CaseOut]
    interpreter_needs: list[InterpreterNeedOut]
    legal_domain_periods: list[LegalDomainPeriodOut]
    # The residence-status history with its conditions and the work permissions: only
    # with the "residence_status" category (the owner always has it).
    residence_status: list[StatusEntryOut] = []
    work_permissions: list[WorkPermissionOut] = []


def _residence(access: Any) -> dict[str, object]:
    if not access.can(DataCategory.RESIDENCE_STATUS):
        return {"residence_status": [], "work_permissions": []}
    person = access.person
    entries = ResidenceStatusEntry.objects.filter(person=person).order_by(*STATUS_ORDER)
    return {
        "residence_status": [
            {
                "id": e.id,
                "status": e.status,
                "legal_basis": e.legal_basis,
                "valid_from": e.valid_from,
                "valid_until": e.valid_until,
                "conditions": list(e.conditions or []),
                "conditions_note": e.conditions_note,
                "residence_obligation_ags": e.residence_gemeinde_id,
                "residence_obligation_kreis": e.residence_kreis_id,
            }
            for e in entries
        ],
        "work_permissions": list(
            WorkPermission.objects.filter(person=person)
            .order_by("-granted_on", "-created_at", "-id")
            .values(
                "id",
                "status_entry_id",
                "provider_id",
                "employer_name",
                "kind",
                "granted_on",
                "valid_until",
                "withdrawn_on",
            )
        ),
    }


def _person_out(p: Person, categories: Iterable[str]) -> dict[str, object]:
    categories = frozenset(categories)
    master: dict[str, object] = {
        "given_name": p.given_name,
        "family_name": p.family_name,
        "date_of_birth": p.date_of_birth,
        "sex": p.sex,
        "nationality": p.nationality,
        "residence_ags": p.residence_id,
    }
    if MASTER_DATA not in categories:
        master = dict.fromkeys(master)
    return {"id": p.id, "label": person_label(p, categories), **master, "owner": p.owner.name}


def _disclosed_page(
    rows: QuerySet[Person], principal: Principal, surface: str, shared: dict[Any, Shared]
) -> QueryPage:
    """The persons of one page, recorded as a list disclosure (only the persons really
    returned), in one place for list and search."""

    def build(page: list[Person]) -> list[dict[str, object]]:
        list_disclosures_record(principal=principal, surface=surface, persons=page, shared=shared)
        return [_person_out(p, row_categories(p, shared)) for p in page]

    return QueryPage(rows, principal.alliance, build)


@router.get("/me", response=MeOut, url_name="me")
def me(request: HttpRequest) -> dict[str, object]:
    token = request_token(request)
    if token is not None:
        # A token has no user: it speaks for its organisation in one alliance.
        return {"email": "", "state_role": None, "alliances": [token.alliance.slug]}
    return {
        "email": request.user.email,  # type: ignore[union-attr]
        "state_role": state_role(request.user),
        "alliances": [a.slug for a in alliances_of(request.user)],  # type: ignore[arg-type]
    }


@router.get("/buendnisse/{alliance}/personen", response=list[PersonOut], url_name="person_list")
@paginate(Pages, page_size=50)
def list_persons(request: HttpRequest, alliance: str, q: str = "") -> Any:
    """The persons the caller may see (a search by name finds only those whose name it
    may see); a partner's page is recorded as a list disclosure."""
    with api_scope(request, alliance) as principal:
        if not principal.can_read_persons:
            raise Http404
        # Hidden names sort as NULL (last), so the order reveals no hidden name either.
        shared = shared_with(principal)  # read once: for the filter and the page's labels
        rows = person_list(principal, search=q, shared=shared).order_by(
            *(shown_name(f) for f in ("family_name", "given_name")), "id"
        )
        surface = ListSurface.API_SEARCH if q.split() else ListSurface.API_LIST
        return _disclosed_page(rows, principal, surface, shared)


@router.get(
    "/buendnisse/{alliance}/personen/{person_id}",
    response=PersonDetailOut,
    url_name="person_detail",
)
def get_person(request: HttpRequest, alliance: str, person_id: uuid.UUID) -> dict[str, object]:
    with api_scope(request, alliance) as principal:
        access = get_person_access(principal, person_id)
        person_view_record(access=access)
        person = access.person
        residence = _residence(access)
        if not shows_master_data(access):  # cases name the person's case management
            return {
                **_person_out(person, access.categories),
                "cases": [],
                **domain_facts(access),
                **residence,
            }
        cases = [
            {
                "id": c.id,
                "status": c.status,
                "opened_on": c.opened_on,
                "closed_on": c.closed_on,
                "organisation": c.organisation.name,
            }
            for c in person_detail_cases(person)
        ]
        return {
            **_person_out(person, access.categories),
            "cases": cases,
            **domain_facts(access),
            **residence,
        }
