"""The individual plan: goals, steps, status changes with and without htmx (the start page's
worklist is tested in tests/pages/test_worklist.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.models import Goal, Step
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
