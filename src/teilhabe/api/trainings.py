"""Training routes of the API: the alliance's calendar (every member reads it), one
training, and registering the caller (a token registers its issuer). Same access rules,
selectors and services as the pages; 404 for non-members and other alliances' trainings."""

# No `from __future__ import annotations`: ninja resolves the annotations at import time.
import datetime as dt
import uuid

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from teilhabe.api.auth import api_scope
from teilhabe.api.pages import Pages, QueryPage
from teilhabe.trainings import access, selectors, services
from teilhabe.trainings.models import Training

router = Router(tags=["trainings"])
P = "/buendnisse/{alliance}/fortbildungen"


class TrainingOut(Schema):
    id: uuid.UUID
    kind: str
    title: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    online_link: str
    organiser_id: uuid.UUID
    organiser: str
    audience: str
    places: int
    taken: int
    waiting: int
    my_status: str | None


class RegistrationOut(Schema):
    id: uuid.UUID
    training_id: uuid.UUID
    status: str
    waiting_place: int | None


def _out(t: Training) -> dict[str, object]:
    return {
        "id": t.pk,
        "kind": t.kind,
        "title": t.title,
        "description": t.description,
        "starts_at": t.starts_at,
        "ends_at": t.ends_at,
        "place": t.place,
        "online_link": t.online_link,
        "organiser_id": t.organiser_id,
        "organiser": t.organiser.name,
        "audience": t.audience,
        "places": t.places,
        "taken": t.taken,  # type: ignore[attr-defined]
        "waiting": t.waiting,  # type: ignore[attr-defined]
        "my_status": t.my_status,  # type: ignore[attr-defined]
    }


@router.get(P, response=list[TrainingOut], url_name="training_list")
@paginate(Pages, page_size=50)
def list_trainings(
    request: HttpRequest,
    alliance: str,
    kind: str = "",
    audience: str = "",
    when: str = "kommend",
    mine: bool = False,
) -> QueryPage:
    with api_scope(request, alliance) as principal:
        flt = selectors.TrainingFilter(kind=kind, audience=audience, when=when, mine=mine)
        rows = selectors.trainings_list(principal, flt, timezone.now())
        return QueryPage(rows, principal.alliance, lambda page: [_out(t) for t in page])


@router.get(P + "/{training_id}", response=TrainingOut, url_name="training_detail")
def get_training(request: HttpRequest, alliance: str, training_id: uuid.UUID) -> dict[str, object]:
    with api_scope(request, alliance) as principal:
        access.training_get(principal, training_id)
        flt = selectors.TrainingFilter(when="alle")
        rows = selectors.trainings_list(principal, flt, timezone.now())
        return _out(rows.get(pk=training_id))


@router.post(
    P + "/{training_id}/anmeldung", response={201: RegistrationOut}, url_name="training_register"
)
def register(request: HttpRequest, alliance: str, training_id: uuid.UUID) -> Status:
    with api_scope(request, alliance) as principal:
        training = access.training_get(principal, training_id)
        registration = services.registration_create(principal=principal, training=training)
        place = selectors.waiting_place(registration) if registration.position else None
        return Status(
            201,
            {
                "id": registration.pk,
                "training_id": training.pk,
                "status": registration.status,
                "waiting_place": place,
            },
        )
