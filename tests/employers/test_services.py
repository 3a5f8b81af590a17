"""Writes of the employer directory: coordinators and case managers only, own alliance only,
each audited in its transaction."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.employers import access, services
from teilhabe.employers.models import Employer
from tests.conftest import World

pytestmark = pytest.mark.django_db
DATA = {"name": "Tischlerei Kaya", "sector": Employer.Sector.CRAFT, "places_training": 2}


def _events(employer: Employer) -> list[tuple[str, str]]:
    with scopes_disabled():
        rows = AuditEvent.objects.filter(object_id=employer.pk).order_by("at", "id")
        return [(e.action, e.purpose) for e in rows]


@pytest.mark.parametrize("persona", ["coord_a", "cm_a"])
def test_coordinators_and_case_managers_create_update_and_archive_audited(
    world: World, principal: Any, persona: str
) -> None:
    p = principal(persona)
    with scope(alliance=world.a.alliance):
        employer = services.employer_create(principal=p, data=DATA)
        services.employer_update(principal=p, employer=employer, data={"in_network": True})
        services.employer_archive(principal=p, employer=employer)
    with scopes_disabled():
        stored = Employer.objects.get(pk=employer.pk)
    assert stored.alliance_id == world.a.alliance.pk
    assert stored.in_network and stored.archived_on is not None
    assert _events(employer) == [
        ("create", "employer created"),
        ("update", "employer updated"),
        ("update", "employer archived"),
    ]


@pytest.mark.parametrize("persona", ["partner_a", "volunteer_a"])
def test_partners_and_volunteers_cannot_write(world: World, principal: Any, persona: str) -> None:
    with scope(alliance=world.a.alliance), pytest.raises(Http404):
        services.employer_create(principal=principal(persona), data=DATA)


def test_another_alliances_employer_cannot_be_changed(world: World, principal: Any) -> None:
    with scope(alliance=world.b.alliance):
        foreign = services.employer_create(principal=principal("coord_b", "b"), data=DATA)
    with scope(alliance=world.a.alliance), pytest.raises(Http404):
        services.employer_update(principal=principal("coord_a"), employer=foreign, data={})
    assert _events(foreign) == [("create", "employer created")]


def test_an_invalid_write_is_refused_and_not_audited(world: World, principal: Any) -> None:
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError):
        services.employer_create(principal=principal("cm_a"), data={**DATA, "sector": "x"})
    with scopes_disabled():
        assert not Employer.objects.exists()
        assert not AuditEvent.objects.filter(purpose="employer created").exists()


def test_staff_read_only_their_alliances_directory(world: World, principal: Any) -> None:
    with scope(alliance=world.b.alliance):
        services.employer_create(principal=principal("coord_b", "b"), data=DATA)
    with scope(alliance=world.a.alliance):
        own = services.employer_create(principal=principal("coord_a"), data=DATA)
        assert list(access.employers_for(principal("partner_a"))) == [own]
        with pytest.raises(Http404):
            access.employers_for(principal("volunteer_a"))
