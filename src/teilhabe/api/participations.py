"""Participations and Maßnahme-Karriere findings of a person (API).

Same rules as the pages: reading participations needs the "participations" category
(owner, or a partner through a consent); findings are the owner's only; writes go through
trajectories.services (owner, or the provider for its own offers through a consent).
"""

# No `from __future__ import annotations`: ninja resolves handler annotations at runtime.
import datetime as dt
import uuid
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from teilhabe.api.auth import api_scope
from teilhabe.core.roles import Principal
from teilhabe.offers.models import Offer
from teilhabe.offers.selectors import offer_of_alliance
from teilhabe.people.access import PersonAccess, get_person_access
from teilhabe.people.services import person_view_record
from teilhabe.trajectories import selectors, services
from teilhabe.trajectories.models import Participation

router = Router(tags=["participations"])
P = "/buendnisse/{alliance}"


class ParticipationOut(Schema):
    id: uuid.UUID
    offer_id: uuid.UUID | None
    title: str
    provider: str
    category: str
    start: dt.date
    end: dt.date | None
    outcome: str
    level_reached: str
    certificate: bool
    certificate_title: str
    transition: str
    employer_id: uuid.UUID | None = None  # a firm of the alliance's directory
    version: int


class ParticipationIn(Schema):
    offer_id: uuid.UUID | None = None
    external_title: str = ""
    external_provider: str = ""
    category: str = ""
    start: dt.date
    end: dt.date | None = None
    outcome: Literal["ongoing", "completed", "aborted"] = "ongoing"
    level_reached: Literal["", "A1", "A2", "B1", "B2", "C1", "C2"] = ""
    certificate: bool = False
    certificate_title: str = ""
    transition: Literal["", "vocational_training", "employment", "school", "higher_education"] = ""


class ParticipationUpdate(ParticipationIn):
    version: int


class FindingOut(Schema):
    rule: str
    participation_ids: list[str]
    gap_days: int | None
    explanation: str
    detected_on: dt.date


def _read(principal: Principal, person_id: uuid.UUID) -> PersonAccess:
    access = get_person_access(principal, person_id)
    if not access.can("participations"):
        raise Http404
    person_view_record(access=access, purpose="api")
    return access


def _out(p: Participation) -> dict[str, Any]:
    return {
        "id": p.pk,
        "offer_id": p.offer_id,
        "title": p.title,  # type: ignore[attr-defined]
        "provider": p.provider_name or "",  # type: ignore[attr-defined]
        "category": p.category,
        "start": p.start,
        "end": p.end,
        "outcome": p.outcome,
        "level_reached": p.level_reached,
        "certificate": p.certificate,
        "certificate_title": p.certificate_title,
        "transition": p.transition,
        "employer_id": p.employer_id,
        "version": p.version,
    }


def _offer(access: PersonAccess, offer_id: uuid.UUID | None) -> Offer | None:
    if offer_id is None:
        return None
    return offer_of_alliance(access.person.alliance_id, offer_id)


def _one(access: PersonAccess, pk: uuid.UUID) -> dict[str, Any]:
    for p in selectors.participations_of(access):
        if p.pk == pk:
            return _out(p)
    raise Http404


@router.get(
    P + "/personen/{person_id}/teilnahmen",
    response=list[ParticipationOut],
    url_name="participation_list",
)
def list_participations(request: HttpRequest, alliance: str, person_id: uuid.UUID) -> list[dict]:
    with api_scope(request, alliance) as principal:
        access = _read(principal, person_id)
        return [_out(p) for p in selectors.participations_of(access)]


@router.post(
    P + "/personen/{person_id}/teilnahmen",
    response={201: ParticipationOut},
    url_name="participation_create",
)
def create_participation(
    request: HttpRequest, alliance: str, person_id: uuid.UUID, payload: ParticipationIn
) -> Status:
    with api_scope(request, alliance) as principal:
        access = get_person_access(principal, person_id)
        if not services.may_record_any(access):
            raise Http404
        data = payload.dict()
        offer = _offer(access, data.pop("offer_id"))
        created = services.participation_record(
            access=access, actor=request.user, offer=offer, **data
        )
        return Status(201, _one(access, created.pk))


@router.put(
    P + "/personen/{person_id}/teilnahmen/{participation_id}",
    response=ParticipationOut,
    url_name="participation_update",
)
def update_participation(
    request: HttpRequest,
    alliance: str,
    person_id: uuid.UUID,
    participation_id: uuid.UUID,
    payload: ParticipationUpdate,
) -> dict:
    with api_scope(request, alliance) as principal:
        access = get_person_access(principal, person_id)
        participation = selectors.person_participation(access, participation_id)
        if not services.may_edit(access, participation):
            raise Http404
        data = payload.dict()
        version = data.pop("version")
        data["offer"] = _offer(access, data.pop("offer_id"))
        services.participation_update(
            access=access,
            actor=request.user,
            participation=participation,
            version=version,
            **data,
        )
        return _one(access, participation_id)


@router.get(
    P + "/personen/{person_id}/fruehwarnung",
    response=list[FindingOut],
    url_name="finding_list",
)
def list_findings(request: HttpRequest, alliance: str, person_id: uuid.UUID) -> list[dict]:
    with api_scope(request, alliance) as principal:
        access = get_person_access(principal, person_id)
        if not access.is_owner:
            raise Http404
        person_view_record(access=access, purpose="api")
        return [
            {
                "rule": f.rule,
                "participation_ids": f.participation_ids,
                "gap_days": f.gap_days,
                "explanation": f.explanation,
                "detected_on": f.detected_on,
            }
            for f in selectors.findings_of(access)
        ]
