"""Login, second factor, sessions and headers."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from teilhabe.core.models import AuditEvent
from tests.conftest import World
from tests.factories import PASSWORD


def person_url(world: World) -> str:
    return reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])


@pytest.mark.django_db
def test_without_a_second_factor_no_person_page_opens(world: World) -> None:
    client = Client()
    client.force_login(world.users["cm_a"])  # password only, no TOTP passed
    for url in (
        person_url(world),
        reverse("people:list", args=[world.a.alliance.slug]),
        reverse("core:alliance_home", args=[world.a.alliance.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))
    api = client.get(reverse("api:person_detail", args=[world.a.alliance.slug, world.a.person.pk]))
    assert api.status_code == 403


@pytest.mark.django_db
def test_a_user_with_totp_but_no_second_factor_in_this_session_is_sent_to_mfa(
    world: World,
) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(world.users["cm_a"], generate_totp_secret())
    client = Client()
    client.force_login(world.users["cm_a"])
    response = client.get(person_url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_index"))


@pytest.mark.django_db
def test_a_volunteer_needs_a_second_factor_too_as_a_pair_shows_a_first_name(
    world: World,
) -> None:
    client = Client()
    client.force_login(world.users["volunteer_a"])  # password only
    response = client.get(reverse("mentoring:my_pairs", args=[world.a.alliance.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


@pytest.mark.django_db
def test_coordinator_needs_no_second_factor_for_alliance_pages(world: World) -> None:
    client = Client()
    client.force_login(world.users["coord_a"])
    assert client.get(reverse("core:audit_log", args=[world.a.alliance.slug])).status_code == 200


@pytest.mark.django_db
@override_settings(REQUIRE_MFA=False)
def test_demo_mode_without_mfa_shows_a_banner(world: World) -> None:
    client = Client()
    client.force_login(world.users["cm_a"])
    with override_settings(DEMO=True):
        response = client.get(person_url(world))
    assert response.status_code == 200
    assert "Zwei-Faktor" in response.content.decode()


@pytest.mark.django_db
def test_login_and_failed_login_are_audited_without_the_typed_name(world: World) -> None:
    client = Client()
    bad = client.post(
        reverse("account_login"), {"login": "cm_a@example.org", "password": "wrong-password"}
    )
    assert bad.status_code == 200
    good = client.post(
        reverse("account_login"), {"login": "coord_a@example.org", "password": PASSWORD}
    )
    assert good.status_code == 302
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "outcome"))
    assert ("login_failed", "failed") in actions
    assert ("login", "success") in actions
    for row in AuditEvent.objects.values_list():
        assert "cm_a@example.org" not in " ".join(map(str, row))


@pytest.mark.django_db
def test_session_expires_after_30_idle_minutes_and_12_hours_absolute(
    world: World, login: Any
) -> None:
    url = reverse("core:audit_log", args=[world.a.alliance.slug])
    with time_machine.travel("2026-11-21 08:00 +0100", tick=False) as traveller:
        client = login("coord_a")
        assert client.get(url).status_code == 200
        traveller.shift(29 * 60)
        assert client.get(url).status_code == 200  # activity renews the idle timer
        traveller.shift(31 * 60)
        assert client.get(url).status_code == 302  # idle for 31 minutes
        client = login("coord_a")
        for _ in range(26):  # active every 29 minutes for more than 12 hours
            traveller.shift(29 * 60)
            status = client.get(url).status_code
        assert status == 302


@pytest.mark.django_db
def test_session_extend_renews_the_idle_timer(world: World, login: Any) -> None:
    client = login("coord_a")
    response = client.post(reverse("core:session_extend"))
    assert response.status_code == 200
    assert response.json()["idle_seconds"] == 1800


@pytest.mark.django_db
def test_personal_pages_are_not_cached_and_carry_security_headers(world: World, login: Any) -> None:
    response = login("cm_a").get(person_url(world))
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_activity_renews_the_session_at_most_once_a_minute(world: World, login: Any) -> None:
    """A page view writes the session only when the last renewal is a minute old: the idle
    limit stays exact to the minute without a session UPDATE on every request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def writes(client: Client) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return sum('UPDATE "django_session"' in q["sql"] for q in ctx.captured_queries)

    url = reverse("core:audit_log", args=[world.a.alliance.slug])
    with time_machine.travel("2026-11-21 08:00 +0100", tick=False) as traveller:
        client = login("coord_a")
        client.get(url)
        traveller.shift(30)
        assert writes(client) == 0
        traveller.shift(31)
        assert writes(client) == 1
        assert writes(client) == 0
        # The timeout warning's "extend" always renews.
        with CaptureQueriesContext(connection) as ctx:
            client.post(reverse("core:session_extend"))
        assert any('UPDATE "django_session"' in q["sql"] for q in ctx.captured_queries)
