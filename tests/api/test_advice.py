"""The advice API: the same access, the same check for personal data, the same services
as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.advice.models import AdviceRequest
from tests.advice.conftest import NAME, known_person  # noqa: F401 - fixture
from tests.conftest import World, login_with_mfa

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    return login_with_mfa(Client(), world.users[persona])


def _url(world: World) -> str:
    return reverse("api:advice_requests", kwargs={"alliance": world.a.alliance.slug})


def _payload(world: World, body: str, **extra: Any) -> dict[str, Any]:
    return {
        "advising_organisation_id": str(world.a.tm_office.pk),
        "topic": "benefits",
        "subject": "Leistungen in der Ausbildung",
        "body": body,
        **extra,
    }


def test_a_request_naming_a_person_is_refused_with_the_warning_only(
    world: World,
    known_person: Any,  # noqa: F811
) -> None:
    response = _client(world, "volunteer_a").post(
        _url(world), _payload(world, f"Bekommt {NAME} BAB?"), content_type="application/json"
    )
    assert response.status_code == 422
    text = str(response.json())
    assert "möglicherweise den Namen" in text
    assert "Yıldız" not in text and "Aylin" not in text
    with scopes_disabled():
        assert not AdviceRequest.objects.exists()


def test_create_list_read_and_answer_scoped_like_the_pages(world: World) -> None:
    volunteer = _client(world, "volunteer_a")
    created = volunteer.post(
        _url(world),
        _payload(world, "Gibt es BAB in der Ausbildung?"),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    request_id = created.json()["id"]
    assert [r["id"] for r in volunteer.get(_url(world)).json()["items"]] == [request_id]
    assert _client(world, "partner_a").get(_url(world)).json()["items"] == []

    one = reverse(
        "api:advice_request", kwargs={"alliance": world.a.alliance.slug, "request_id": request_id}
    )
    assert _client(world, "partner_a").get(one).status_code == 404
    answer = reverse(
        "api:advice_messages", kwargs={"alliance": world.a.alliance.slug, "request_id": request_id}
    )
    answered = _client(world, "cm_a").post(
        answer, {"body": "Ja, beim Jobcenter beantragen."}, content_type="application/json"
    )
    assert answered.status_code == 201
    detail = volunteer.get(one).json()
    assert [m["from_advisor"] for m in detail["messages"]] == [False, True]
    assert detail["first_answer_at"] is not None
    refused = _client(world, "partner_a").post(
        answer, {"body": "x"}, content_type="application/json"
    )
    assert refused.status_code == 404


def test_the_list_reads_the_same_number_of_queries_for_more_rows(
    world: World, django_assert_max_num_queries: Any
) -> None:
    volunteer = _client(world, "volunteer_a")
    for i in range(3):
        volunteer.post(_url(world), _payload(world, f"Frage {i}"), content_type="application/json")
    with django_assert_max_num_queries(12):
        assert len(volunteer.get(_url(world)).json()["items"]) == 3
