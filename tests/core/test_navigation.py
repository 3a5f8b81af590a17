"""The main navigation: one start entry, daily pages on the line, the rest under "More",
and only entries the user's roles can open."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import Organisation, Role, StateRoleKind
from tests import factories as f
from tests.conftest import PERSONAS, World, login_with_mfa

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


# Where each alliance role sits in a demo-like alliance (as teilhabe.demo.seed.PERSONAS).
ROLE_HOMES = {
    Role.CASE_MANAGER: Organisation.Kind.TEILHABEMANAGEMENT,
    Role.COORDINATOR: Organisation.Kind.KI,
    Role.PARTNER_STAFF: Organisation.Kind.JOBCENTER,
    Role.VOLUNTEER: Organisation.Kind.CIVIL_SOCIETY,
    Role.DATA_PROTECTION_OFFICER: Organisation.Kind.TEILHABEMANAGEMENT,
}


def _demo_like_alliance() -> dict[str, Organisation]:
    """An alliance with an organisation of every kind and a shared person in a case."""
    alliance = f.AllianceFactory(name="Bündnis Demo", slug="buendnis-demo")
    orgs = {
        kind: f.OrganisationFactory(
            alliance=alliance, kind=kind, is_lead_office=kind == Organisation.Kind.KI
        )
        for kind in Organisation.Kind.values
    }
    with scopes_disabled():
        person = f.PersonFactory(owner=orgs[Organisation.Kind.TEILHABEMANAGEMENT])
        f.CaseFactory(person=person)
        consent = f.ConsentFactory(person=person, categories=["master_data", "participations"])
        consent.recipients.set(
            [orgs[Organisation.Kind.JOBCENTER]], through_defaults={"alliance_id": alliance.pk}
        )
    return orgs


def _users() -> dict[str, Any]:
    """A user per alliance role (need-to-know too), per state role, one holding every
    alliance role and a state role at once, and the platform's operator."""
    orgs = _demo_like_alliance()

    def member(name: str, *roles: str, assigned_only: bool = False) -> Any:
        user = f.UserFactory(username=name)
        for role in roles:
            f.MembershipFactory(
                user=user,
                organisation=orgs[ROLE_HOMES[role]],
                role=role,
                assigned_only=assigned_only,
            )
        return user

    users = {role: member(role, role) for role in Role.values}
    users["need_to_know"] = member("need_to_know", Role.CASE_MANAGER, assigned_only=True)
    for kind in StateRoleKind.values:
        users[kind] = f.StateRoleFactory(user=f.UserFactory(username=kind), role=kind).user
    users["everything"] = member("everything", *Role.values)
    f.StateRoleFactory(user=users["everything"], role=StateRoleKind.STATE_COORDINATOR)
    users["operator"] = f.UserFactory(username="operator", is_superuser=True, is_staff=True)
    return users


def test_every_navigation_entry_of_every_role_answers_200(db: None) -> None:
    assert set(ROLE_HOMES) == set(Role.values), "a new role needs its place in ROLE_HOMES"
    failures = []
    for name, user in _users().items():
        client = login_with_mfa(Client(), user)
        home = client.get("/", follow=True)
        assert home.status_code == 200, name
        nav = home.context["navigation"]
        assert nav.primary, name
        for item in nav:
            status = client.get(item.url).status_code
            if status != 200:
                failures.append((name, item.label, item.url, status))
    assert failures == []
