"""Volunteers read their alliance's contact points and knowledge base and nothing personal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from teilhabe.alliances.services import article_create, workshop_create
from teilhabe.core.roles import Principal
from tests.alliances.conftest import pdf
from tests.conftest import World, login_with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer(world: World) -> Client:
    return login_with_mfa(Client(), world.users["volunteer_a"])


def test_a_volunteer_reads_the_knowledge_base_and_the_contact_points(
    world: World, volunteer: Client, principal: Callable[[str], Principal]
) -> None:
    with scope(alliance=world.a.alliance):
        article = article_create(
            principal=principal("coord_a"),
            title="Erste Schritte",
            body="Text",
            review_on=dt.date(2027, 1, 1),
        )
    slug = world.a.alliance.slug
    for url in (
        reverse("alliances:article_list", args=[slug]),
        reverse("alliances:article_detail", args=[slug, article.pk]),
        reverse("alliances:contact_list", args=[slug]),
        reverse("api:alliances_knowledge", args=[slug]),
        reverse("api:alliances_fields", args=[slug]),
    ):
        assert volunteer.get(url).status_code == 200, url
    html = volunteer.get(reverse("alliances:article_list", args=[slug])).content.decode()
    assert "Erste Schritte" in html
    overview = reverse("alliances:overview", args=[slug])
    assert f'href="{overview}"' not in html  # no staff sub-navigation


def test_a_volunteer_gets_404_on_every_person_page_and_on_workshop_minutes(
    world: World, volunteer: Client, principal: Callable[[str], Principal]
) -> None:
    with scope(alliance=world.a.alliance):
        workshop = workshop_create(
            principal=principal("coord_a"),
            kind="starter",
            title="STARTER",
            held_on=dt.date(2019, 3, 11),
            place="Kreishaus",
            organiser="jmd",
            minutes=pdf("protokoll.pdf"),
        )
    slug = world.a.alliance.slug
    refused = [
        reverse("people:list", args=[slug]),
        reverse("people:detail", args=[slug, world.a.person.pk]),
        reverse("api:person_list", args=[slug]),
        reverse("api:person_detail", args=[slug, world.a.person.pk]),
        reverse("alliances:workshop_minutes", args=[slug, workshop.pk]),
        reverse("alliances:workshop_detail", args=[slug, workshop.pk]),
        reverse("alliances:workshop_list", args=[slug]),
        reverse("alliances:overview", args=[slug]),
        reverse("alliances:priority_board", args=[slug]),
        reverse("alliances:funding", args=[slug]),
        reverse("alliances:article_new", args=[slug]),
        reverse("api:alliances_workshops", args=[slug]),
        reverse("core:audit_log", args=[slug]),
    ]
    for url in refused:
        assert volunteer.get(url).status_code == 404, url
    assert (
        "CanaryA" not in volunteer.get(reverse("core:alliance_home", args=[slug])).content.decode()
    )


def test_a_volunteer_sees_nothing_of_another_alliance(world: World, volunteer: Client) -> None:
    slug = world.b.alliance.slug
    for name in ("alliances:article_list", "alliances:contact_list"):
        assert volunteer.get(reverse(name, args=[slug])).status_code == 404


def test_the_navigation_offers_a_volunteer_only_the_accompaniment_pages(
    world: World, volunteer: Client
) -> Any:
    slug = world.a.alliance.slug
    html = volunteer.get(reverse("alliances:contact_list", args=[slug])).content.decode()
    assert reverse("alliances:article_list", args=[slug]) in html
    assert reverse("people:list", args=[slug]) not in html
