"""A possible duplicate in another organisation of the alliance: the intake names only the
organisation and asks for a consent; the hint is audited without any personal value."""

from __future__ import annotations

from typing import Any

import pytest
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.people.intake.services import DUPLICATE_CHECK
from tests.conftest import World
from tests.people.intake.factories import KeyedPersonFactory
from tests.people.intake.helpers import birth_for_age, intake_data, intake_url

HINT = "In einer anderen Organisation des Bündnisses (Jugendmigrationsdienst A)"


def _checks() -> list[AuditEvent]:
    with scopes_disabled():
        return list(AuditEvent.objects.filter(object_type=DUPLICATE_CHECK))


@pytest.mark.django_db
def test_a_match_in_another_organisation_names_only_it_and_asks_for_a_consent(
    world: World, login: Any
) -> None:
    born = birth_for_age(24)
    client = login("cm_a")
    shown = []
    for n in range(3):  # one match, then three: the page must not tell how many
        with scopes_disabled():
            KeyedPersonFactory(
                owner=world.a.jmd,
                given_name="Muhammad",
                family_name="El Hasan",
                date_of_birth=born,
                phone=f"0170 99988{n}",
            )
        if n in (0, 2):
            response = client.post(intake_url(world), intake_data(date_of_birth=born.isoformat()))
            assert response.status_code == 200
            shown.append(response.content.decode())
    one, three = shown
    assert HINT in three and "fragen Sie nach einer Einwilligung" in three
    assert one.count(HINT) == three.count(HINT)  # one hint per organisation, not per match
    for leaked in ("Muhammad", "El Hasan", "0170 99988", born.strftime("%d.%m.%Y")):
        assert leaked not in three
    checks = _checks()
    assert len(checks) == 2  # one event per check that showed the hint
    event = checks[0]
    assert event.organisation_id == world.a.tm_office.pk and event.actor == world.users["cm_a"]
    assert event.object_id is None and event.purpose == ""


@pytest.mark.django_db
def test_a_match_in_the_own_organisation_is_named_as_such_and_not_audited_as_a_probe(
    world: World, login: Any
) -> None:
    born = birth_for_age(24)
    with scopes_disabled():
        KeyedPersonFactory(
            owner=world.a.tm_office,
            given_name="Mohammed",
            family_name="Al Hassan",
            date_of_birth=born,
        )
    response = login("cm_a").post(intake_url(world), intake_data(date_of_birth=born.isoformat()))
    body = response.content.decode()
    assert "In der Organisation Teilhabemanagement A gibt es bereits eine Person" in body
    assert "In einer anderen Organisation" not in body
    assert _checks() == []


@pytest.mark.django_db
def test_a_merged_record_raises_no_duplicate_warning(world: World, login: Any) -> None:
    born = birth_for_age(24)
    with scopes_disabled():
        survivor = KeyedPersonFactory(owner=world.a.jmd, given_name="X", family_name="Y")
        KeyedPersonFactory(
            owner=world.a.jmd,
            given_name="Muhammad",
            family_name="El Hasan",
            date_of_birth=born,
            merged_into=survivor,
        )
    response = login("cm_a").post(intake_url(world), intake_data(date_of_birth=born.isoformat()))
    assert response.status_code == 302
    assert _checks() == []
