"""The first second factor needs an enrolment code from a second channel (#21 finding 9):
the password alone no longer opens the TOTP set-up."""

from __future__ import annotations

import datetime as dt
import re
import time
from io import StringIO
from typing import Any

import pytest
import time_machine
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.enrolment import enrolment_code_issue, enrolment_code_redeem
from teilhabe.core.models import AuditEvent, EnrolmentCode
from tests.conftest import World

ACTIVATE = reverse("mfa_activate_totp")
ENROL = reverse("mfa_enrolment")


def password_only(user: Any) -> Client:
    """Signed in with the password just now (and confirmed it again, as allauth asks before
    the set-up), no second factor yet."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
    return client


def mailed_code() -> str:
    found = re.search(r"\b(\d{4}) (\d{4})\b", mail.outbox[-1].body)
    assert found is not None
    return found.group(1) + found.group(2)


@pytest.mark.django_db
def test_the_password_alone_does_not_open_the_totp_set_up(world: World) -> None:
    client = password_only(world.users["cm_a"])
    response = client.get(ACTIVATE + "?next=/b/x/")
    assert response.status_code == 302
    assert response["Location"] == ENROL + "?next=%2Fb%2Fx%2F"
    page = client.get(ENROL).content.decode()
    assert "Zwei-Faktor-Anmeldung einrichten" in page
    assert "Code per E-Mail schicken" in page


@pytest.mark.django_db
def test_a_mailed_code_opens_the_set_up_once(world: World) -> None:
    user = world.users["cm_a"]
    user.first_name, user.last_name = "Canary", "Vorname"
    user.save()
    client = password_only(user)
    sent = client.post(reverse("mfa_enrolment_send"), follow=True)
    assert "Wir haben Ihnen einen Code" in sent.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Ihr Code zum Einrichten der Zwei-Faktor-Anmeldung in Teilhabe"
    assert user.last_name not in message.body and user.first_name not in message.body
    code = mailed_code()
    assert code not in EnrolmentCode.objects.get().code_hash  # only a keyed hash is kept
    response = client.post(ENROL, {"code": f"{code[:4]} {code[4:]}"})
    assert response.status_code == 302 and response["Location"] == ACTIVATE
    assert client.get(ACTIVATE).status_code == 200  # allauth's set-up with the QR code
    other = password_only(user)  # another session: the used code does not open it again
    assert other.post(ENROL, {"code": code}).status_code == 200
    assert other.get(ACTIVATE).status_code == 302


@pytest.mark.django_db
def test_a_wrong_code_is_refused_and_five_wrong_entries_burn_the_code(world: World) -> None:
    user = world.users["cm_a"]
    code = enrolment_code_issue(principal=None, user=user)
    wrong = f"{(int(code) + 1) % 10**8:08d}"
    client = password_only(user)
    page = client.post(ENROL, {"code": wrong}).content.decode()
    assert "Der Code ist falsch oder nicht mehr gültig" in page
    for _ in range(4):
        assert not enrolment_code_redeem(user=user, code=wrong)
    assert not enrolment_code_redeem(user=user, code=code)


@pytest.mark.django_db
def test_a_code_ends_after_30_minutes_and_with_a_newer_one(world: World) -> None:
    user = world.users["cm_a"]
    code = enrolment_code_issue(principal=None, user=user)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31)):
        assert not enrolment_code_redeem(user=user, code=code)
    first = enrolment_code_issue(principal=None, user=user)
    enrolment_code_issue(principal=None, user=user)
    assert not enrolment_code_redeem(user=user, code=first)


@pytest.mark.django_db
def test_a_second_mail_waits_a_minute(world: World) -> None:
    client = password_only(world.users["cm_a"])
    client.post(reverse("mfa_enrolment_send"))
    again = client.post(reverse("mfa_enrolment_send"), follow=True)
    assert "Vor weniger als einer Minute wurde bereits ein Code geschickt" in again.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_administrator_issues_a_code_on_the_command_line(world: World) -> None:
    user = world.users["cm_a"]
    out = StringIO()
    call_command("enrolment_code", user.email.upper(), stdout=out)
    found = re.search(r"(\d{4}) (\d{4})", out.getvalue())
    assert found is not None and "gültig 30 Minuten" in out.getvalue()
    assert enrolment_code_redeem(user=user, code=found.group(1) + found.group(2))
    events = AuditEvent.objects.filter(object_type="enrolment_code")
    assert events.count() == 2  # issued, redeemed
    assert user.email not in " ".join(map(str, events.values_list()))
