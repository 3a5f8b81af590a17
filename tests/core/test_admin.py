"""The Django admin (/verwaltung/) sits behind the same door as every page (issue 21,
finding 10): allauth's login, the second factor for staff, and an audit event per change."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.core.models import AuditEvent, Membership, Role
from tests import factories as f
from tests.conftest import World, login_with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db: None) -> Any:
    return f.UserFactory(
        username="betrieb", email="betrieb@example.org", is_staff=True, is_superuser=True
    )


def test_the_admin_login_page_sends_to_the_allauth_login() -> None:
    response = Client().get(reverse("admin:login"), {"next": "/verwaltung/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=%2Fverwaltung%2F" in response["Location"]


def test_the_admin_index_leads_an_anonymous_visitor_to_the_allauth_login() -> None:
    response = Client().get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_a_superuser_without_a_passed_second_factor_does_not_reach_the_admin(
    superuser: Any, settings: Any
) -> None:
    settings.REQUIRE_MFA = True
    client = Client()
    client.force_login(superuser)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_a_superuser_with_a_passed_second_factor_reaches_the_admin(
    superuser: Any, settings: Any
) -> None:
    settings.REQUIRE_MFA = True
    client = login_with_mfa(Client(), superuser)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_change_in_the_admin_writes_an_audit_event_without_personal_values(
    world: World, superuser: Any
) -> None:
    membership = Membership.objects.get(user=world.users["cm_a"], role=Role.CASE_MANAGER)
    client = login_with_mfa(Client(), superuser)
    url = reverse("admin:core_membership_change", args=[membership.pk])
    response = client.post(
        url,
        {
            "user": membership.user_id,
            "organisation": membership.organisation_id,
            "alliance": membership.alliance_id,
            "role": membership.role,
            "assigned_only": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(object_id=membership.pk)
    assert (event.action, event.actor, event.object_type, event.purpose) == (
        AuditEvent.Action.UPDATE,
        superuser,
        "core.membership",
        "admin",
    )
    row = " ".join(str(v) for v in AuditEvent.objects.filter(pk=event.pk).values().first().values())
    assert "cm_a" not in row and "Teilhabemanagement" not in row
