"""Matrix rows for the daily casework (people:work:*)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_scopes import scopes_disabled

from teilhabe.casework.models import FollowUp
from tests.casework.work.factories import GoalFactory, StepFactory
from tests.conftest import World
from tests.matrix import CASE_MANAGER_A, PERSON_A

EXPECTED: dict[str, dict[str, int]] = {
    # Everyone who has person A: the owner, and the Jobcenter A through the consent
    # (which then sees only the categories it covers).
    "people:participations:trajectory": PERSON_A,
    # Own counselling contacts: the owner and partners that have the person by consent.
    "people:work:contacts": PERSON_A,
    "people:work:contact_create": PERSON_A,
    # Needs and plan: the consent of person A does not cover them, so only the owner.
    "people:work:needs_history": CASE_MANAGER_A,
    "people:work:plan": CASE_MANAGER_A,
    # Writes: the owning organisation's case managers.
    "people:work:needs_assess": CASE_MANAGER_A,
    "people:work:goal_create": CASE_MANAGER_A,
    "people:work:goal_edit": CASE_MANAGER_A,
    "people:work:step_create": CASE_MANAGER_A,
    "people:work:step_edit": CASE_MANAGER_A,
    "people:work:step_status": CASE_MANAGER_A,
    "people:work:case_close": CASE_MANAGER_A,
    "people:work:case_reopen": CASE_MANAGER_A,
    "people:work:followup_done": CASE_MANAGER_A,
}


def url_kwargs(world: World) -> dict[str, Any]:
    with scopes_disabled():
        step = StepFactory(goal=GoalFactory(case=world.a.case))
        follow_up = FollowUp.objects.create(
            alliance=world.a.alliance, case=world.a.case, reason="other", due_on=dt.date(2026, 3, 1)
        )
    return {
        "goal_id": step.goal_id,
        "step_id": step.pk,
        "work_case_id": world.a.case.pk,
        "work_followup_id": follow_up.pk,
    }
