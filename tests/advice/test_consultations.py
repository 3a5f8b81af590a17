"""Case consultations: staff schedule, members join, participants bring anonymised cases
and write short minutes, both checked for personal data like the advice requests."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.advice.models import CasePresentation, Consultation
from tests.advice.conftest import NAME
from tests.conftest import World, login_with_mfa

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    return login_with_mfa(Client(), world.users[persona])


def _schedule(world: World) -> Consultation:
    url = reverse("advice:consultation_new", args=[world.a.alliance.slug])
    data = {"topic": "Übergang Schule – Beruf", "starts_at": "2026-12-10T14:00", "online": "on"}
    assert _client(world, "cm_a").post(url, data).status_code == 302
    with scopes_disabled():
        return Consultation.objects.get()


def test_staff_schedule_and_a_member_joins(world: World) -> None:
    consultation = _schedule(world)
    slug = world.a.alliance.slug
    join = reverse("advice:consultation_join", args=[slug, consultation.pk])
    volunteer = _client(world, "volunteer_a")
    assert volunteer.post(join).status_code == 302
    volunteer.post(join)  # twice: still one participation
    with scopes_disabled():
        users = set(consultation.participations.values_list("user__username", flat=True))
    assert users == {"cm_a", "volunteer_a"}
    volunteers_form = reverse("advice:consultation_new", args=[slug])
    assert volunteer.get(volunteers_form).status_code == 404


def test_a_case_naming_a_person_is_warned_about_and_kept_out(
    world: World, known_person: Any
) -> None:
    consultation = _schedule(world)
    url = reverse("advice:presentation_new", args=[world.a.alliance.slug, consultation.pk])
    advisor = _client(world, "cm_a")
    warned = advisor.post(url, {"title": "Pflege", "summary": f"{NAME} hat eine Zusage."})
    assert "möglicherweise den Namen einer Person" in warned.content.decode()
    with scopes_disabled():
        assert not CasePresentation.objects.exists()
    done = advisor.post(url, {"title": "Pflege", "summary": "Eine junge Frau hat eine Zusage."})
    assert done.status_code == 302
    with scopes_disabled():
        assert CasePresentation.objects.get().summary == "Eine junge Frau hat eine Zusage."


def test_the_minutes_are_checked_and_only_participants_write_them(
    world: World, known_person: Any
) -> None:
    consultation = _schedule(world)
    url = reverse("advice:consultation_minutes", args=[world.a.alliance.slug, consultation.pk])
    advisor = _client(world, "cm_a")
    warned = advisor.post(url, {"minutes": "Besprochen: Aylin Yildiz, geb. 01.02.2003"})
    page = warned.content.decode()
    assert "möglicherweise den Namen" in page and "möglicherweise ein Geburtsdatum" in page
    advisor.post(url, {"minutes": "Empfehlung: frühzeitig Ausbildungsduldung beantragen."})
    with scopes_disabled():
        consultation.refresh_from_db()
    assert consultation.minutes == "Empfehlung: frühzeitig Ausbildungsduldung beantragen."
    assert _client(world, "partner_a").get(url).status_code == 404
