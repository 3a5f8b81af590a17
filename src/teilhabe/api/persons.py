from __future__ import annotations

import datetime as dt
import uuid

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from teilhabe.api.auth import api_scope, request_token
from teilhabe.core.roles import state_role
from teilhabe.core.selectors import alliances_of
from teilhabe.people.access import get_person_access
from teilhabe.people.models import Person
from teilhabe.people.selectors import person_detail_cases, person_list
from teilhabe.people.services import person_view_record

router = Router(tags=["persons"])


class MeOut(Schema):
    email: str
    state_role: str | None
    alliances: list[str]


class PersonOut(Schema):
    id: uuid.UUID
    given_name: str
    family_name: str
    date_of_birth: dt.date
    sex: str
    nationality: str
    residence_ags: str | None
    owner: str


class CaseOut(Schema):
    id: uuid.UUID
    status: str
    opened_on: dt.date
    closed_on: dt.date | None
    organisation: str


class PersonDetailOut(PersonOut):
    cases: list[CaseOut]


def _person_out(p: Person) -> dict[str, object]:
    return {
        "id": p.id,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "date_of_birth": p.date_of_birth,
        "sex": p.sex,
        "nationality": p.nationality,
        "residence_ags": p.residence_id,
        "owner": p.owner.name,
    }


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
@paginate(PageNumberPagination, page_size=50)
def list_persons(request: HttpRequest, alliance: str, q: str = "") -> list[dict[str, object]]:
    with api_scope(request, alliance) as principal:
        if not principal.can_read_persons:
            raise Http404
        return [
            _person_out(p)
            for p in person_list(principal, search=q).order_by("family_name", "given_name", "id")
        ]


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
        return {**_person_out(person), "cases": cases}
