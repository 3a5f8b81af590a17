"""Every resolvable URL × every persona against an explicit expected status.

A URL without an entry in EXPECTED fails the test: a new view must state who may open it.
Statuses: 200 ok, 302 redirect (to login, or a start page), 401 API without login,
404 hidden, 405 wrong method.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS, World

ALL = {p: 200 for p in PERSONAS}


def row(default: int, **overrides: int) -> dict[str, int]:
    return {p: overrides.get(p, default) for p in PERSONAS}


LOGGED_IN_OK = row(200, anon=302)
ANON_ONLY = row(302, anon=200)  # allauth entrance pages redirect signed-in users
CASE_MANAGER_A = row(404, anon=302, cm_a=200)
MEMBERS_A = row(404, anon=302, cm_a=200, coord_a=200, partner_a=200, abh_a=200, cm_a_jmd=200)
# Partner staff see persons only through a consent; until casework brings consents they
# have a person list that is empty, not a 404. Coordinators have no person list at all.
PERSON_LIST_A = row(404, anon=302, cm_a=200, partner_a=200, abh_a=200, cm_a_jmd=200)
COORD_A = row(404, anon=302, coord_a=200)
STATE = row(404, anon=302, state=200, researcher=200)
# Home: one alliance → redirect to its start page; state roles → state overview.
HOME = row(302)
POST_ONLY = row(405, anon=302)
NO_AUTHENTICATOR = row(404, anon=302)  # allauth: nothing to show before TOTP is set up

EXPECTED: dict[str, dict[str, int]] = {
    "core:home": HOME,
    "core:healthz": ALL,
    "core:session_extend": POST_ONLY,
    "core:state_home": STATE,
    "core:alliance_home": MEMBERS_A,
    "core:audit_log": COORD_A,
    "people:list": PERSON_LIST_A,
    "people:detail": CASE_MANAGER_A,
    "municipalities:kreis_list": LOGGED_IN_OK,
    "municipalities:kreis_detail": LOGGED_IN_OK,
    "set_language": row(302),  # GET without next redirects back
    # allauth: entrance pages for anonymous users, account pages for signed-in ones.
    "account_login": ANON_ONLY,
    "account_signup": row(302, anon=200),  # renders "sign-up closed"
    "account_logout": row(200, anon=302),
    "account_reset_password": ALL,
    "account_reset_password_done": ALL,
    "account_reset_password_from_key": ALL,
    "account_reset_password_from_key_done": ALL,
    "account_change_password": LOGGED_IN_OK,
    "account_set_password": row(302, anon=302),
    "account_inactive": ALL,
    "account_email": LOGGED_IN_OK,
    "account_email_verification_sent": ALL,
    "account_confirm_email": ALL,
    "account_reauthenticate": LOGGED_IN_OK,
    "account_login_code_confirm": row(302),
    "account_confirm_login_code": row(302),
    "account_request_login_code": row(302, anon=200),
    "mfa_index": LOGGED_IN_OK,
    "mfa_authenticate": row(302),
    "mfa_reauthenticate": row(302, anon=302),
    "mfa_activate_totp": row(302),  # asks for the password again first
    "mfa_deactivate_totp": NO_AUTHENTICATOR,
    "mfa_view_recovery_codes": NO_AUTHENTICATOR,
    "mfa_generate_recovery_codes": row(302, anon=302),
    "mfa_download_recovery_codes": NO_AUTHENTICATOR,
    "mfa_trust": row(302),
    "api:api-root": row(404),
    "api:openapi-json": LOGGED_IN_OK,
    "api:openapi-view": LOGGED_IN_OK,
    "api:me": row(200, anon=401),
    "api:person_list": {**PERSON_LIST_A, "anon": 401},
    "api:person_detail": {**CASE_MANAGER_A, "anon": 401},
    "admin:*": row(302),  # staff only: everyone here is sent to the admin login
}


def _walk(resolver: URLResolver, prefix: str = "", ns: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            sub_ns = ns
            if p.namespace:
                sub_ns = f"{ns}:{p.namespace}" if ns else p.namespace
            found += _walk(p, prefix + str(p.pattern), sub_ns)
        elif isinstance(p, URLPattern) and p.name:
            found.append((f"{ns}:{p.name}" if ns else p.name, prefix + str(p.pattern)))
    return found


def all_url_names() -> list[str]:
    return sorted({name for name, _ in _walk(get_resolver())})


def expected_for(name: str) -> dict[str, int] | None:
    if name in EXPECTED:
        return EXPECTED[name]
    for key, value in EXPECTED.items():
        if "*" in key and fnmatch.fnmatch(name, key):
            return value
    return None


def test_every_url_has_an_entry_in_the_matrix() -> None:
    missing = [n for n in all_url_names() if expected_for(n) is None]
    assert missing == [], f"URLs without an access entry: {missing}"


def _kwargs_for(name: str, world: World) -> dict[str, Any] | None:
    """Fill URL parameters with objects of alliance A; None if the URL can't be built."""
    candidates: dict[str, Any] = {
        "alliance_slug": world.a.alliance.slug,
        "alliance": world.a.alliance.slug,
        "person_id": world.a.person.pk,
        "kreis_key": "05315",
        "uidb36": "x",
        "key": "x",
        "uidb64": "x",
        "token": "x",
    }
    pattern = dict(_walk(get_resolver()))[name]
    needed = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern)
    kwargs = {}
    for a, b in needed:
        arg = a or b
        if arg not in candidates:
            return None
        kwargs[arg] = candidates[arg]
    return kwargs


@pytest.mark.django_db
def test_permission_matrix(world: World, login: Any) -> None:
    cells = 0
    mismatches: list[str] = []
    for name in all_url_names():
        if name.startswith("admin:"):
            continue  # one sample below: the admin is staff-only as a whole
        kwargs = _kwargs_for(name, world)
        assert kwargs is not None, f"cannot build URL {name}"
        url = reverse(name, kwargs=kwargs)
        for persona in PERSONAS:
            status = login(persona).get(url).status_code
            cells += 1
            want = expected_for(name)[persona]  # type: ignore[index]
            if status != want:
                mismatches.append(f"{name} {url} as {persona}: {status} (expected {want})")
    print(f"permission matrix: {cells} cells")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db
def test_admin_is_closed_to_every_persona(world: World, login: Any) -> None:
    for persona in PERSONAS:
        response = login(persona).get(reverse("admin:index"))
        assert response.status_code == 302
        assert "/verwaltung/login/" in response["Location"]
