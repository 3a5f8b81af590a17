"""Residence conditions on the status form and page, and the work-permission pages and
services (owner only, audited, never beyond the Duldung's term)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.people.access import get_person_access
from teilhabe.people.intake.permit_services import work_permission_record
from teilhabe.people.models import ResidenceStatusEntry, WorkPermission
from tests.conftest import World
from tests.people.intake.helpers import TODAY, detail_url

pytestmark = pytest.mark.django_db


def access_of(world: World, user: str = "cm_a") -> Any:
    principal = Principal.for_alliance(world.users[user], world.a.alliance)
    return get_person_access(principal, world.a.person.pk)


def duldung(world: World, until: dt.date | None = None) -> ResidenceStatusEntry:
    with scopes_disabled():
        return ResidenceStatusEntry.objects.create(
            alliance=world.a.alliance,
            person=world.a.person,
            status="toleration",
            valid_from=TODAY - dt.timedelta(days=30),
            valid_until=until or TODAY + dt.timedelta(days=150),
            conditions=["work_needs_permission"],
        )


def test_a_permission_cannot_outlast_the_duldung_it_was_granted_with(world: World) -> None:
    entry = duldung(world)
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError) as err:
        work_permission_record(
            access=access_of(world),
            kind="training",
            granted_on=TODAY,
            valid_until=entry.valid_until + dt.timedelta(days=1),  # type: ignore[operator]
            status_entry=entry,
            employer_name="Bäckerei Schmitz",
        )
    assert "valid_until" in err.value.message_dict


def test_recording_is_audited_and_needs_an_employer(world: World) -> None:
    entry = duldung(world)
    with scope(alliance=world.a.alliance):
        access = access_of(world)
        with pytest.raises(ValidationError):
            work_permission_record(access=access, kind="eq", granted_on=TODAY)
        permission = work_permission_record(
            access=access,
            kind="eq",
            granted_on=TODAY,
            valid_until=entry.valid_until,
            status_entry=entry,
            provider=world.a.jmd,
        )
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            object_id=permission.pk, action=AuditEvent.Action.CREATE
        ).exists()


def test_a_partner_reading_by_consent_records_nothing(world: World) -> None:
    with scope(alliance=world.a.alliance):
        access = access_of(world, "partner_a")
        with pytest.raises(PermissionDenied):
            work_permission_record(
                access=access, kind="eq", granted_on=TODAY, employer_name="Betrieb"
            )


def test_the_status_form_records_conditions_and_the_page_shows_them(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    url = reverse("people:intake:status_add", args=[world.a.alliance.slug, world.a.person.pk])
    response = client.post(
        url,
        {
            "status": "toleration",
            "valid_from": TODAY.isoformat(),
            "valid_until": (TODAY + dt.timedelta(days=180)).isoformat(),
            "conditions": ["work_forbidden", "residence_obligation"],
            "conditions_note": "Wohnsitz in Köln",
            "residence_gemeinde": "05315000",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        entry = ResidenceStatusEntry.objects.get(person=world.a.person)
    assert entry.conditions == ["work_forbidden", "residence_obligation"]
    assert entry.residence_gemeinde_id == "05315000"
    html = client.get(detail_url(world, world.a.person.pk)).content.decode()
    assert "Erwerbstätigkeit nicht gestattet; Wohnsitzauflage" in html
    assert "Köln" in html


def test_two_conditions_on_employment_are_refused(world: World, login: Any) -> None:
    client = login("cm_a")
    url = reverse("people:intake:status_add", args=[world.a.alliance.slug, world.a.person.pk])
    html = client.post(
        url,
        {
            "status": "toleration",
            "valid_from": TODAY.isoformat(),
            "conditions": ["work_forbidden", "work_permitted"],
        },
    ).content.decode()
    assert "Wählen Sie nur eine der Angaben zur Erwerbstätigkeit." in html
    with scopes_disabled():
        assert not ResidenceStatusEntry.objects.filter(person=world.a.person).exists()


def test_the_page_records_and_withdraws_a_permission(world: World, login: Any) -> None:
    entry = duldung(world)
    client = login("cm_a")
    add = reverse(
        "people:intake:work_permission_add", args=[world.a.alliance.slug, world.a.person.pk]
    )
    assert client.get(add).status_code == 200
    response = client.post(
        add,
        {
            "provider": str(world.a.jmd.pk),
            "kind": "internship",
            "status_entry": str(entry.pk),
            "granted_on": TODAY.isoformat(),
            "valid_until": entry.valid_until.isoformat(),  # type: ignore[union-attr]
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        permission = WorkPermission.objects.get(person=world.a.person)
    html = client.get(detail_url(world, world.a.person.pk)).content.decode()
    assert "Beschäftigungserlaubnisse" in html and world.a.jmd.name in html
    withdraw = reverse(
        "people:intake:work_permission_withdraw", args=[world.a.alliance.slug, permission.pk]
    )
    assert client.post(withdraw, {"withdrawn_on": TODAY.isoformat()}).status_code == 302
    permission.refresh_from_db()
    assert permission.withdrawn_on == TODAY


def test_correcting_a_status_keeps_and_changes_its_conditions(world: World, login: Any) -> None:
    entry = duldung(world)
    client = login("cm_a")
    url = reverse("people:intake:status_edit", args=[world.a.alliance.slug, entry.pk])
    html = client.get(url).content.decode()
    [box] = re.findall(r'<input[^>]*value="work_needs_permission"[^>]*>', html)
    assert "checked" in box
    response = client.post(
        url,
        {
            "status": "toleration",
            "valid_from": entry.valid_from.isoformat(),
            "valid_until": entry.valid_until.isoformat(),  # type: ignore[union-attr]
            "conditions": ["work_permitted"],
            "residence_kreis": "05566",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.conditions, entry.residence_kreis_id) == (["work_permitted"], "05566")
