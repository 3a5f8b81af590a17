"""The case manager's worklist: every due item of the user, grouped, filtered, paged in the
database, with working actions, and the same number of queries for 10 as for 1,000 items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import FollowUp, Referral, Step
from teilhabe.core.roles import Principal
from teilhabe.pages.home import work_items
from teilhabe.people.access import get_person_access
from teilhabe.trajectories.fingerprints import fingerprint
from teilhabe.trajectories.models import Finding
from teilhabe.trajectories.reviews import finding_assess
from tests import factories as f
from tests.casework.sharing.factories import ReferralFactory
from tests.casework.work.factories import GoalFactory, StepFactory
from tests.conftest import World


def home(world: World, query: str = "") -> str:
    return reverse("core:alliance_home", args=[world.a.alliance.slug]) + query


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def action(world: World, kind: str, pk: Any, name: str) -> str:
    return reverse("core:worklist_action", args=[world.a.alliance.slug, kind, pk, name])


def one_of_each(world: World) -> dict[str, Any]:
    """One item of every kind on world.a's person, plus items that must not show."""
    with scopes_disabled():
        goal = GoalFactory(case=world.a.case)
        consent = f.ConsentFactory(
            person=world.a.person,
            purpose="referral",
            valid_from=days(-100),
            valid_until=days(10),
        )
        items = {
            "overdue": StepFactory(goal=goal, title="Überfälliger Schritt", due_on=days(-2)),
            "today": StepFactory(goal=goal, title="Heutiger Schritt", due_on=days(0)),
            "later": StepFactory(goal=goal, title="Künftiger Schritt", due_on=days(40)),
            "followup": FollowUp.objects.create(
                alliance=world.a.alliance, case=world.a.case, reason="closure_check", due_on=days(1)
            ),
            "consent": consent,
            "answer": ReferralFactory(
                case=world.a.case,
                to_organisation=world.a.jobcenter,
                consent=consent,
                status=Referral.Status.DECLINED,
                decline_reason="Kein Platz frei",
                answered_on=days(-1),
            ),
            "finding": Finding.objects.create(
                alliance=world.a.alliance,
                person=world.a.person,
                rule="MK1",
                explanation="Drei Sprachkurse in Folge ohne Abschluss",
                detected_on=days(-1),
            ),
        }
        StepFactory(goal=goal, title="Erledigter Schritt", due_on=days(-2), status="done")
        StepFactory(goal=GoalFactory(case=world.b.case), title="Fremder Schritt", due_on=days(-9))
        ReferralFactory(  # an answer already noted
            case=world.a.case,
            to_organisation=world.a.jmd,
            consent=consent,
            status=Referral.Status.ACCEPTED,
            answered_on=days(-30),
            answer_seen_on=days(-29),
        )
    return items


@pytest.mark.django_db
def test_every_due_item_of_the_case_manager_is_on_the_worklist_with_its_kind_and_group(
    world: World, login: Any
) -> None:
    one_of_each(world)
    body = login("cm_a").get(home(world)).content.decode()
    for text in (
        "Überfälliger Schritt",
        "Heutiger Schritt",
        "Künftiger Schritt",
        "Nachkontrolle nach Fallabschluss",
        "Einwilligung läuft am",
        "Kein Platz frei",
        "Drei Sprachkurse in Folge",
    ):
        assert text in body, text
    assert "Erledigter Schritt" not in body and "Fremder Schritt" not in body
    for group in ("Neu", "Überfällig", "Heute", "Später"):
        assert f">{group}</h3>" in body
    assert "7 Aufgaben" in body
    # Partners and coordinators get their own start page, without these items.
    for persona in ("partner_a", "coord_a"):
        assert "Überfälliger Schritt" not in login(persona).get(home(world)).content.decode()


