"""Deputies (Vertretung): setting and ending them, who may, and the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django_scopes import scope

from teilhabe.casework.handover import deputy_end, deputy_set
from teilhabe.casework.models import Deputy
from teilhabe.core.models import AuditEvent, Role
from tests import factories as f

TODAY = dt.date(2026, 12, 3)


def _colleague(world: Any, username: str = "cm_a2") -> Any:
    user = f.UserFactory(username=username, email=f"{username}@example.org")
    f.MembershipFactory(user=user, organisation=world.a.tm_office, role=Role.CASE_MANAGER)
    return user


def _set(world: Any, principal: Any, persona: str = "cm_a", **kw: Any) -> Deputy:
    args = {
        "organisation": world.a.tm_office,
        "absent": world.users["cm_a"],
        "deputy": kw.pop("deputy", None) or _colleague(world),
        "valid_from": TODAY,
        "valid_until": TODAY + dt.timedelta(days=14),
    }
    args.update(kw)
    return deputy_set(principal=principal(persona), **args)


def test_a_case_manager_sets_a_deputy_and_it_is_audited(world: Any, principal: Any) -> None:
    with scope(alliance=world.a.alliance):
        row = _set(world, principal)
        assert row.created_by == world.users["cm_a"]
        assert AuditEvent.objects.filter(action="deputy.set", object_id=row.pk).exists()


@pytest.mark.parametrize("persona", ["partner_a", "coord_a", "abh_a", "cm_a_jmd"])
def test_no_one_outside_the_organisations_case_managers_sets_a_deputy(
    world: Any, principal: Any, persona: str
) -> None:
    with scope(alliance=world.a.alliance), pytest.raises(Http404):
        _set(world, principal, persona)
    with scope(alliance=world.a.alliance):
        assert not Deputy.objects.exists()


def test_a_case_manager_of_another_alliance_cannot_set_a_deputy(world: Any, principal: Any) -> None:
    with scope(alliance=world.b.alliance), pytest.raises(Http404):
        _set(world, principal, "cm_b")


def test_a_deputy_from_another_organisation_is_refused_naming_the_field(
    world: Any, principal: Any
) -> None:
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError) as exc:
        _set(world, principal, deputy=world.users["cm_a_jmd"])
    assert "deputy" in exc.value.error_dict


def test_an_inactive_colleague_cannot_be_deputy(world: Any, principal: Any) -> None:
    colleague = _colleague(world)
    colleague.is_active = False
    colleague.save()
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError) as exc:
        _set(world, principal, deputy=colleague)
    assert "deputy" in exc.value.error_dict


def test_the_period_must_not_end_before_it_begins(world: Any, principal: Any) -> None:
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError) as exc:
        _set(world, principal, valid_until=TODAY - dt.timedelta(days=1))
    assert "valid_until" in exc.value.error_dict


def test_ending_a_running_deputy_ends_it_yesterday_and_is_audited(
    world: Any, principal: Any
) -> None:
    with scope(alliance=world.a.alliance):
        row = _set(world, principal, valid_from=TODAY - dt.timedelta(days=3))
        deputy_end(principal=principal("cm_a"), deputy_row=row, today=TODAY)
        row.refresh_from_db()
        assert row.valid_until == TODAY - dt.timedelta(days=1)
        assert AuditEvent.objects.filter(action="deputy.end", object_id=row.pk).exists()


def test_ending_a_planned_deputy_removes_it(world: Any, principal: Any) -> None:
    with scope(alliance=world.a.alliance):
        row = _set(world, principal, valid_from=TODAY + dt.timedelta(days=2))
        assert deputy_end(principal=principal("cm_a"), deputy_row=row, today=TODAY) is None
        assert not Deputy.objects.filter(pk=row.pk).exists()


def test_a_partner_cannot_end_a_deputy(world: Any, principal: Any) -> None:
    with scope(alliance=world.a.alliance):
        row = _set(world, principal)
        with pytest.raises(Http404):
            deputy_end(principal=principal("partner_a"), deputy_row=row, today=TODAY)


def _need_to_know(world: Any, username: str) -> Any:
    user = f.UserFactory(username=username, email=f"{username}@example.org")
    f.MembershipFactory(
        user=user, organisation=world.a.tm_office, role=Role.CASE_MANAGER, assigned_only=True
    )
    world.users[username] = user
    return user


def test_a_need_to_know_case_manager_cannot_deputise_itself_for_a_colleague(
    world: Any, principal: Any
) -> None:
    me = _need_to_know(world, "cm_ntk")
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError) as exc:
        _set(world, principal, "cm_ntk", deputy=me)
    assert "absent" in exc.value.error_dict


def test_a_need_to_know_case_manager_names_a_deputy_for_its_own_absence(
    world: Any, principal: Any
) -> None:
    me = _need_to_know(world, "cm_ntk")
    with scope(alliance=world.a.alliance):
        row = _set(world, principal, "cm_ntk", absent=me)
        assert row.absent == me


def test_a_need_to_know_case_manager_cannot_end_a_deputy_of_others(
    world: Any, principal: Any
) -> None:
    _need_to_know(world, "cm_ntk")
    with scope(alliance=world.a.alliance):
        row = _set(world, principal)
        with pytest.raises(Http404):
            deputy_end(principal=principal("cm_ntk"), deputy_row=row, today=TODAY)
