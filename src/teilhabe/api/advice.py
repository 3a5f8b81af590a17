"""REST routes of advice requests: the asker's and the advisors' requests, one request
with its thread, a new request and a message. The same access rules (`advice.access`),
forms (the `people.mentions` check: 422 with the warnings unless `confirm`) and services as
the pages; 404 for what the caller may not see."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from teilhabe.advice import services
from teilhabe.advice.access import get_request, requests_for
from teilhabe.advice.forms import AdviceRequestForm, MessageForm
from teilhabe.advice.models import AdviceRequest
from teilhabe.api.auth import api_scope
from teilhabe.api.pages import Pages, QueryPage

router = Router(tags=["advice"])
P = "/buendnisse/{alliance}/beratung/anfragen"


class MessageOut(Schema):
    id: uuid.UUID
    from_advisor: bool
    body: str
    created_at: dt.datetime


class RequestOut(Schema):
    id: uuid.UUID
    topic: str
    topic_label: str
    subject: str
    status: str
    advising_organisation_id: uuid.UUID
    advising_organisation: str
    asked_at: dt.datetime
    first_answer_at: dt.datetime | None
    closed_at: dt.datetime | None


class RequestDetailOut(RequestOut):
    messages: list[MessageOut]


class RequestIn(Schema):
    advising_organisation_id: uuid.UUID
    topic: str
    subject: str
    body: str
    confirm: bool = False


class MessageIn(Schema):
    body: str
    confirm: bool = False


def _out(row: AdviceRequest) -> dict[str, object]:
    return {
        "id": row.pk,
        "topic": row.topic,
        "topic_label": str(row.get_topic_display()),
        "subject": row.subject,
        "status": row.status,
        "advising_organisation_id": row.advising_organisation_id,
        "advising_organisation": row.advising_organisation.name,
        "asked_at": row.asked_at,
        "first_answer_at": row.first_answer_at,
        "closed_at": row.closed_at,
    }


def _detail(row: AdviceRequest) -> dict[str, object]:
    thread = row.messages.order_by("created_at", "id")
    return {
        **_out(row),
        "messages": [
            {"id": m.pk, "from_advisor": m.from_advisor, "body": m.body, "created_at": m.created_at}
            for m in thread
        ],
    }


def _checked(form: AdviceRequestForm | MessageForm) -> dict[str, object]:
    """The form's check (fields and `people.mentions`): a refusal is the API's 422."""
    if not form.is_valid():
        raise ValidationError(
            {name: list(errors) for name, errors in form.errors.items() if name != "confirm"}
        )
    return form.cleaned_data


@router.get(P, response=list[RequestOut], url_name="advice_requests")
@paginate(Pages, page_size=50)
def list_requests(
    request: HttpRequest, alliance: str, topic: str = "", status: str = ""
) -> QueryPage:
    with api_scope(request, alliance) as principal:
        rows = requests_for(principal).select_related("advising_organisation")
        if topic:
            rows = rows.filter(topic=topic)
        if status:
            rows = rows.filter(status=status)
        rows = rows.order_by("-asked_at", "-id")
        return QueryPage(rows, principal.alliance, lambda page: [_out(r) for r in page])


@router.post(P, response={201: RequestDetailOut}, url_name="advice_requests")
def create_request(request: HttpRequest, alliance: str, payload: RequestIn) -> Status:
    with api_scope(request, alliance) as principal:
        assert principal.alliance is not None
        data = payload.dict()
        data["advising_organisation"] = data.pop("advising_organisation_id")
        form = AdviceRequestForm(data, alliance=principal.alliance)
        created = services.advice_request_create(principal=principal, **_checked(form))  # type: ignore[arg-type]
        return Status(201, _detail(get_request(principal, created.pk)))


@router.get(P + "/{request_id}", response=RequestDetailOut, url_name="advice_request")
def read_request(request: HttpRequest, alliance: str, request_id: uuid.UUID) -> dict[str, object]:
    with api_scope(request, alliance) as principal:
        return _detail(get_request(principal, request_id))


@router.post(
    P + "/{request_id}/nachrichten", response={201: RequestDetailOut}, url_name="advice_messages"
)
def post_message(
    request: HttpRequest, alliance: str, request_id: uuid.UUID, payload: MessageIn
) -> Status:
    with api_scope(request, alliance) as principal:
        assert principal.alliance is not None
        advice = get_request(principal, request_id)
        form = MessageForm(payload.dict(), alliance=principal.alliance)
        services.advice_message_add(principal=principal, request=advice, **_checked(form))  # type: ignore[arg-type]
        return Status(201, _detail(get_request(principal, request_id)))