@pytest.mark.django_db
def test_the_count_on_the_page_equals_the_items_in_the_database_and_all_are_reachable(
    world: World, login: Any, settings: Any
) -> None:
    settings.TEILHABE = {**settings.TEILHABE, "PAGE_SIZE": 5}
    one_of_each(world)
    with scopes_disabled():
        goal = GoalFactory(case=world.a.case)
        for i in range(9):
            StepFactory(goal=goal, title=f"Reihe {i:02d}", due_on=days(-20 - i))
    with scope(alliance=world.a.alliance):
        principal = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
        expected = work_items.worklist_rows(principal, timezone.localdate()).count()
    client = login("cm_a")
    assert f"{expected} Aufgaben" in client.get(home(world)).content.decode()
    seen = set()
    for page in range(1, 5):
        body = client.get(home(world, f"?seite={page}")).content.decode()
        seen |= {i for i in range(9) if f"Reihe {i:02d}" in body}
    assert seen == set(range(9)) and expected == 16


@pytest.mark.django_db
def test_the_worklist_filters_by_kind_and_by_period(world: World, login: Any) -> None:
    one_of_each(world)
    client = login("cm_a")
    steps = client.get(home(world, "?art=schritte")).content.decode()
    assert "Überfälliger Schritt" in steps and "Kein Platz frei" not in steps
    assert "3 Aufgaben" in steps
    overdue = client.get(home(world, "?wann=ueberfaellig")).content.decode()
    assert "Überfälliger Schritt" in overdue and "Heutiger Schritt" not in overdue
    new = client.get(home(world, "?wann=neu")).content.decode()
    assert "Kein Platz frei" in new and "Überfälliger Schritt" not in new
    # The tiles link to the filtered lists.
    assert 'href="?wann=ueberfaellig#aufgaben"' in client.get(home(world)).content.decode()


@pytest.mark.django_db
def test_a_residence_status_expiry_names_the_status_and_the_real_expiry_date(
    world: World, login: Any
) -> None:
    from teilhabe.people.models import ResidenceStatusEntry

    with scopes_disabled():
        entry = ResidenceStatusEntry.objects.create(
            alliance=world.a.alliance,
            person=world.a.person,
            status="toleration",
            valid_from=days(-300),
            valid_until=dt.date(2031, 1, 6),
        )
        FollowUp.objects.create(
            alliance=world.a.alliance,
            case=world.a.case,
            status_entry=entry,
            reason="status_expiry",
            due_on=days(0),
        )
    body = login("cm_a").get(home(world)).content.decode()
    assert "läuft am 06.01.2031 ab" in body and "Duldung" in body


@pytest.mark.django_db
def test_marking_a_step_done_and_noting_an_answer_take_them_off_the_list(
    world: World, login: Any
) -> None:
    items = one_of_each(world)
    client = login("cm_a")
    person = str(world.a.person.pk)
    step, answer, follow_up = items["overdue"], items["answer"], items["followup"]
    response = client.post(
        action(world, "schritte", step.pk, "erledigt"), {"person": person, "art": "schritte"}
    )
    assert response.status_code == 302 and response.url.endswith("?art=schritte#aufgaben")
    assert client.post(action(world, "vermittlungen", answer.pk, "gesehen"), {"person": person})
    with scopes_disabled():
        own = FollowUp.objects.create(
            alliance=world.a.alliance, case=world.a.case, reason="reminder", due_on=days(0)
        )
    assert client.post(action(world, "wiedervorlagen", own.pk, "erledigt"), {"person": person})
    with scopes_disabled():
        step.refresh_from_db()
        answer.refresh_from_db()
        own.refresh_from_db()
    assert step.status == "done" and answer.answer_seen_on == timezone.localdate()
    assert own.done_on == timezone.localdate()
    client.get(home(world))  # shows (and so clears) the success messages
    body = client.get(home(world)).content.decode()
    assert "Überfälliger Schritt" not in body and "Kein Platz frei" not in body
    # The closure check stays: it is done by recording the situation after exit.
    assert "Nachkontrolle nach Fallabschluss" in body
    exit_page = reverse(
        "people:work:exit_outcome", args=[world.a.alliance.slug, person, follow_up.case_id]
    )
    assert exit_page in body


