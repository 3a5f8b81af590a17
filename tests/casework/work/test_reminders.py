"""Own reminders and appointments: created for oneself or a colleague of the same
organisation, moved, done; one person or many at once (all or nothing); 404 for others."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import FollowUp
from teilhabe.casework.work import services as work
from teilhabe.casework.work.reminders import followup_create, followup_snooze, next_dates
from teilhabe.core.models import AuditEvent, Role
from teilhabe.people.access import get_person_access
from tests import factories as f
from tests.conftest import World


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def colleague(world: World, organisation: Any = None) -> Any:
    with scopes_disabled():
        user = f.UserFactory(username="cm_a2", email="cm_a2@example.org")
        f.MembershipFactory(
            user=user, organisation=organisation or world.a.tm_office, role=Role.CASE_MANAGER
        )
    world.users["cm_a2"] = user
    return user


def create(world: World, principal: Any, persona: str = "cm_a", **kwargs: Any) -> FollowUp:
    with scope(alliance=world.a.alliance):
        access = get_person_access(principal(persona), world.a.person.pk)
        return followup_create(
            access=access,
            actor=world.users[persona],
            kind=kwargs.pop("kind", "reminder"),
            due_on=kwargs.pop("due_on", days(3)),
            **kwargs,
        )


@pytest.mark.django_db
def test_a_reminder_is_for_its_author_unless_a_colleague_is_named(
    world: World, principal: Any
) -> None:
    mine = create(world, principal, note="Zeugnisse mitbringen")
    assert mine.assigned_to == world.users["cm_a"] and mine.created_by == world.users["cm_a"]
    assert mine.case == world.a.case and mine.note == "Zeugnisse mitbringen"
    other = create(
        world, principal, kind="appointment", time=dt.time(9), assigned_to=colleague(world)
    )
    assert other.assigned_to.username == "cm_a2" and other.time == dt.time(9)
    with scopes_disabled():
        assert AuditEvent.objects.filter(object_id=other.pk, action="create").exists()


@pytest.mark.django_db
def test_the_reminded_colleague_must_be_a_case_manager_of_the_same_organisation(
    world: World, principal: Any
) -> None:
    with pytest.raises(ValidationError) as exc:
        create(world, principal, assigned_to=world.users["cm_a_jmd"])
    assert "assigned_to" in exc.value.message_dict
    with pytest.raises(ValidationError):
        create(world, principal, assigned_to=world.users["partner_a"])
    with pytest.raises(ValidationError):
        create(world, principal, kind="other")
    with scopes_disabled():
        assert not FollowUp.objects.filter(reason__in=FollowUp.OWN).exists()


@pytest.mark.django_db
def test_a_partner_with_a_consent_cannot_create_a_reminder(world: World, principal: Any) -> None:
    with pytest.raises(Http404):
        create(world, principal, persona="partner_a")


@pytest.mark.django_db
def test_snoozing_needs_a_date_after_today_and_done_takes_it_off(
    world: World, principal: Any
) -> None:
    reminder = create(world, principal)
    with scope(alliance=world.a.alliance):
        with pytest.raises(ValidationError) as exc:
            followup_snooze(
                follow_up=reminder,
                actor=world.users["cm_a"],
                organisation=world.a.tm_office,
                due_on=days(0),
            )
        assert "due_on" in exc.value.message_dict
        followup_snooze(
            follow_up=reminder,
            actor=world.users["cm_a"],
            organisation=world.a.tm_office,
            due_on=days(9),
        )
        assert next_dates([world.a.person.pk]) == {world.a.person.pk: days(9)}
        work.followup_complete(
            follow_up=reminder,
            actor=world.users["cm_a"],
            organisation=world.a.tm_office,
            done_on=days(0),
        )
        assert next_dates([world.a.person.pk]) == {}


@pytest.mark.django_db
def test_next_dates_names_the_earliest_open_reminder_per_person_in_one_query(
    world: World, principal: Any, django_assert_num_queries: Any
) -> None:
    create(world, principal, due_on=days(8))
    create(world, principal, kind="appointment", due_on=days(2))
    with scopes_disabled():
        FollowUp.objects.create(  # a generated follow-up is no "next contact"
            alliance=world.a.alliance, case=world.a.case, reason="other", due_on=days(1)
        )
    with scope(alliance=world.a.alliance), django_assert_num_queries(1):
        assert next_dates([world.a.person.pk, world.person_a_jmd.pk]) == {
            world.a.person.pk: days(2)
        }


def url(world: World, name: str, *args: Any) -> str:
    return reverse(f"people:work:{name}", args=[world.a.alliance.slug, *args])


@pytest.mark.django_db
def test_the_person_page_lists_reminders_and_the_form_creates_one(world: World, login: Any) -> None:
    client = login("cm_a")
    response = client.post(
        url(world, "reminder_create", world.a.person.pk),
        {
            "kind": "appointment",
            "due_on": days(4).isoformat(),
            "time": "14:30",
            "note": "Gespräch mit der Schule",
            "assigned_to": world.users["cm_a"].pk,
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Wiedervorlagen und Termine" in page
    assert "Gespräch mit der Schule" in page and "14:30 Uhr" in page
    assert client.get(url(world, "reminder_create", world.a.person.pk)).status_code == 200


@pytest.mark.django_db
def test_others_get_404_for_the_reminder_form(world: World, login: Any) -> None:
    target = url(world, "reminder_create", world.a.person.pk)
    data = {"kind": "reminder", "due_on": days(4).isoformat()}
    for persona in ("partner_a", "cm_a_jmd", "coord_a"):
        assert login(persona).post(target, data).status_code == 404
    with scopes_disabled():
        assert not FollowUp.objects.filter(reason__in=FollowUp.OWN).exists()


@pytest.mark.django_db
def test_the_person_page_loads_the_reminder_form_only_when_its_fold_is_opened(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    target = url(world, "reminder_create", world.a.person.pk)
    person = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    page = client.get(person).content.decode()
    assert 'name="due_on"' not in page
    assert f'hx-get="{target}"' in page and f'href="{target}"' in page  # without JavaScript
    fold = client.get(target, headers={"HX-Request": "true"}).content.decode()
    assert 'id="reminder-due_on"' in fold and "<html" not in fold
    assert f'action="{target}"' in fold
    for persona in ("partner_a", "cm_a_jmd", "coord_a"):
        assert login(persona).get(target, headers={"HX-Request": "true"}).status_code == 404


@pytest.mark.django_db
def test_a_bulk_reminder_is_created_for_every_chosen_person(world: World, login: Any) -> None:
    with scopes_disabled():
        second = f.CaseFactory(person=f.PersonFactory(owner=world.a.tm_office)).person
    persons = [str(world.a.person.pk), str(second.pk)]
    client = login("cm_a")
    form = client.post(url(world, "reminders_bulk"), {"person": persons})
    assert form.status_code == 200 and "Neue Wiedervorlage" in form.content.decode()
    response = client.post(
        url(world, "reminders_bulk"),
        {
            "person": persons,
            "schritt": "anlegen",
            "kind": "reminder",
            "due_on": days(5).isoformat(),
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        rows = FollowUp.objects.filter(reason="reminder")
        assert {r.case.person_id for r in rows} == {world.a.person.pk, second.pk}


@pytest.mark.django_db
def test_a_bulk_reminder_with_an_invisible_person_answers_404_and_creates_nothing(
    world: World, login: Any
) -> None:
    persons = [str(world.a.person.pk), str(world.person_a_jmd.pk)]
    response = login("cm_a").post(
        url(world, "reminders_bulk"),
        {
            "person": persons,
            "schritt": "anlegen",
            "kind": "reminder",
            "due_on": days(5).isoformat(),
        },
    )
    assert response.status_code == 404
    with scopes_disabled():
        assert not FollowUp.objects.filter(reason="reminder").exists()


@pytest.mark.django_db
def test_a_bulk_reminder_is_all_or_nothing_when_one_person_has_no_open_case(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        without_case = f.PersonFactory(owner=world.a.tm_office)
    persons = [str(world.a.person.pk), str(without_case.pk)]
    response = login("cm_a").post(
        url(world, "reminders_bulk"),
        {
            "person": persons,
            "schritt": "anlegen",
            "kind": "reminder",
            "due_on": days(5).isoformat(),
        },
    )
    assert response.status_code == 200  # the form again, with the error
    with scopes_disabled():
        assert not FollowUp.objects.filter(reason="reminder").exists()
