"""The pages of a move: the sender starts it from the person page, the receiver's inbox
and handover page show only what the consent covers, accept creates the person there; the
sender's partners never reach the receiver's record."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.casework.models import ConsentRecipient
from teilhabe.core.models import AuditEvent
from teilhabe.relocation.models import Relocation
from tests.conftest import World
from tests.relocation.builders import fill_history, send

pytestmark = pytest.mark.django_db
AREAS = ("ueberblick", "bildung", "plan", "kontakte", "freigaben", "datenschutz")


def _page_text(client: Any, slug: str, person_id: Any) -> str:
    url = reverse("people:detail", args=[slug, person_id])
    return "".join(client.get(url, {"bereich": a}).content.decode() for a in AREAS)


def test_the_case_manager_starts_a_handover_from_the_person_page(world: World, login: Any) -> None:
    client = login("cm_a")
    slug, person = world.a.alliance.slug, world.a.person
    page = client.get(reverse("people:detail", args=[slug, person.pk]), {"bereich": "freigaben"})
    start = reverse("people:relocation_start", args=[slug, person.pk])
    assert start in page.content.decode()
    answer = client.post(
        start,
        {
            "to_organisation": world.b.tm_office.pk,
            "categories": ["master_data", "education"],
            "consent_given": "on",
        },
    )
    assert answer.status_code == 302
    with scopes_disabled():
        relocation = Relocation.objects.get(person=person)
        named = ConsentRecipient.objects.get(consent=relocation.consent).organisation_id
    assert named == world.b.tm_office.pk
    assert relocation.consent.categories == ["master_data", "education"]


def test_the_inbox_and_the_handover_page_show_only_the_consented_categories(
    world: World, login: Any, principal: Any
) -> None:
    fill_history(world.a.person, world.a.case)
    relocation = send(world, principal("cm_a"), ["master_data", "participations"])
    client, slug = login("cm_b"), world.b.alliance.slug
    inbox = client.get(reverse("relocation:inbox", args=[slug])).content.decode()
    assert world.a.person.full_name.split()[0] in inbox
    detail = client.get(reverse("relocation:detail", args=[slug, relocation.pk]))
    text = detail.content.decode()
    assert "20 Teilnahmen" in text
    for not_consented in ("20 Sprachen", "Zeugnisse", "Erfahrungen", "zum Aufenthaltsstatus"):
        assert not_consented not in text
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            action=AuditEvent.Action.DISCLOSE, object_id=world.a.person.pk
        ).exists()


def test_acceptance_opens_the_new_person_with_exactly_the_consented_data(
    world: World, login: Any, principal: Any
) -> None:
    fill_history(world.a.person, world.a.case)
    relocation = send(world, principal("cm_a"), ["master_data", "education"])
    client, slug = login("cm_b"), world.b.alliance.slug
    answer = client.post(reverse("relocation:accept", args=[slug, relocation.pk]))
    with scopes_disabled():
        relocation.refresh_from_db()
    new_id = relocation.created_person_id
    assert answer.status_code == 302 and str(new_id) in answer["Location"]
    text = _page_text(client, slug, new_id)
    assert "Zeugnis 07" in text and "Arbeit 07" in text  # education: consented
    assert "Kurs 07" not in text and "Bescheid 07" not in text  # not consented
    assert world.a.tm_office.name in text  # the link to the origin


def test_the_senders_staff_get_404_on_the_receivers_record(
    world: World, login: Any, principal: Any
) -> None:
    relocation = send(world, principal("cm_a"), ["master_data", "education"])
    login("cm_b").post(reverse("relocation:accept", args=[world.b.alliance.slug, relocation.pk]))
    with scopes_disabled():
        relocation.refresh_from_db()
    new_id = relocation.created_person_id
    for persona in ("partner_a", "cm_a", "abh_a", "coord_a"):
        client = login(persona)
        for slug in (world.a.alliance.slug, world.b.alliance.slug):
            page = client.get(reverse("people:detail", args=[slug, new_id]))
            assert page.status_code == 404, (persona, slug)
            api = client.get(reverse("api:person_detail", args=[slug, new_id]))
            assert api.status_code == 404, (persona, slug)


def test_declining_from_the_page_leaves_the_handover_declined(
    world: World, login: Any, principal: Any
) -> None:
    relocation = send(world, principal("cm_a"), ["master_data"])
    client, slug = login("cm_b"), world.b.alliance.slug
    client.post(reverse("relocation:decline", args=[slug, relocation.pk]))
    with scopes_disabled():
        relocation.refresh_from_db()
    assert relocation.status == Relocation.Status.DECLINED
    assert relocation.created_person_id is None
