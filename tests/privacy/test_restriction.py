"""Restriction (Art. 18 / § 84 SGB X) and the data-protection officer's pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.privacy.models import Restriction
from tests.conftest import PERSONAS, World

pytestmark = pytest.mark.django_db


def _restrict(world: World, login: Any) -> None:
    slug, pk = world.a.alliance.slug, world.a.person.pk
    response = login("cm_a").post(
        reverse("privacy:restriction_request", args=[slug, pk]), {"ground": "accuracy"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        restriction = Restriction.objects.get(person=world.a.person)
    assert restriction.status == "requested"
    response = login("dpo_a").post(
        reverse("privacy:restriction_decide", args=[slug, restriction.pk]), {"grant": "on"}
    )
    assert response.status_code == 302


def test_a_restricted_person_is_404_for_everyone_but_the_dpo(world: World, login: Any) -> None:
    _restrict(world, login)
    slug, pk = world.a.alliance.slug, world.a.person.pk
    pages = [
        reverse("people:detail", args=[slug, pk]),
        f"/api/v1/buendnisse/{slug}/personen/{pk}",
        reverse("privacy:art15_json", args=[slug, pk]),
    ]
    for persona in PERSONAS:
        client = login(persona)
        for url in pages:
            status = client.get(url).status_code
            if persona == "dpo_a" and "datenschutz" in url:
                assert status == 200
            else:
                assert status in (404, 302, 401), (persona, url, status)
    # Not even in lists.
    response = login("cm_a").get(reverse("people:list", args=[slug]))
    assert world.a.person.family_name not in response.content.decode()
    response = login("dpo_a").get(reverse("privacy:persons", args=[slug]))
    assert world.a.person.family_name in response.content.decode()


def test_lifting_the_restriction_gives_the_person_back(world: World, login: Any) -> None:
    _restrict(world, login)
    slug = world.a.alliance.slug
    with scopes_disabled():
        restriction = Restriction.objects.get(person=world.a.person)
    login("dpo_a").post(reverse("privacy:restriction_lift", args=[slug, restriction.pk]))
    url = reverse("people:detail", args=[slug, world.a.person.pk])
    assert login("cm_a").get(url).status_code == 200
    with scopes_disabled():
        purposes = set(
            AuditEvent.objects.filter(object_id=restriction.pk).values_list("purpose", flat=True)
        )
    assert {"restriction request", "restriction granted", "restriction lifted"} <= purposes


def test_reading_the_log_is_itself_logged_and_shows_disclosures(world: World, login: Any) -> None:
    slug = world.a.alliance.slug
    login("partner_a").get(reverse("people:detail", args=[slug, world.a.person.pk]))
    response = login("dpo_a").get(reverse("privacy:log", args=[slug]))
    assert response.status_code == 200
    # The Jobcenter's read, as a sentence: who, when, what of whom, on which consent.
    assert (
        "Jobcenter A (partner_a@example.org) hat am " in response.content.decode()
        and "die Stammdaten, den Aufenthaltsstatus und die Bildungs- und Sprachdaten von "
        "CanaryA P. eingesehen – Einwilligung vom 01.01.2026"
        in response.content.decode()
    )
    assert str(world.consent_a.pk) not in response.content.decode()  # no key on the page
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            actor=world.users["dpo_a"], object_type="core.auditevent"
        ).exists()


def test_the_dpo_runs_a_preview_then_the_retention(world: World, login: Any) -> None:
    slug = world.a.alliance.slug
    client = login("dpo_a")
    response = client.post(reverse("privacy:retention_start", args=[slug]), {"dry_run": "1"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'data-testid="run-status"' in page.content.decode()
    response = client.post(reverse("privacy:retention_start", args=[slug]), {"dry_run": "0"})
    assert response.status_code == 302


def test_the_dpo_sees_no_counselling_notes_on_the_person_page(world: World, login: Any) -> None:
    from tests.privacy.seed import seed_person

    with scopes_disabled():
        seeded = seed_person(world.a.tm_office, "NOTE", closed_on=None)
    slug = world.a.alliance.slug
    assert (
        login("dpo_a").get(reverse("people:detail", args=[slug, seeded.person.pk])).status_code
        == 404
    )
    page = login("dpo_a").get(reverse("privacy:person", args=[slug, seeded.person.pk]))
    assert page.status_code == 200
    assert seeded.notes and not [n for n in seeded.notes if n in page.content.decode()]


def test_the_record_of_processing_activities_comes_as_markdown_and_pdf(
    world: World, login: Any
) -> None:
    slug = world.a.alliance.slug
    client = login("dpo_a")
    text = client.get(reverse("privacy:art30_markdown", args=[slug])).content.decode()
    assert "| " in text and "Art. 9" in text and world.a.tm_office.name in text
    assert world.a.jobcenter.name in text  # a recipient through consent A
    pdf = client.get(reverse("privacy:art30_pdf", args=[slug])).content
    assert pdf.startswith(b"%PDF")


def test_a_restricted_person_leaves_the_partners_referral_inbox(world: World, login: Any) -> None:
    from tests.casework.sharing.factories import ReferralFactory

    with scopes_disabled():
        ReferralFactory(
            case=world.a.case, to_organisation=world.a.jobcenter, consent=world.consent_a
        )
    inbox = reverse("people:sharing:referral_inbox", args=[world.a.alliance.slug])
    name = world.a.person.family_name
    assert name in login("partner_a").get(inbox).content.decode()
    _restrict(world, login)
    assert name not in login("partner_a").get(inbox).content.decode()