@pytest.mark.django_db
def test_the_closure_check_cannot_be_marked_done_without_the_situation_after_exit(
    world: World, login: Any
) -> None:
    follow_up = one_of_each(world)["followup"]
    client = login("cm_a")
    url = action(world, "wiedervorlagen", follow_up.pk, "erledigt")
    response = client.post(url, {"person": str(world.a.person.pk)}, follow=True)
    assert "sobald der Verbleib erfasst ist" in response.content.decode()
    with scopes_disabled():
        follow_up.refresh_from_db()
    assert follow_up.done_on is None


@pytest.mark.django_db
def test_moving_a_step_needs_a_future_date(world: World, login: Any) -> None:
    step = one_of_each(world)["overdue"]
    client = login("cm_a")
    url = action(world, "schritte", step.pk, "verschieben")
    data = {"person": str(world.a.person.pk)}
    client.post(url, {**data, "due_on": days(-1).isoformat()})
    with scopes_disabled():
        assert Step.objects.get(pk=step.pk).due_on == days(-2)
    client.post(url, {**data, "due_on": days(7).isoformat()})
    with scopes_disabled():
        assert Step.objects.get(pk=step.pk).due_on == days(7)
    body = client.get(home(world, "?wann=ueberfaellig")).content.decode()
    assert "Überfälliger Schritt" not in body


@pytest.mark.django_db
def test_actions_answer_404_to_partners_and_for_items_of_another_person(
    world: World, login: Any
) -> None:
    items = one_of_each(world)
    url = action(world, "schritte", items["overdue"].pk, "erledigt")
    assert login("partner_a").post(url, {"person": str(world.a.person.pk)}).status_code == 404
    other = str(world.person_a_jmd.pk)
    client = login("cm_a")
    assert client.post(url, {"person": other}).status_code == 404
    assert client.post(url, {"person": "kein-uuid"}).status_code == 404
    unknown = action(world, "schritte", items["overdue"].pk, "loeschen")
    assert client.post(unknown, {"person": str(world.a.person.pk)}).status_code == 404
    with scopes_disabled():
        assert Step.objects.get(pk=items["overdue"].pk).status == "open"


@pytest.mark.django_db
def test_a_need_to_know_case_manager_sees_only_items_of_assigned_persons(
    world: World, login: Any
) -> None:
    from teilhabe.core.models import Membership

    with scopes_disabled():
        colleague = f.UserFactory()
        other = f.CaseFactory(
            person=f.PersonFactory(owner=world.a.tm_office, assigned_to=colleague)
        )
        StepFactory(goal=GoalFactory(case=other), title="Nicht zugewiesen", due_on=days(-3))
        mine = f.CaseFactory(
            person=f.PersonFactory(owner=world.a.tm_office, assigned_to=world.users["cm_a"])
        )
        StepFactory(goal=GoalFactory(case=mine), title="Zugewiesen", due_on=days(-3))
    body = login("cm_a").get(home(world)).content.decode()
    assert "Zugewiesen" in body and "Nicht zugewiesen" not in body  # a colleague's person
    Membership.objects.filter(user=world.users["cm_a"]).update(assigned_only=True)
    body = login("cm_a").get(home(world)).content.decode()
    assert "Zugewiesen" in body and "Nicht zugewiesen" not in body


def _many_steps(world: World, n: int) -> None:
    with scopes_disabled():
        goal = GoalFactory(case=world.a.case)
        Step.objects.bulk_create(
            Step(
                alliance=world.a.alliance,
                goal=goal,
                title=f"Schritt {i}",
                responsible=world.a.jobcenter,
                due_on=days(-i % 60 + 30),
            )
            for i in range(n)
        )


