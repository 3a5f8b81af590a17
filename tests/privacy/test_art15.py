"""Article 15: everything of the person, nothing of anyone else, every real recipient."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.privacy import art15
from tests.conftest import World
from tests.privacy.seed import seed_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(world: World) -> tuple[Any, Any]:
    with scopes_disabled():
        mine = seed_person(world.a.tm_office, "MINE", partner=world.a.jobcenter)
        other = seed_person(world.a.tm_office, "OTHR", partner=world.a.jmd)
    return mine, other


def _export(login: Any, persona: str, world: World, person: Any) -> dict[str, Any]:
    url = reverse("privacy:art15_json", args=[world.a.alliance.slug, person.pk])
    response = login(persona).get(url)
    assert response.status_code == 200
    return json.loads(response.content)  # type: ignore[no-any-return]


def test_the_export_holds_every_item_of_the_person_and_none_of_another(
    world: World, login: Any, two: tuple[Any, Any]
) -> None:
    mine, other = two
    data = _export(login, "cm_a", world, mine.person)
    exported = {item["id"] for s in data["sections"] for item in s["items"]}
    expected = {str(pk) for ids in mine.items.values() for pk in ids}
    others = {str(pk) for ids in other.items.values() for pk in ids}
    text = json.dumps(data, ensure_ascii=False)
    # The upload is listed by name; its content is the signed paper the person holds.
    values = [c for c in mine.canaries if c != mine.file_canary]
    found = [c for c in values if c in text]
    coverage = len(expected & exported) / len(expected)
    print(
        f"art15: {len(expected & exported)}/{len(expected)} items ({coverage:.0%}), "
        f"{len(found)}/{len(values)} values, "
        f"{len(others & exported)} items of another person"
    )
    assert expected <= exported
    assert found == values  # every value, notes of the own organisation included
    assert not others & exported
    assert not [c for c in other.canaries if c in text]
    names = {r["organisation"] for r in data["recipients"] if r["reads"]}
    assert names == {world.a.jobcenter.name}
    assert data["recipients"][0]["purposes"]
    assert data["retention"] and data["purposes"]
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            action="export", object_id=mine.person.pk, purpose="art15 json"
        ).exists()


def test_the_pdf_names_the_recipient_and_is_audited(
    world: World, login: Any, two: tuple[Any, Any]
) -> None:
    mine, _ = two
    url = reverse("privacy:art15_pdf", args=[world.a.alliance.slug, mine.person.pk])
    response = login("cm_a").get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_dpo_copy_leaves_counselling_notes_out(
    world: World, login: Any, two: tuple[Any, Any]
) -> None:
    mine, _ = two
    data = _export(login, "dpo_a", world, mine.person)
    with scopes_disabled():
        from teilhabe.casework.models import Contact, NeedAssessment

        notes = set(Contact.objects.filter(case__person=mine.person).values_list("note", flat=True))
        notes |= set(
            NeedAssessment.objects.filter(case__person=mine.person).values_list("note", flat=True)
        )
    text = json.dumps(data, ensure_ascii=False)
    assert notes and not [n for n in notes if n in text]
    assert data["notes_included"] is False
    assert mine.person.given_name in text


def test_notes_of_another_organisation_stay_out_of_the_owner_export(
    world: World, two: tuple[Any, Any]
) -> None:
    mine, _ = two
    with scopes_disabled():
        from teilhabe.casework.models import Contact

        Contact.objects.create(
            alliance=world.a.alliance,
            case=mine.case,
            organisation=world.a.jmd,
            on=mine.case.opened_on,
            duration_minutes=10,
            channel="phone",
            note="JMDSECRETNOTE",
        )
        data = art15.collect(mine.person, world.a.tm_office, include_notes=True)
    assert "JMDSECRETNOTE" not in json.dumps(data)
