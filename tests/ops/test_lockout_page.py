"""The operator page of login lockouts (/betrieb/anmeldesperren/)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.core.lockout import active_lockouts
from tests.conftest import World, login_with_mfa


def lock(email: str) -> None:
    client = Client()
    for i in range(5):
        client.post(reverse("account_login"), {"login": email, "password": f"falsch-{i}"})


@pytest.fixture
def operator(world: World) -> Client:
    user = world.users["cm_b"]
    user.is_superuser = True
    user.save()
    return login_with_mfa(Client(), user)


@pytest.mark.django_db
def test_the_page_lists_each_locked_account_with_its_end(world: World, operator: Client) -> None:
    lock("cm_a@example.org")
    lock("unbekannt@example.org")
    page = operator.get(reverse("ops:lockouts")).content.decode()
    assert "2 gesperrte Konten" in page
    assert "cm_a@example.org" in page and "unbekannt@example.org" in page
    assert "Gesperrt bis" in page


@pytest.mark.django_db
def test_releasing_from_the_page_lets_the_account_sign_in(world: World, operator: Client) -> None:
    lock("cm_a@example.org")
    pk = active_lockouts().get().pk
    response = operator.post(reverse("ops:lockout_release", args=[pk]), follow=True)
    assert "Das Konto ist freigegeben" in response.content.decode()
    assert "Kein Konto ist gesperrt." in response.content.decode()


@pytest.mark.django_db
def test_nobody_but_a_superuser_opens_or_releases(world: World, login: Any) -> None:
    lock("unbekannt@example.org")  # (a persona's own login would end its own lock)
    pk = active_lockouts().get().pk
    for persona in ("cm_a", "coord_a", "state"):
        client = login(persona)
        assert client.get(reverse("ops:lockouts")).status_code == 404
        assert client.post(reverse("ops:lockout_release", args=[pk])).status_code == 404
    assert active_lockouts().exists()
