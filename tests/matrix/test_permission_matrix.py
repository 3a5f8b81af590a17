"""Every resolvable URL × every persona against the expected status in tests/matrix/.

One test case per URL and persona (`[people:detail-partner_a]`), so a wrong answer names
both. The world is built once per module and each case runs in a savepoint of it (the `db`
fixture), so one case's writes (audit, session) never reach the next. A URL without a row
fails: a new view must state who may open it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import (
    FAST_PASSWORD_HASHERS,
    PERSONAS,
    World,
    build_world,
    login_with_mfa,
)
from tests.matrix import all_url_names, collect_expected, collect_kwargs, expected_for, kwargs_for

URL_NAMES = [n for n in all_url_names() if not n.startswith("admin:")]  # admin: one check below
CASES = [(name, persona) for name in URL_NAMES for persona in PERSONAS]


@dataclass
class Matrix:
    world: World
    candidates: dict[str, Any]
    clients: dict[str, Client]


@pytest.fixture(scope="module")
def matrix(django_db_setup: None, django_db_blocker: Any) -> Iterator[Matrix]:
    """The world, URL arguments and one signed-in client per persona, in a transaction that
    is rolled back after the module (building them per case would cost minutes)."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS),
    ):
        world = build_world()
        clients = {p: Client() for p in PERSONAS}
        for persona, client in clients.items():
            if persona != "anon":
                login_with_mfa(client, world.users[persona])
        yield Matrix(world, collect_kwargs(world), clients)
        transaction.set_rollback(True)


def test_every_url_has_an_entry_in_the_matrix() -> None:
    missing = [n for n in all_url_names() if expected_for(n) is None]
    assert missing == [], f"URLs without an access entry: {missing}"


def test_every_row_of_the_matrix_names_a_url() -> None:
    names = all_url_names()
    stale = [key for key in collect_expected() if not fnmatch.filter(names, key)]
    assert stale == [], f"matrix rows without a URL: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "persona"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_the_url_answers_the_persona_as_the_matrix_says(
    name: str, persona: str, matrix: Matrix
) -> None:
    kwargs = kwargs_for(name, matrix.candidates)
    assert kwargs is not None, f"cannot build URL {name}"
    url = reverse(name, kwargs=kwargs)
    want = expected_for(name)[persona]  # type: ignore[index]
    assert matrix.clients[persona].get(url).status_code == want, f"{name} {url} as {persona}"


@pytest.mark.django_db
def test_admin_is_closed_to_every_persona(matrix: Matrix) -> None:
    for persona in PERSONAS:
        response = matrix.clients[persona].get(reverse("admin:index"))
        assert response.status_code == 302
        assert "/verwaltung/login/" in response["Location"]
