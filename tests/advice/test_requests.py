"""Advice requests: asked without personal data (warned before sending, the match never
kept), taken and answered by the asked organisation, the asker told, a good answer made an
article, and nobody else reading them."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.advice.models import AdviceMessage, AdviceRequest
from teilhabe.alliances.models import Article
from teilhabe.core.models import AuditEvent
from teilhabe.notifications.models import Notification
from tests.advice.conftest import NAME
from tests.conftest import World, login_with_mfa

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    return login_with_mfa(Client(), world.users[persona])


def _ask(world: World, client: Client, body: str, **extra: str) -> Any:
    url = reverse("advice:request_new", args=[world.a.alliance.slug])
    data = {
        "advising_organisation": str(world.a.tm_office.pk),
        "topic": "training",
        "subject": "Ausbildung und Sprachkurs",
        "body": body,
        **extra,
    }
    return client.post(url, data)


def _stored_texts() -> str:
    with scopes_disabled():
        rows = list(AdviceRequest.objects.values_list("subject", flat=True))
        rows += list(AdviceMessage.objects.values_list("body", flat=True))
        audit = [str(v) for v in AuditEvent.objects.values_list("purpose", "object_type")]
    return " ".join(rows + audit)


def test_a_question_naming_a_known_person_is_warned_about_and_not_stored(
    world: World, known_person: Any, caplog: pytest.LogCaptureFixture
) -> None:
    volunteer = _client(world, "volunteer_a")
    with caplog.at_level(logging.DEBUG):
        response = _ask(world, volunteer, f"Kann {NAME} neben der Ausbildung einen Kurs machen?")
    assert response.status_code == 200
    page = response.content.decode()
    assert "möglicherweise den Namen einer Person" in page
    assert "ohne den Namen" in page
    assert 'type="checkbox" name="confirm"' not in page  # a name cannot be confirmed
    with scopes_disabled():
        assert not AdviceRequest.objects.exists()
    assert "Yıldız" not in _stored_texts()
    assert "Yıldız" not in caplog.text and "Yildiz" not in caplog.text


def test_a_known_persons_name_is_refused_even_when_the_asker_confirms(
    world: World, known_person: Any
) -> None:
    volunteer = _client(world, "volunteer_a")
    response = _ask(world, volunteer, f"Was kann {NAME} tun?", confirm="on")
    assert response.status_code == 200
    with scopes_disabled():
        assert not AdviceRequest.objects.exists()
    assert "Yıldız" not in _stored_texts()


def test_a_date_warning_offers_the_confirmation(world: World, known_person: Any) -> None:
    volunteer = _client(world, "volunteer_a")
    page = _ask(world, volunteer, "Frist bis 31.12.2026: was ist zu tun?").content.decode()
    assert "möglicherweise ein Geburtsdatum" in page or "Geburtsdatum" in page
    assert 'type="checkbox" name="confirm"' in page


def test_the_question_is_sent_once_the_name_is_edited_away(world: World, known_person: Any) -> None:
    volunteer = _client(world, "volunteer_a")
    response = _ask(
        world, volunteer, "Kann eine junge Frau neben der Ausbildung einen Kurs machen?"
    )
    assert response.status_code == 302
    with scopes_disabled():
        request = AdviceRequest.objects.get()
        assert request.messages.get().confirmed_warning is False
    assert response["Location"] == reverse(
        "advice:request_detail", args=[world.a.alliance.slug, request.pk]
    )


def test_a_confirmed_warning_sends_the_text_and_records_only_the_confirmation(
    world: World, known_person: Any
) -> None:
    volunteer = _client(world, "volunteer_a")
    response = _ask(world, volunteer, "Frist bis 31.12.2026: was ist zu tun?", confirm="on")
    assert response.status_code == 302
    with scopes_disabled():
        assert AdviceMessage.objects.get().confirmed_warning is True


def test_the_advisors_are_told_and_the_asker_hears_of_the_answer(world: World) -> None:
    volunteer = _client(world, "volunteer_a")
    _ask(world, volunteer, "Welche Sprachkurse gibt es abends?")
    with scopes_disabled():
        request = AdviceRequest.objects.get()
    assert Notification.objects.filter(user=world.users["cm_a"], kind="advice_new").exists()
    assert not Notification.objects.filter(user=world.users["partner_a"]).exists()

    advisor = _client(world, "cm_a")
    slug = world.a.alliance.slug
    inbox = advisor.get(reverse("advice:inbox", args=[slug]))
    assert request.subject in inbox.content.decode()
    advisor.post(reverse("advice:request_accept", args=[slug, request.pk]))
    detail = reverse("advice:request_detail", args=[slug, request.pk])
    assert advisor.post(detail, {"body": "Die VHS bietet Abendkurse an."}).status_code == 302
    with scopes_disabled():
        request.refresh_from_db()
    assert request.status == AdviceRequest.Status.TAKEN
    assert request.taken_by == world.users["cm_a"]
    assert request.first_answer_at is not None and request.first_answer_at >= request.asked_at
    told = Notification.objects.get(user=world.users["volunteer_a"], kind="advice_answer")
    assert told.url == detail

    # The asker replies; the advisor who took it is told, the first answer time stays.
    first = request.first_answer_at
    volunteer.post(detail, {"body": "Danke, und am Wochenende?"})
    assert Notification.objects.filter(user=world.users["cm_a"], kind="advice_reply").exists()
    with scopes_disabled():
        request.refresh_from_db()
    assert request.first_answer_at == first


def test_others_of_the_alliance_and_other_alliances_do_not_read_the_request(
    world: World,
) -> None:
    _ask(world, _client(world, "volunteer_a"), "Welche Sprachkurse gibt es abends?")
    with scopes_disabled():
        request = AdviceRequest.objects.get()
    url = reverse("advice:request_detail", args=[world.a.alliance.slug, request.pk])
    for persona in ("partner_a", "abh_a", "cm_a_jmd", "dpo_a", "cm_b"):
        assert _client(world, persona).get(url).status_code == 404, persona
    assert _client(world, "partner_a").post(url, {"body": "x"}).status_code == 404


def test_a_coordinator_makes_the_answer_an_article_with_one_action(world: World) -> None:
    slug = world.a.alliance.slug
    _ask(world, _client(world, "volunteer_a"), "Welche Sprachkurse gibt es abends?")
    with scopes_disabled():
        request = AdviceRequest.objects.get()
    detail = reverse("advice:request_detail", args=[slug, request.pk])
    _client(world, "cm_a").post(detail, {"body": "Die VHS bietet Abendkurse an."})
    coordinator = _client(world, "coord_a")
    response = coordinator.post(reverse("advice:request_article", args=[slug, request.pk]))
    with scope(alliance=world.a.alliance):
        article = Article.objects.select_related("current").get()
        request.refresh_from_db()
    assert response["Location"] == reverse("alliances:article_detail", args=[slug, article.pk])
    assert request.article == article
    assert article.current is not None and article.current.title == request.subject
    assert "Die VHS bietet Abendkurse an." in article.current.body
    assert "Welche Sprachkurse gibt es abends?" in article.current.body
    coordinator.post(reverse("advice:request_article", args=[slug, request.pk]))
    with scope(alliance=world.a.alliance):
        assert Article.objects.count() == 1


def test_a_closed_request_takes_no_more_messages(world: World) -> None:
    slug = world.a.alliance.slug
    volunteer = _client(world, "volunteer_a")
    _ask(world, volunteer, "Welche Sprachkurse gibt es abends?")
    with scopes_disabled():
        request = AdviceRequest.objects.get()
    volunteer.post(reverse("advice:request_close", args=[slug, request.pk]))
    detail = reverse("advice:request_detail", args=[slug, request.pk])
    assert volunteer.post(detail, {"body": "Noch eine Frage"}).status_code == 200
    with scopes_disabled():
        assert AdviceMessage.objects.count() == 1


def test_the_start_pages_count_open_questions_and_the_inbox(world: World) -> None:
    _ask(world, _client(world, "volunteer_a"), "Welche Sprachkurse gibt es abends?")
    home = reverse("core:alliance_home", args=[world.a.alliance.slug])
    volunteer_page = _client(world, "volunteer_a").get(home).content.decode()
    assert 'data-testid="advice-open">1<' in volunteer_page
    assert 'data-testid="advice-inbox"' not in volunteer_page
    advisor_page = _client(world, "cm_a").get(home).content.decode()
    assert 'data-testid="advice-inbox">1<' in advisor_page


def test_a_coordinator_outside_the_asked_organisation_reads_but_does_not_write(
    world: World,
) -> None:
    _ask(world, _client(world, "volunteer_a"), "Welche Sprachkurse gibt es abends?")
    with scopes_disabled():
        request = AdviceRequest.objects.get()
    url = reverse("advice:request_detail", args=[world.a.alliance.slug, request.pk])
    coordinator = _client(world, "coord_a")
    page = coordinator.get(url).content.decode()
    assert "Nachricht senden" not in page and "Anfrage abschließen" not in page
    assert coordinator.post(url, {"body": "Von der Koordination"}).status_code == 404
    closing = reverse("advice:request_close", args=[world.a.alliance.slug, request.pk])
    assert coordinator.post(closing).status_code == 404
    with scopes_disabled():
        assert AdviceMessage.objects.count() == 1
