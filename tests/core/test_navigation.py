"""The main navigation: one start entry, daily pages on the line, the rest under "More",
and only entries the user's roles can open."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PERSONAS, World

pytestmark = pytest.mark.django_db


def navigation(client: Client, url: str) -> Any:
    response = client.get(url, follow=True)
    assert response.status_code == 200
    return response.context["navigation"]


def test_the_alliance_start_page_is_one_entry_not_start_and_the_alliance_name(
    world: World, login: Any
) -> None:
    home = reverse("core:alliance_home", args=[world.a.alliance.slug])
    nav = navigation(login("cm_a"), home)
    assert nav.primary[0].label == "Start"
    assert nav.primary[0].url == home and nav.primary[0].active
    assert world.a.alliance.name not in [i.label for i in nav]
    # On another alliance page the start entry is not marked.
    persons = navigation(login("cm_a"), reverse("people:list", args=[world.a.alliance.slug]))
    assert [i.label for i in persons if i.active] == ["Personen"]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anon"])
def test_every_entry_of_a_persona_opens(world: World, login: Any, persona: str) -> None:
    client = login(persona)
    nav = navigation(client, "/")
    assert nav.primary, persona
    for item in nav:
        status = client.get(item.url, follow=True).status_code
        assert status == 200, (persona, item.label, item.url, status)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anon"])
def test_the_line_holds_at_most_eight_entries(world: World, login: Any, persona: str) -> None:
    nav = navigation(login(persona), "/")
    assert len(nav.primary) + (1 if nav.more else 0) <= 8, [i.label for i in nav.primary]


def test_rarely_used_pages_are_under_more(world: World, login: Any) -> None:
    nav = navigation(login("coord_a"), "/")
    more = [i.label for i in nav.more]
    assert "Protokoll" in more and "Sicherheit" in more and "Gebietsgliederung" in more
    assert "Angebotslücken" in [i.label for i in nav.primary]


def test_a_volunteer_is_offered_only_the_accompaniment_pages(world: World, login: Any) -> None:
    labels = [i.label for i in navigation(login("volunteer_a"), "/")]
    assert "Anlaufstellen" in labels and "Wissensdatenbank" in labels
    assert "Personen" not in labels and "Bündnis" not in labels


def test_the_page_renders_the_line_and_the_phone_menu(world: World, login: Any) -> None:
    html = login("partner_a").get("/", follow=True).content.decode()
    assert html.count('data-testid="nav-wide"') == 1
    assert '<details class="tm-nav__menu"' in html
    assert '<details class="tm-nav__more">' in html


def test_a_member_with_a_state_role_finds_the_state_pages_under_more(
    world: World, login: Any
) -> None:
    from tests import factories as f

    f.StateRoleFactory(user=world.users["coord_a"], role="state_coordinator")
    home = reverse("core:alliance_home", args=[world.a.alliance.slug])
    nav = navigation(login("coord_a"), home)
    assert "Landesübersicht" in [i.label for i in nav.more]
    state = navigation(login("state"), "/")
    assert "Landesübersicht" in [i.label for i in state.primary]


def test_a_state_user_has_the_state_overview_as_start_not_a_second_entry(
    world: World, login: Any
) -> None:
    nav = navigation(login("state"), "/")
    labels = [i.label for i in nav.primary]
    assert labels[0] == "Landesübersicht" and "Start" not in labels
    assert [i.label for i in nav if i.active] == ["Landesübersicht"]