@pytest.mark.django_db
def test_the_worklist_runs_the_same_number_of_queries_for_10_and_1000_items(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    one_of_each(world)
    _many_steps(world, 10)
    client.get(home(world))
    with CaptureQueriesContext(connection) as ten:
        assert client.get(home(world)).status_code == 200
    _many_steps(world, 990)
    with CaptureQueriesContext(connection) as thousand:
        body = client.get(home(world)).content.decode()
    assert len(thousand.captured_queries) == len(ten.captured_queries)
    assert "1.007 Aufgaben" in body or "1007 Aufgaben" in body
    print(f"worklist: {len(ten.captured_queries)} queries for 17 and for 1,007 items")


@pytest.mark.django_db
def test_a_new_finding_is_acknowledged_on_the_worklist_and_returns_on_its_case_conference(
    world: World, login: Any
) -> None:
    finding = one_of_each(world)["finding"]
    with scopes_disabled():
        finding.fingerprint = fingerprint(world.a.person.pk, "MK1", [], None)
        finding.save()
    client = login("cm_a")
    new = client.get(home(world, "?wann=neu")).content.decode()
    assert "Drei Sprachkurse in Folge" in new
    person = {"person": str(world.a.person.pk)}
    response = client.post(action(world, "fruehwarnung", finding.pk, "gesehen"), person)
    assert response.status_code == 302
    client.get(home(world))  # the success message
    assert "Drei Sprachkurse in Folge" not in client.get(home(world)).content.decode()
    with scope(alliance=world.a.alliance):
        principal = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
        finding_assess(
            access=get_person_access(principal, world.a.person.pk),
            actor=world.users["cm_a"],
            finding_id=finding.pk,
            note="Fallkonferenz mit dem Jobcenter",
            conference_on=days(3),
        )
    body = client.get(home(world, "?art=fruehwarnung")).content.decode()
    assert "Fallkonferenz am" in body and "Drei Sprachkurse in Folge" in body


def _colleague(world: World) -> Any:
    from teilhabe.core.models import Role

    with scopes_disabled():
        user = f.UserFactory(username="cm_a2", email="cm_a2@example.org")
        f.MembershipFactory(user=user, organisation=world.a.tm_office, role=Role.CASE_MANAGER)
    world.users["cm_a2"] = user
    return user


@pytest.mark.django_db
def test_a_reminder_for_a_colleague_is_on_the_colleagues_worklist_not_on_mine(
    world: World, login: Any
) -> None:
    from teilhabe.casework.work.reminders import followup_create

    colleague = _colleague(world)
    with scope(alliance=world.a.alliance):
        access = get_person_access(
            Principal.for_alliance(world.users["cm_a"], world.a.alliance), world.a.person.pk
        )
        followup_create(
            access=access,
            actor=world.users["cm_a"],
            kind="appointment",
            due_on=days(2),
            time=dt.time(14, 30),
            note="Termin beim Jobcenter vorbereiten",
            assigned_to=colleague,
        )
    assert (
        "Termin beim Jobcenter vorbereiten" not in login("cm_a").get(home(world)).content.decode()
    )
    body = login("cm_a2").get(home(world)).content.decode()
    assert "Termin beim Jobcenter vorbereiten" in body
    assert "14:30 Uhr" in body


@pytest.mark.django_db
def test_snoozing_a_follow_up_moves_it_to_the_new_date(world: World, login: Any) -> None:
    follow_up = one_of_each(world)["followup"]
    client = login("cm_a")
    url = action(world, "wiedervorlagen", follow_up.pk, "verschieben")
    data = {"person": str(world.a.person.pk)}
    client.post(url, {**data, "due_on": days(0).isoformat()})
    with scopes_disabled():
        assert FollowUp.objects.get(pk=follow_up.pk).due_on == days(1)
    client.post(url, {**data, "due_on": days(20).isoformat()})
    with scopes_disabled():
        assert FollowUp.objects.get(pk=follow_up.pk).due_on == days(20)
    body = client.get(home(world, "?wann=spaeter&art=wiedervorlagen")).content.decode()
    assert "Nachkontrolle nach Fallabschluss" in body
