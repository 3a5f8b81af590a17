"""C1 route inventory: every URL has an access policy; anonymous reaches only the public list."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import PERSONAS, World
from tests.matrix import all_url_names, expected_for
from tests.security.walk import collect_kwargs, urls

# What an anonymous visitor may open (status 200), and why it is harmless.
PUBLIC = {
    "healthz": "liveness probe, no data",
    "account_login": "the entrance",
    "account_signup": "renders 'sign-up closed'",
    "account_request_login_code": "allauth form, sends nothing without an account",
    "account_reset_password": "reset request form (no enumeration)",
    "account_reset_password_done": "static confirmation",
    "account_reset_password_from_key": "token form; invalid tokens are refused",
    "account_reset_password_from_key_done": "static confirmation",
    "account_inactive": "static page",
    "account_email_verification_sent": "static page",
    "account_confirm_email": "token page; invalid tokens are refused",
    "admin:login": "Django admin sign-in; everything behind it is staff-only",
}


def test_every_url_has_an_access_policy() -> None:
    names = all_url_names()
    missing = [n for n in names if expected_for(n) is None]
    print(f"route inventory: {len(names)} named URLs, {len(missing)} without a policy")
    assert missing == []


def test_the_matrix_opens_to_anonymous_visitors_only_the_public_list() -> None:
    anon_ok = sorted(n for n in all_url_names() if (expected_for(n) or {}).get("anon") == 200)
    assert set(anon_ok) <= set(PUBLIC), f"anonymous 200 outside the public list: {anon_ok}"
    assert set(PERSONAS) >= {"anon"}


@pytest.mark.django_db
def test_anonymous_visitors_reach_only_the_public_list(world: World) -> None:
    client = Client()
    reached = []
    built = urls(collect_kwargs(world), skip_admin=False)
    for name, path in built:
        response = client.get(path)
        if response.status_code == 200:
            reached.append(name)
    print(f"anonymous walk: {len(built)} URLs requested, {len(reached)} answered 200")
    assert set(reached) <= set(PUBLIC), sorted(set(reached) - set(PUBLIC))
