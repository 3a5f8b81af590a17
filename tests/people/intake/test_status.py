"""Residence-status history: derived current status, legal basis, expiry follow-ups."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import FollowUp
from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.pages.home.work_items import worklist_rows
from teilhabe.people.access import get_person_access
from teilhabe.people.intake.selectors import (
    annotate_current_status,
    current_status,
)
from teilhabe.people.intake.status_services import (
    StatusData,
    status_entry_add,
    status_entry_delete,
    status_entry_update,
)
from teilhabe.people.models import Person, ResidenceStatusEntry
from tests import factories as f
from tests.conftest import World
from tests.people.intake.factories import StatusEntryFactory
from tests.people.intake.helpers import TODAY, count_queries, detail_url


def owner_access(world: World) -> Any:
    principal = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
    return get_person_access(principal, world.a.person.pk)


def followups(world: World) -> list[FollowUp]:
    with scopes_disabled():
        return list(FollowUp.objects.filter(case__person=world.a.person, reason="status_expiry"))


@pytest.mark.django_db
def test_current_status_is_the_entry_with_the_latest_valid_from(world: World) -> None:
    with scopes_disabled():
        person = world.a.person
        StatusEntryFactory(person=person, status="gestattung", valid_from=dt.date(2024, 3, 1))
        newest = StatusEntryFactory(
            person=person, status="toleration", valid_from=dt.date(2025, 9, 1)
        )
        StatusEntryFactory(person=person, status="unknown", valid_from=dt.date(2025, 1, 1))
        assert current_status(person) == newest
        row = annotate_current_status(Person.objects.filter(pk=person.pk)).get()
        assert row.current_status == "toleration"
        assert row.current_status_entry_id == newest.pk
        other = annotate_current_status(Person.objects.filter(pk=world.b.person.pk)).get()
        assert other.current_status is None


@pytest.mark.django_db
def test_a_residence_permit_needs_its_legal_basis(world: World) -> None:
    with scope(alliance=world.a.alliance):
        access = owner_access(world)
        with pytest.raises(ValidationError) as exc:
            status_entry_add(
                access=access,
                data=StatusData(status="residence_permit", valid_from=TODAY),
            )
        assert "legal_basis" in exc.value.error_dict
        entry = status_entry_add(
            access=access,
            data=StatusData(
                status="residence_permit", valid_from=TODAY, legal_basis="§ 25 Abs. 2 AufenthG"
            ),
        )
    assert entry.legal_basis == "§ 25 Abs. 2 AufenthG"


@pytest.mark.django_db
def test_the_status_form_shows_the_legal_basis_error_and_saves_nothing(
    world: World, login: Any
) -> None:
    url = reverse("people:intake:status_add", args=[world.a.alliance.slug, world.a.person.pk])
    response = login("cm_a").post(
        url, {"status": "residence_permit", "valid_from": TODAY.isoformat()}
    )
    assert response.status_code == 200
    assert "legal_basis" in response.context["form"].errors
    with scopes_disabled():
        assert not ResidenceStatusEntry.objects.filter(person=world.a.person).exists()


@pytest.mark.django_db
def test_expiry_within_the_window_creates_exactly_one_follow_up_also_when_the_command_runs_twice(
    world: World, login: Any, settings: Any
) -> None:
    settings.TEILHABE = {**settings.TEILHABE, "STATUS_EXPIRY_FOLLOWUP_DAYS": 42}
    url = reverse("people:intake:status_add", args=[world.a.alliance.slug, world.a.person.pk])
    until = TODAY + dt.timedelta(days=30)
    response = login("cm_a").post(
        url,
        {
            "status": "toleration",
            "valid_from": (TODAY - dt.timedelta(days=100)).isoformat(),
            "valid_until": until.isoformat(),
            "document_seen": "on",
        },
    )
    assert response.status_code == 302
    [followup] = followups(world)
    assert followup.due_on == TODAY  # 42 days before the expiry already passed
    assert followup.case == world.a.case
    with scopes_disabled():
        assert followup.status_entry == ResidenceStatusEntry.objects.get(person=world.a.person)
    for _ in range(2):
        out = StringIO()
        call_command("status_followups", stdout=out)
        assert "0 created" in out.getvalue()
    assert len(followups(world)) == 1


@pytest.mark.django_db
def test_the_follow_up_is_due_n_days_before_expiry_and_not_created_earlier(world: World) -> None:
    with scope(alliance=world.a.alliance):
        access = owner_access(world)
        data = StatusData(
            status="gestattung",
            valid_from=TODAY - dt.timedelta(days=10),
            valid_until=TODAY + dt.timedelta(days=50),
        )
        status_entry_add(access=access, data=data, today=TODAY)
        assert followups(world) == []  # 50 days ahead: outside the 42-day window
        status_entry_add(access=access, data=data, today=TODAY + dt.timedelta(days=1))
        assert followups(world) == []
    # Run as the daily command would on the day the expiry enters the window.
    call_command("status_followups", date=TODAY + dt.timedelta(days=8), stdout=StringIO())
    [followup] = followups(world)
    assert followup.due_on == TODAY + dt.timedelta(days=8)  # = valid_until - 42 days


@pytest.mark.django_db
def test_the_daily_command_creates_follow_ups_once_for_entries_entering_the_window(
    world: World,
) -> None:
    with scopes_disabled():
        # Entered without the service (an import, or time passing): the command finds it.
        entry = StatusEntryFactory(person=world.a.person, valid_until=TODAY + dt.timedelta(days=10))
        StatusEntryFactory(person=world.b.person, valid_until=TODAY + dt.timedelta(days=300))
    out = StringIO()
    call_command("status_followups", stdout=out)
    assert "1 created, 0 already present" in out.getvalue()
    out = StringIO()
    call_command("status_followups", stdout=out)
    assert "0 created, 1 already present" in out.getvalue()
    [followup] = followups(world)
    assert followup.status_entry_id == entry.pk and followup.due_on == TODAY  # past: today
    with scopes_disabled():
        assert AuditEvent.objects.filter(object_type="casework.followup").count() == 1
        assert not FollowUp.objects.filter(case__person=world.b.person).exists()


@pytest.mark.django_db
def test_a_new_status_resolves_the_follow_up_of_the_expiring_one(world: World) -> None:
    with scope(alliance=world.a.alliance):
        access = owner_access(world)
        old = status_entry_add(
            access=access,
            data=StatusData(
                status="toleration",
                valid_from=TODAY - dt.timedelta(days=150),
                valid_until=TODAY + dt.timedelta(days=5),
            ),
        )
        assert [fu.done_on for fu in followups(world)] == [None]
        status_entry_add(
            access=access,
            data=StatusData(
                status="training_toleration",
                valid_from=TODAY,
                valid_until=TODAY + dt.timedelta(days=900),
            ),
        )
    [followup] = followups(world)
    assert followup.status_entry_id == old.pk and followup.done_on == TODAY


@pytest.mark.django_db
def test_correcting_and_deleting_entries_is_audited_and_keeps_follow_ups_in_step(
    world: World,
) -> None:
    with scope(alliance=world.a.alliance):
        access = owner_access(world)
        entry = status_entry_add(
            access=access,
            data=StatusData(status="toleration", valid_from=TODAY - dt.timedelta(days=10)),
        )
        assert followups(world) == []
        data = StatusData(
            status="toleration",
            valid_from=TODAY - dt.timedelta(days=10),
            valid_until=TODAY + dt.timedelta(days=30),
        )
        status_entry_update(access=access, entry=entry, data=data)
        assert [fu.due_on for fu in followups(world)] == [TODAY]
        status_entry_delete(access=access, entry=entry)
        assert followups(world) == []
        actions = list(
            AuditEvent.objects.filter(object_type="people.residencestatusentry")
            .order_by("id")
            .values_list("action", flat=True)
        )
    assert actions == ["create", "update", "delete"]


@pytest.mark.django_db
def test_status_follow_ups_are_on_the_worklist_of_the_owning_case_manager_only(
    world: World,
) -> None:
    with scopes_disabled():
        StatusEntryFactory(person=world.a.person, valid_until=TODAY + dt.timedelta(days=3))
        StatusEntryFactory(person=world.person_a_jmd, valid_until=TODAY + dt.timedelta(days=3))
    call_command("status_followups", stdout=StringIO())
    with scope(alliance=world.a.alliance):
        mine = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
        partner = Principal.for_alliance(world.users["partner_a"], world.a.alliance)
        due = list(worklist_rows(mine, TODAY, kind="wiedervorlagen"))
        assert [person for *_, person in due] == [world.a.person.pk]
        assert list(worklist_rows(partner, TODAY, kind="wiedervorlagen")) == []


@pytest.mark.django_db
def test_partner_with_a_status_consent_sees_the_status_section_but_no_edit_link(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        entry = StatusEntryFactory(person=world.a.person, status="toleration")
    response = login("partner_a").get(detail_url(world, world.a.person.pk))
    body = response.content.decode()
    assert 'id="residence-status"' in body and "§ 60a" in body
    assert reverse("people:intake:status_edit", args=[world.a.alliance.slug, entry.pk]) not in body
    assert "/aufenthalt/neu/" not in body


@pytest.mark.django_db
def test_status_and_profile_sections_keep_their_query_count_for_long_histories(
    world: World, login: Any
) -> None:
    from tests.people.intake.factories import CertificateFactory, ExperienceFactory, LanguageFactory

    client = login("cm_a")
    url = detail_url(world, world.a.person.pk)
    with scopes_disabled():
        StatusEntryFactory(person=world.a.person)
        CertificateFactory(person=world.a.person)
        ExperienceFactory(person=world.a.person)
    small = count_queries(client, url)
    with scopes_disabled():
        for i in range(20):
            StatusEntryFactory(
                person=world.a.person, valid_from=dt.date(2020, 1, 1) + dt.timedelta(days=i)
            )
            CertificateFactory(person=world.a.person)
            ExperienceFactory(person=world.a.person)
        for code in ("de", "en", "fr", "tr", "ku"):
            LanguageFactory(person=world.a.person, language=code)
    assert count_queries(client, url) == small


@pytest.mark.django_db
def test_a_case_manager_of_another_organisation_gets_404_on_every_edit_url(
    world: World, login: Any
) -> None:
    from tests.matrix import kwargs_for
    from tests.people.intake.access_matrix import EXPECTED, url_kwargs

    candidates = {
        "alliance_slug": world.a.alliance.slug,
        "person_id": world.a.person.pk,
        **url_kwargs(world),
    }
    edit_urls = [
        reverse(name, kwargs=kwargs_for(name, candidates))
        for name in EXPECTED
        if name
        not in ("people:intake:create", "people:intake:eligibility", "people:intake:language_row")
    ]
    assert len(edit_urls) == 13
    # JMD A's case manager, B's case manager, and partners who read person A by consent.
    for persona in ("cm_a_jmd", "cm_b", "partner_a", "abh_a"):
        client = login(persona)
        for url in edit_urls:
            assert client.get(url).status_code == 404, (persona, url)
            assert client.post(url, {}).status_code == 404, (persona, url)


def test_person_model_has_no_current_status_field() -> None:
    """The current status is derived, never stored twice."""
    names = {field.name for field in Person._meta.get_fields()}
    assert not {"status", "residence_status", "current_status"} & names
    assert f.PersonFactory._meta.model is Person


@pytest.mark.django_db
def test_adding_correcting_and_deleting_entries_moves_the_current_status(world: World) -> None:
    from tests.core.latest_check import assert_flags_follow_the_rule

    with scope(alliance=world.a.alliance):
        access = owner_access(world)
        older = status_entry_add(
            access=access, data=StatusData(status="gestattung", valid_from=dt.date(2025, 1, 1))
        )
        newer = status_entry_add(
            access=access, data=StatusData(status="toleration", valid_from=dt.date(2025, 6, 1))
        )
        assert current_status(world.a.person) == newer
        # A corrected date can make the other entry the current one …
        status_entry_update(
            access=access,
            entry=newer,
            data=StatusData(status="toleration", valid_from=dt.date(2024, 6, 1)),
        )
        assert current_status(world.a.person) == older
        # … and deleting the current entry makes the one before it current again.
        status_entry_delete(access=access, entry=older)
        assert current_status(world.a.person) == newer
    with scopes_disabled():
        assert_flags_follow_the_rule(ResidenceStatusEntry)
