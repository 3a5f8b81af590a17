"""REST routes of the initiative and the alliances: same access helpers and services as
the pages. State routes answer 404 to anyone without the state role; alliance routes use
the alliance scope (404 for non-members)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from teilhabe.alliances import selectors, services
from teilhabe.alliances.access import get_programme
from teilhabe.alliances.coverage import SEEKERS_SOURCE, coverage_report
from teilhabe.alliances.models import JoinDeclaration
from teilhabe.api.scope import alliance_scope
from teilhabe.core.roles import is_alliance_staff, is_state_coordinator, is_state_reader

router = Router(tags=["alliances"])


class RegionOut(Schema):
    key: str
    name: str
    kreis_level_joined: int
    kreis_level_total: int
    gemeinden_covered: int
    gemeinden_total: int
    population_share: Decimal
    seekers_share: Decimal


class CoverageOut(Schema):
    as_of: dt.date | None
    cities_joined: int
    cities_total: int
    kreise_joined: int
    kreise_total: int
    kreis_members: int
    gemeinden_alone: int
    kreis_level_joined: int
    kreis_level_total: int
    kreis_level_share: Decimal
    gemeinden_covered: int
    gemeinden_total: int
    gemeinden_share: Decimal
    population_share: Decimal
    seekers_share: Decimal
    seekers_source: str
    regions: list[RegionOut]


class FieldCountOut(Schema):
    field: str
    reports: int
    alliances: int


class DeclarationOut(Schema):
    id: uuid.UUID
    body: str
    body_kind: str
    kreis_key: str
    gemeinde_ags: str | None
    received_on: dt.date
    is_late: bool
    signed_by_function: str
    lead_office_type: str
    lead_office_name: str
    kreis_consent_on: dt.date | None
    status: str
    alliance: str | None


class DeclarationIn(Schema):
    body_key: str
    received_on: dt.date
    signed_by_name: str
    signed_by_function: str
    lead_office_type: str
    lead_office_name: str = ""
    kreis_consent_on: dt.date | None = None


class ErrorOut(Schema):
    errors: dict[str, list[str]]


class WorkshopOut(Schema):
    id: uuid.UUID
    kind: str
    title: str
    held_on: dt.date
    place: str
    organiser: str
    professionals_count: int
    volunteers_count: int
    problem_count: int


class ProblemOut(Schema):
    id: uuid.UUID
    workshop_id: uuid.UUID
    field: str
    description: str
    reported_by_kind: str


class PriorityOut(Schema):
    id: uuid.UUID
    title: str
    field: str | None
    actions: list[str]
    responsible: str
    due_on: dt.date | None
    status: str
    problem_ids: list[uuid.UUID]


class FieldOut(Schema):
    id: uuid.UUID
    key: str
    label: str
    alliance_specific: bool


class ArticleOut(Schema):
    id: uuid.UUID
    title: str
    version: int
    body_markdown: str
    author: str | None
    review_on: dt.date


def _declaration_out(d: JoinDeclaration) -> dict[str, object]:
    return {
        "id": d.pk,
        "body": d.body_name,
        "body_kind": d.body_kind,
        "kreis_key": d.kreis_id,
        "gemeinde_ags": d.gemeinde_id,
        "received_on": d.received_on,
        "is_late": d.is_late,
        "signed_by_function": d.signed_by_function,
        "lead_office_type": d.lead_office_type,
        "lead_office_name": d.lead_office_name,
        "kreis_consent_on": d.kreis_consent_on,
        "status": d.status,
        "alliance": d.alliance.slug if d.alliance else None,
    }


@router.get("/land/abdeckung", response=CoverageOut, url_name="alliances_coverage")
def coverage(request: HttpRequest, as_of: dt.date | None = None) -> dict[str, object]:
    if not is_state_reader(request.user):
        raise Http404
    r = coverage_report(as_of)
    return {
        **{
            name: getattr(r, name)
            for name in CoverageOut.model_fields
            if name not in {"regions", "seekers_source"}
        },
        "seekers_source": SEEKERS_SOURCE,
        "regions": [
            {name: getattr(region, name) for name in RegionOut.model_fields} for region in r.regions
        ],
    }


@router.get(
    "/land/problemfelder", response=list[FieldCountOut], url_name="alliances_problem_fields"
)
def problem_fields(request: HttpRequest) -> list[dict[str, object]]:
    if not is_state_reader(request.user):
        raise Http404
    return [
        {"field": c.label, "reports": c.reports, "alliances": c.alliances}
        for c in selectors.statewide_problem_fields()
    ]


@router.get("/land/beitritte", response=list[DeclarationOut], url_name="alliances_declarations")
def list_declarations(request: HttpRequest, status: str = "") -> list[dict[str, object]]:
    if not is_state_coordinator(request.user):
        raise Http404
    return [_declaration_out(d) for d in selectors.declarations(status)]


@router.post(
    "/land/beitritte",
    response={201: DeclarationOut, 422: ErrorOut},
    url_name="alliances_declarations",
)
def record_declaration(request: HttpRequest, payload: DeclarationIn) -> Status[dict[str, object]]:
    """Record a declaration without its letter (upload the letter on the page)."""
    if not is_state_coordinator(request.user):
        raise Http404
    try:
        declaration = services.join_declaration_record(
            actor=request.user,  # type: ignore[arg-type]  # a state coordinator is signed in
            programme=get_programme(),
            **payload.model_dump(),
        )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Status(422, {"errors": errors})
    return Status(201, _declaration_out(declaration))


@router.get(
    "/buendnisse/{alliance}/werkstaetten",
    response=list[WorkshopOut],
    url_name="alliances_workshops",
)
def workshops(request: HttpRequest, alliance: str) -> list[dict[str, object]]:
    with alliance_scope(request, alliance) as principal:
        if not is_alliance_staff(principal):
            raise Http404
        return [
            {
                "id": w.pk,
                "kind": w.kind,
                "title": w.title,
                "held_on": w.held_on,
                "place": w.place,
                "organiser": w.organiser,
                "professionals_count": w.professionals_count,
                "volunteers_count": w.volunteers_count,
                "problem_count": w.problem_count,  # type: ignore[attr-defined]
            }
            for w in selectors.workshops_for(principal.alliance)  # type: ignore[arg-type]
        ]


@router.get(
    "/buendnisse/{alliance}/probleme", response=list[ProblemOut], url_name="alliances_problems"
)
def problems(request: HttpRequest, alliance: str) -> list[dict[str, object]]:
    with alliance_scope(request, alliance) as principal:
        if not is_alliance_staff(principal):
            raise Http404
        return [
            {
                "id": p.pk,
                "workshop_id": p.workshop_id,
                "field": p.field.label,
                "description": p.description,
                "reported_by_kind": p.reported_by_kind,
            }
            for p in selectors.problems_for(principal.alliance)  # type: ignore[arg-type]
        ]


@router.get(
    "/buendnisse/{alliance}/schwerpunkte",
    response=list[PriorityOut],
    url_name="alliances_priorities",
)
def priorities(request: HttpRequest, alliance: str) -> list[dict[str, object]]:
    with alliance_scope(request, alliance) as principal:
        if not is_alliance_staff(principal):
            raise Http404
        return [
            {
                "id": p.pk,
                "title": p.title,
                "field": p.field.label if p.field else None,
                "actions": p.action_list(),
                "responsible": p.responsible.name,
                "due_on": p.due_on,
                "status": p.status,
                "problem_ids": [pr.pk for pr in p.problems.all()],
            }
            for p in selectors.priorities_for(principal.alliance)  # type: ignore[arg-type]
        ]


@router.get(
    "/buendnisse/{alliance}/handlungsfelder",
    response=list[FieldOut],
    url_name="alliances_fields",
)
def fields_of_action(request: HttpRequest, alliance: str) -> list[dict[str, object]]:
    with alliance_scope(request, alliance) as principal:
        return [
            {"id": f.pk, "key": f.key, "label": f.label, "alliance_specific": not f.is_default}
            for f in selectors.fields_of_action_for(principal.alliance)
        ]


@router.get(
    "/buendnisse/{alliance}/wissen", response=list[ArticleOut], url_name="alliances_knowledge"
)
def knowledge(request: HttpRequest, alliance: str) -> list[dict[str, object]]:
    """Every member reads the knowledge base, volunteers included."""
    with alliance_scope(request, alliance) as principal:
        return [
            {
                "id": a.pk,
                "title": a.current.title,  # type: ignore[union-attr]
                "version": a.current.number,  # type: ignore[union-attr]
                "body_markdown": a.current.body,  # type: ignore[union-attr]
                "author": a.current.author.email if a.current.author else None,  # type: ignore[union-attr]
                "review_on": a.current.review_on,  # type: ignore[union-attr]
            }
            for a in selectors.articles_for(principal.alliance)  # type: ignore[arg-type]
        ]
