"""Handover: reassigning persons and their open case to a colleague."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django_scopes import scope

from teilhabe.casework.handover import persons_reassign
from teilhabe.core.models import AuditEvent, Role
from tests import factories as f


def _colleague(world: Any) -> Any:
    user = f.UserFactory(username="cm_a2", email="cm_a2@example.org")
    f.MembershipFactory(user=user, organisation=world.a.tm_office, role=Role.CASE_MANAGER)
    return user


def test_reassign_sets_person_and_open_case_and_audits(world: Any, principal: Any) -> None:
    to = _colleague(world)
    with scope(alliance=world.a.alliance):
        persons_reassign(principal=principal("cm_a"), person_ids=[world.a.person.pk], to_user=to)
        world.a.person.refresh_from_db()
        world.a.case.refresh_from_db()
        assert world.a.person.assigned_to == to
        assert world.a.case.case_manager == to
        assert AuditEvent.objects.filter(
            action="person.reassign", object_id=world.a.person.pk
        ).exists()


def test_an_invisible_id_changes_nothing(world: Any, principal: Any) -> None:
    to = _colleague(world)
    with scope(alliance=world.a.alliance):
        before = world.a.person.assigned_to_id
        with pytest.raises(Http404):
            persons_reassign(
                principal=principal("cm_a"),
                person_ids=[world.a.person.pk, world.person_a_jmd.pk],
                to_user=to,
            )
        world.a.person.refresh_from_db()
        assert world.a.person.assigned_to_id == before


def test_a_colleague_of_another_organisation_is_refused(world: Any, principal: Any) -> None:
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError):
        persons_reassign(
            principal=principal("cm_a"),
            person_ids=[world.a.person.pk],
            to_user=world.users["cm_a_jmd"],
        )
