"""C8/C9 MFA and brute force, beyond tests/core/test_login_security.py (which check-security
runs too): the whole URL list with a password-only session, TOTP replay, real cool-off."""

from __future__ import annotations

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.urls import reverse

from tests.conftest import World
from tests.factories import PASSWORD
from tests.security.walk import collect_kwargs, urls

PERSON_ROLES = ["cm_a", "partner_a", "abh_a", "cm_a_jmd"]


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


@pytest.mark.django_db
def test_a_session_without_second_factor_reaches_no_alliance_page_or_api(world: World) -> None:
    built = [
        (n, p)
        for n, p in urls(collect_kwargs(world))
        if p.startswith(("/b/", "/api/v1/buendnisse"))
    ]
    reached = []
    for persona in PERSON_ROLES:
        client = Client()
        client.force_login(world.users[persona])  # password only
        for name, path in built:
            if client.get(path).status_code == 200:
                reached.append(f"{persona} {name}")
    print(
        f"MFA: {len(built)} alliance/API URLs × {len(PERSON_ROLES)} password-only sessions, "
        f"{len(reached)} reachable"
    )
    assert reached == []


@pytest.mark.django_db
def test_a_used_totp_code_is_refused_the_second_time(world: World) -> None:
    user = world.users["cm_a"]
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    code = _code(secret)
    outcomes = []
    for _ in range(2):
        client = Client()
        login = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        assert login.status_code == 302 and "2fa" in login["Location"]
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        outcomes.append(response.status_code == 302 and "_auth_user_id" in client.session)
    assert outcomes == [True, False]


@pytest.mark.django_db
def test_login_locks_after_five_failures_and_opens_after_the_cool_off(world: World) -> None:
    url = reverse("account_login")
    with time_machine.travel("2026-11-21 10:00 +0100", tick=False) as traveller:
        client = Client()
        for i in range(5):
            client.post(url, {"login": "coord_a@example.org", "password": f"wrong-{i}"})
        locked = client.post(url, {"login": "coord_a@example.org", "password": PASSWORD})
        assert locked.status_code == 429 and "_auth_user_id" not in client.session
        traveller.shift(14 * 60)
        still = client.post(url, {"login": "coord_a@example.org", "password": PASSWORD})
        assert still.status_code == 429, "released before the cool-off"
        traveller.shift(16 * 60)  # past 15 minutes since the failures
        opened = client.post(url, {"login": "coord_a@example.org", "password": PASSWORD})
        assert opened.status_code == 302
