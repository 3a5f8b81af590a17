"""Closure with reason and follow-up check, reopening that keeps the history, and the
optimistic check that stops a second tab from overwriting a newer state of the case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import Case, CaseStatusChange, FollowUp
from teilhabe.casework.work import services
from teilhabe.casework.work.services import CHANGED_MEANWHILE
from teilhabe.core.models import AuditEvent
from tests.conftest import World


def close_url(world: World) -> str:
    return reverse(
        "people:work:case_close", args=[world.a.alliance.slug, world.a.person.pk, world.a.case.pk]
    )


def reopen_url(world: World) -> str:
    return reverse(
        "people:work:case_reopen", args=[world.a.alliance.slug, world.a.person.pk, world.a.case.pk]
    )


def close_form(version: int = 1, **extra: str) -> dict[str, Any]:
    return {
        "reason": "vocational_training",
        "closed_on": "2026-06-30",
        "follow_up_on": "2026-12-31",
        "version": version,
        **extra,
    }


@pytest.mark.django_db
def test_closing_and_reopening_keep_the_history_and_create_the_follow_up(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    response = client.post(close_url(world), close_form())
    assert response.status_code == 302
    with scopes_disabled():
        case = Case.objects.get(pk=world.a.case.pk)
        assert (case.status, case.closed_on, case.closure_reason) == (
            "closed",
            dt.date(2026, 6, 30),
            "vocational_training",
        )
        assert case.follow_up_check_on == dt.date(2026, 12, 31)
        follow_up = FollowUp.objects.get(case=case)
        assert (follow_up.reason, follow_up.due_on, follow_up.done_on) == (
            "closure_check",
            dt.date(2026, 12, 31),
            None,
        )

    response = client.post(reopen_url(world), {"reopened_on": "2026-08-01", "version": 2})
    assert response.status_code == 302
    with scopes_disabled():
        case.refresh_from_db()
        assert (case.status, case.closed_on, case.closure_reason, case.follow_up_check_on) == (
            "open",
            None,
            "",
            None,
        )
        assert case.version == 3
        history = list(
            CaseStatusChange.objects.filter(case=case).values_list("status", "reason", "on")
        )
        assert history == [
            ("closed", "vocational_training", dt.date(2026, 6, 30)),
            ("open", "", dt.date(2026, 8, 1)),
        ]
        # Nothing to check on an open case any more, but the row stays.
        assert FollowUp.objects.get(case=case).done_on == dt.date(2026, 8, 1)
        audited = AuditEvent.objects.filter(
            action="update", object_type="casework.case", object_id=case.pk
        ).count()
    assert audited == 2

    page = client.get(reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk]))
    body = page.content.decode()
    assert "Berufsausbildung" in body or "vocational training" in body
    assert (
        reverse(
            "people:work:case_close",
            args=[world.a.alliance.slug, world.a.person.pk, world.a.case.pk],
        )
        in body
    )


@pytest.mark.django_db
def test_a_second_close_with_the_old_version_is_refused(world: World, login: Any) -> None:
    first, second = login("cm_a"), login("cm_a")
    # Both tabs read version 1; the first closes, then the second one submits.
    assert first.post(close_url(world), close_form()).status_code == 302
    assert (
        first.post(reopen_url(world), {"reopened_on": "2026-07-01", "version": 2}).status_code
        == 302
    )
    response = second.post(close_url(world), close_form(reason="employment"))
    assert response.status_code == 200
    with translation.override("de"):
        assert escape(str(CHANGED_MEANWHILE)) in response.content.decode()
    with scopes_disabled():
        case = Case.objects.get(pk=world.a.case.pk)
        assert case.status == "open" and case.version == 3
        assert CaseStatusChange.objects.filter(case=case, reason="employment").count() == 0


@pytest.mark.django_db
def test_the_close_service_checks_the_version_and_dates(world: World) -> None:
    user = world.users["cm_a"]
    with scope(alliance=world.a.alliance):
        case = Case.objects.get(pk=world.a.case.pk)
        kwargs: dict[str, Any] = {
            "case": case,
            "actor": user,
            "organisation": world.a.tm_office,
            "reason": "employment",
            "follow_up_on": None,
        }
        with pytest.raises(ValidationError):
            services.case_close(**kwargs, closed_on=dt.date(2026, 3, 1), version=7)
        with pytest.raises(ValidationError) as exc:
            services.case_close(**kwargs, closed_on=dt.date(2025, 1, 1), version=1)
        assert "closed_on" in exc.value.error_dict
        services.case_close(**kwargs, closed_on=dt.date(2026, 3, 1), version=1)
        assert FollowUp.objects.filter(case=case).count() == 0  # no check date, no follow-up
        with pytest.raises(ValidationError):
            services.case_close(**kwargs, closed_on=dt.date(2026, 3, 2), version=2)


@pytest.mark.django_db
def test_partners_cannot_close_a_case(world: World, login: Any) -> None:
    assert login("partner_a").post(close_url(world), close_form()).status_code == 404
    assert login("cm_a_jmd").post(close_url(world), close_form()).status_code == 404
    with scopes_disabled():
        assert Case.objects.get(pk=world.a.case.pk).status == "open"
