"""Login lockout in the database (django-axes): five failures lock an account, on every
process and across restarts (tests/ops/test_lockout_processes.py); an operator releases it."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.cache import cache
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.lockout import active_lockouts, login_lockout_release
from teilhabe.core.models import AuditEvent
from tests.conftest import World
from tests.factories import PASSWORD

EMAIL = "cm_a@example.org"


def attempt(client: Client, password: str, login: str = EMAIL) -> Any:
    return client.post(reverse("account_login"), {"login": login, "password": password})


def fail_five_times(login: str = EMAIL) -> None:
    """Four failures show the form again; the fifth already answers with the lockout."""
    client = Client()
    statuses = [attempt(client, f"falsch-{i}", login).status_code for i in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


@pytest.mark.django_db
def test_five_failures_lock_the_account_even_with_the_right_password(world: World) -> None:
    fail_five_times()
    locked = attempt(Client(), PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Anmeldung gesperrt" in page
    assert "in 15 Minuten" in page
    assert "_auth_user_id" not in Client().session


@pytest.mark.django_db
def test_the_count_lives_in_the_database_not_in_a_process_cache(world: World) -> None:
    fail_five_times("CM_A@Example.org ")  # the same account, however it is typed
    cache.clear()
    assert AccessAttempt.objects.get().failures_since_start == 5
    assert attempt(Client(), PASSWORD).status_code == 429


@pytest.mark.django_db
def test_four_failures_and_then_the_right_password_sign_in_and_reset_the_count(
    world: World,
) -> None:
    client = Client()
    for i in range(4):
        attempt(client, f"falsch-{i}")
    assert attempt(client, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
def test_another_account_is_not_locked(world: World) -> None:
    fail_five_times()
    assert attempt(Client(), PASSWORD, "cm_b@example.org").status_code != 429


@pytest.mark.django_db
def test_an_unknown_account_is_locked_the_same_way(world: World) -> None:
    # Otherwise the lockout would tell which addresses have an account.
    fail_five_times("niemand@example.org")
    assert attempt(Client(), "egal", "niemand@example.org").status_code == 429


@pytest.mark.django_db
def test_the_lock_ends_after_15_minutes(world: World) -> None:
    fail_five_times()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16), tick=False):
        assert attempt(Client(), PASSWORD).status_code == 302


@pytest.mark.django_db
def test_no_log_line_carries_the_typed_name(world: World, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        fail_five_times()
        attempt(Client(), PASSWORD)
    assert "Locking out" in caplog.text
    assert EMAIL not in caplog.text
    assert "127.0.0.1" not in caplog.text


@pytest.mark.django_db
def test_an_operator_releases_a_lock_and_the_release_is_audited(world: World) -> None:
    fail_five_times()
    operator = world.users["cm_b"]
    operator.is_superuser = True
    operator.save()
    login_lockout_release(principal=operator, attempt_id=active_lockouts().get().pk)
    assert not active_lockouts().exists()
    assert attempt(Client(), PASSWORD).status_code == 302
    event = AuditEvent.objects.get(object_type="login_lockout")
    assert (event.action, event.actor) == (AuditEvent.Action.DELETE, operator)
    assert EMAIL not in " ".join(map(str, AuditEvent.objects.values_list()))


@pytest.mark.django_db
def test_only_a_superuser_may_release_and_an_unknown_lock_is_404(world: World) -> None:
    fail_five_times()
    pk = active_lockouts().get().pk
    with pytest.raises(Http404):
        login_lockout_release(principal=world.users["cm_b"], attempt_id=pk)
    assert active_lockouts().exists()
    operator = world.users["cm_b"]
    operator.is_superuser = True
    with pytest.raises(Http404):
        login_lockout_release(principal=operator, attempt_id=pk + 1)
