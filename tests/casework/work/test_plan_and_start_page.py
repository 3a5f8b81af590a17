"""The individual plan (goals, steps, status changes with and without htmx) and the case
manager's start page: overdue steps, due follow-ups, open tasks, a constant query count."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import FollowUp, Goal, Step
from tests import factories as f
from tests.casework.work.factories import GoalFactory, StepFactory
from tests.conftest import World


def home(world: World) -> str:
    return reverse("core:alliance_home", args=[world.a.alliance.slug])


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def overdue_steps(world: World, n: int, *, prefix: str = "Überfällig") -> None:
    """n overdue steps, each of another person (so the page must not query per person)."""
    with scopes_disabled():
        for i in range(n):
            case = f.CaseFactory(person=f.PersonFactory(owner=world.a.tm_office))
            StepFactory(
                goal=GoalFactory(case=case),
                title=f"{prefix} {i}",
                due_on=days_ago(3 + i),
                responsible=world.a.jobcenter,
            )


@pytest.mark.django_db
def test_the_case_manager_adds_goals_and_steps_and_changes_a_status(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    slug, pk = world.a.alliance.slug, world.a.person.pk
    response = client.post(
        reverse("people:work:goal_create", args=[slug, pk]), {"title": "Ausbildung beginnen"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        goal = Goal.objects.get(case=world.a.case)
    response = client.post(
        reverse("people:work:step_create", args=[slug, pk, goal.pk]),
        {
            "title": "Zeugnis anerkennen lassen",
            "responsible": world.a.jobcenter.pk,
            "due_on": days_ago(1).isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        step = Step.objects.get(goal=goal)
    assert step.responsible == world.a.jobcenter

    plan = client.get(reverse("people:work:plan", args=[slug, pk])).content.decode()
    assert (
        "Zeugnis anerkennen lassen" in plan and "überfällig" in plan.lower()
    ) or "overdue" in plan

    status_url = reverse("people:work:step_status", args=[slug, pk, step.pk])
    fragment = client.post(
        status_url, {f"step-{step.pk}-status": "in_progress"}, HTTP_HX_REQUEST="true"
    )
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in body
    assert f'id="goal-{goal.pk}"' in body and 'hx-swap-oob="true"' in body
    step.refresh_from_db()
    assert step.status == "in_progress"

    # Without JavaScript: the same form posts and redirects back to the plan.
    response = client.post(status_url, {f"step-{step.pk}-status": "done"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == "done"


@pytest.mark.django_db
def test_a_step_cannot_name_an_organisation_of_another_alliance(world: World, login: Any) -> None:
    with scopes_disabled():
        goal = GoalFactory(case=world.a.case)
    url = reverse(
        "people:work:step_create", args=[world.a.alliance.slug, world.a.person.pk, goal.pk]
    )
    response = login("cm_a").post(
        url, {"title": "x", "responsible": world.b.jobcenter.pk, "status": "open"}
    )
    assert response.status_code == 200
    with scopes_disabled():
        assert Step.objects.count() == 0


@pytest.mark.django_db
def test_overdue_steps_and_due_follow_ups_show_on_the_start_page(world: World, login: Any) -> None:
    with scopes_disabled():
        goal = GoalFactory(case=world.a.case)
        StepFactory(goal=goal, title="Überfälliger Schritt", due_on=days_ago(2))
        StepFactory(goal=goal, title="Erledigter Schritt", due_on=days_ago(2), status="done")
        StepFactory(goal=goal, title="Künftiger Schritt", due_on=days_ago(-5))
        FollowUp.objects.create(
            alliance=world.a.alliance, case=world.a.case, reason="closure_check", due_on=days_ago(1)
        )
        # Of another organisation: never on cm_a's page.
        StepFactory(
            goal=GoalFactory(case=world.b.case), title="Fremder Schritt", due_on=days_ago(9)
        )
    body = login("cm_a").get(home(world)).content.decode()
    assert "Überfälliger Schritt" in body
    assert "Erledigter Schritt" not in body and "Künftiger Schritt" not in body
    assert "Fremder Schritt" not in body
    plan_url = reverse("people:work:plan", args=[world.a.alliance.slug, world.a.person.pk])
    assert plan_url in body
    assert "Nachkontrolle" in body or "follow-up check after closure" in body
    # Partners and coordinators have no such section.
    assert "Überfälliger Schritt" not in login("partner_a").get(home(world)).content.decode()
    assert "Überfälliger Schritt" not in login("coord_a").get(home(world)).content.decode()


@pytest.mark.django_db
def test_my_open_tasks_count_pending_steps_and_due_follow_ups_of_my_persons(
    world: World, login: Any
) -> None:
    from teilhabe.casework.work.selectors import start_page_work
    from teilhabe.core.roles import Principal

    user = world.users["cm_a"]
    with scopes_disabled():
        mine = f.CaseFactory(person=f.PersonFactory(owner=world.a.tm_office, assigned_to=user))
        goal = GoalFactory(case=mine)
        StepFactory(goal=goal, due_on=days_ago(-3))
        StepFactory(goal=goal, due_on=days_ago(3), status="in_progress")
        StepFactory(goal=goal, status="dropped")
        FollowUp.objects.create(
            alliance=world.a.alliance, case=mine, reason="other", due_on=days_ago(0)
        )
        StepFactory(goal=GoalFactory(case=world.a.case))  # not assigned to cm_a
    with scope(alliance=world.a.alliance):
        work = start_page_work(Principal.for_alliance(user, world.a.alliance), days_ago(0))
    assert work.my_open_tasks == 3
    assert work.overdue_total == 2  # cm_a sees the whole organisation's overdue steps


@pytest.mark.django_db
def test_start_page_query_count_is_the_same_for_1_and_30_overdue_steps(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    overdue_steps(world, 1)
    client.get(home(world))
    with CaptureQueriesContext(connection) as one:
        assert client.get(home(world)).status_code == 200
    overdue_steps(world, 29, prefix="Weitere")
    with CaptureQueriesContext(connection) as thirty:
        body = client.get(home(world)).content.decode()
    assert len(thirty.captured_queries) == len(one.captured_queries)
    assert "Weitere 28" in body
    print(f"start page: {len(one.captured_queries)} queries for 1 and for 30 overdue steps")


@pytest.mark.django_db
def test_residence_status_expiries_are_among_the_due_follow_ups(world: World, login: Any) -> None:
    from teilhabe.people.models import ResidenceStatusEntry

    with scopes_disabled():
        entry = ResidenceStatusEntry.objects.create(
            alliance=world.a.alliance,
            person=world.a.person,
            status="toleration",
            valid_from=days_ago(300),
            valid_until=days_ago(-20),
        )
        FollowUp.objects.get_or_create(
            alliance=world.a.alliance,
            case=world.a.case,
            status_entry=entry,
            defaults={"reason": "status_expiry", "due_on": days_ago(0)},
        )
    body = login("cm_a").get(home(world)).content.decode()
    assert "Aufenthaltsstatus läuft ab" in body or "residence status expires" in body
    detail = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    assert detail in body


@pytest.mark.django_db
def test_a_need_to_know_case_manager_sees_only_steps_of_assigned_persons(
    world: World, login: Any
) -> None:
    from teilhabe.core.models import Membership

    overdue_steps(world, 1, prefix="Nicht zugewiesen")
    with scopes_disabled():
        mine = f.CaseFactory(
            person=f.PersonFactory(owner=world.a.tm_office, assigned_to=world.users["cm_a"])
        )
        StepFactory(goal=GoalFactory(case=mine), title="Zugewiesen", due_on=days_ago(3))
    Membership.objects.filter(user=world.users["cm_a"]).update(assigned_only=True)
    body = login("cm_a").get(home(world)).content.decode()
    assert "Zugewiesen" in body and "Nicht zugewiesen" not in body


@pytest.mark.django_db
def test_a_follow_up_marked_done_leaves_the_start_page(world: World, login: Any) -> None:
    with scopes_disabled():
        follow_up = FollowUp.objects.create(
            alliance=world.a.alliance, case=world.a.case, reason="other", due_on=days_ago(2)
        )
    client = login("cm_a")
    done_url = reverse(
        "people:work:followup_done", args=[world.a.alliance.slug, world.a.person.pk, follow_up.pk]
    )
    assert done_url in client.get(home(world)).content.decode()
    assert login("partner_a").post(done_url).status_code == 404
    assert client.post(done_url).status_code == 302
    with scopes_disabled():
        follow_up.refresh_from_db()
    assert follow_up.done_on == timezone.localdate()
    assert done_url not in client.get(home(world)).content.decode()
