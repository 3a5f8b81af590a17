"""Waiting lists of the API (issue #17): an offer's queue for its provider and the
coordinators (paged in the database, persons named as `people.access` allows, a partner's
page recorded as a list disclosure), a person added or withdrawn by their case management,
and the place given to the first in the queue. Same services as the pages.
"""

# No `from __future__ import annotations`: ninja resolves handler annotations at runtime.
import datetime as dt
import uuid
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from teilhabe.api.auth import api_scope
from teilhabe.api.pages import Pages, QueryPage
from teilhabe.offers import selectors as sel
from teilhabe.offers import waiting
from teilhabe.offers.models import WaitingListEntry
from teilhabe.people.access import get_person_access, shared_with
from teilhabe.people.models import ListSurface
from teilhabe.trajectories import services

router = Router(tags=["waiting lists"])
P = "/buendnisse/{alliance}"


class QueueEntryOut(Schema):
    id: uuid.UUID
    position: int
    person: str  # the name, or "Person 7F3A9C (…)" where the caller may not name the person
    since: dt.date
    priority_note: str


class EntryOut(Schema):
    id: uuid.UUID
    offer_id: uuid.UUID
    since: dt.date
    priority_note: str
    status: str
    closed_on: dt.date | None
    participation_id: uuid.UUID | None


class EntryIn(Schema):
    offer_id: uuid.UUID
    since: dt.date | None = None
    priority_note: str = ""


def _entry(e: WaitingListEntry) -> dict[str, Any]:
    return {
        "id": e.pk,
        "offer_id": e.offer_id,
        "since": e.since,
        "priority_note": e.priority_note,
        "status": e.status,
        "closed_on": e.closed_on,
        "participation_id": e.participation_id,
    }


@router.get(P + "/angebote/{offer_id}/warteliste", response=list[QueueEntryOut],
            url_name="waiting_queue")  # fmt: skip
@paginate(Pages, page_size=50)
def list_queue(request: HttpRequest, alliance: str, offer_id: uuid.UUID) -> Any:
    with api_scope(request, alliance) as principal:
        offer = sel.get_offer(principal, offer_id)
        if not waiting.may_manage_queue(principal, offer):
            raise Http404
        shared = shared_with(principal)

        def build(page: list[WaitingListEntry]) -> list[dict[str, Any]]:
            rows = waiting.queue_rows(principal, page, shared, surface=ListSurface.API_LIST)
            return [
                {
                    "id": r.entry.pk,
                    "position": r.rank,
                    "person": r.label,
                    "since": r.entry.since,
                    "priority_note": r.note,
                }
                for r in rows
            ]

        return QueryPage(waiting.queue_of(offer).select_related("person"), principal.alliance,
                         build)  # fmt: skip


@router.post(P + "/angebote/{offer_id}/warteliste/vergeben", response=EntryOut,
             url_name="waiting_allocate")  # fmt: skip
def allocate(request: HttpRequest, alliance: str, offer_id: uuid.UUID) -> dict[str, Any]:
    """The first in the queue gets a place; the participation is recorded with it."""
    with api_scope(request, alliance) as principal:
        offer = sel.get_offer(principal, offer_id)
        if not waiting.may_manage_queue(principal, offer):
            raise Http404
        return _entry(services.waiting_list_allocate(principal=principal, offer=offer))


@router.post(P + "/personen/{person_id}/warteliste", response={201: EntryOut},
             url_name="waiting_add")  # fmt: skip
def add(request: HttpRequest, alliance: str, person_id: uuid.UUID, payload: EntryIn) -> Status:
    with api_scope(request, alliance) as principal:
        access = get_person_access(principal, person_id)
        if not access.is_owner:
            raise Http404
        offer = sel.offer_of_alliance(access.person.alliance_id, payload.offer_id)
        entry = waiting.waiting_list_entry_add(
            access=access, offer=offer, since=payload.since, priority_note=payload.priority_note
        )
        return Status(201, _entry(entry))


@router.post(P + "/personen/{person_id}/warteliste/{entry_id}/zurueckziehen",
             response=EntryOut, url_name="waiting_withdraw")  # fmt: skip
def withdraw(
    request: HttpRequest, alliance: str, person_id: uuid.UUID, entry_id: uuid.UUID
) -> dict[str, Any]:
    with api_scope(request, alliance) as principal:
        access = get_person_access(principal, person_id)
        if not access.is_owner:
            raise Http404
        entry = waiting.person_entry(access, entry_id)
        return _entry(waiting.waiting_list_entry_withdraw(access=access, entry=entry))
