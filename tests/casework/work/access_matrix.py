"""Matrix rows for the daily casework (people:work:*)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_scopes import scopes_disabled

from teilhabe.casework.models import FollowUp
from tests.casework.work.factories import GoalFactory, StepFactory
from tests.conftest import World
from tests.matrix import CASE_MANAGER_A, MEMBERS_A, PERSON_A, row

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
    "people:work:exit_outcome": CASE_MANAGER_A,
    # Own reminders: the owner's case managers; the bulk form is POST only (405 on GET for
    # every member; the persons are checked on POST).
    "people:work:reminder_create": CASE_MANAGER_A,
    "people:work:reminders_bulk": {p: 405 if s == 200 else s for p, s in MEMBERS_A.items()},
    # The calendar page: every case manager of the alliance, for their own feed.
    "people:work:calendar_feed": row(404, anon=302, cm_a=200, cm_a_jmd=200),
    # The feed itself needs no login: an unknown secret is 404 for everyone.
    "calendar_feed_ics": row(404),
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
