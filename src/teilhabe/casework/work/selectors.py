"""Reads of the daily casework: needs, plan, contacts, the start page and list filters.

Every function either takes a PersonAccess (already checked) or a queryset that came from
the access helpers, and runs a fixed number of queries whatever the size of the history.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

from django.db.models import (
    Count,
    F,
    Field,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import RowNumber

from teilhabe.alliances.models import FieldOfAction
from teilhabe.alliances.selectors import fields_of_action_for
from teilhabe.casework.models import Case, Contact, FollowUp, Goal, NeedAssessment, Step
from teilhabe.casework.models.needs import LATEST_FIRST
from teilhabe.casework.models.plans import PlanStatus
from teilhabe.people.access import PersonAccess
from teilhabe.people.models import Person

# A step still to be done; "done" and "dropped" are finished.
PENDING = (PlanStatus.OPEN, PlanStatus.IN_PROGRESS)


# --- cases --------------------------------------------------------------------------------


def person_case(access: PersonAccess, case_id: uuid.UUID) -> Case:
    """A case of the accessible person, or 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Case.objects.select_related("person"), pk=case_id, person=access.person
    )


# --- needs --------------------------------------------------------------------------------


def current_needs(person: Person) -> dict[uuid.UUID, NeedAssessment]:
    """The latest assessment per field of action over all the person's cases (one query:
    the first row per field when ranked by date, creation instant and id).

    A window rank instead of a "no newer row exists" subquery: the planner of SQLite (and
    of PostgreSQL on skewed data) ran that subquery per row over a whole field of action of
    the alliance — 96 ms of a 130 ms person page."""
    rank = Window(
        RowNumber(),
        partition_by=[F("field_of_action_id")],
        order_by=list(LATEST_FIRST),
    )
    rows = (
        NeedAssessment.objects.filter(case__person_id=person.pk)
        .annotate(rank=rank)
        .filter(rank=1)
        .select_related("organisation")
    )
    return {row.field_of_action_id: row for row in rows}


NEED_COLUMNS = ("id", "level", "assessed_on", "note", "organisation_id", "case_id", "created_at")
_NEED_FIELDS = {
    c: cast(Field, NeedAssessment._meta.get_field(c.removesuffix("_id") or c)) for c in NEED_COLUMNS
}


def needs_by_field(
    alliance: Any, case_ids: list[uuid.UUID]
) -> list[tuple[FieldOfAction, NeedAssessment | None]]:
    """Every field of action of the alliance with the latest assessment of it over the
    given cases (the person page: one query). The assessment rides along as correlated
    subqueries on the (case, field, date) index, one per column shown."""
    latest = NeedAssessment.objects.filter(
        case_id__in=case_ids, field_of_action_id=OuterRef("pk")
    ).order_by(*LATEST_FIRST)
    fields = fields_of_action_for(alliance).annotate(
        **{f"need_{c}": Subquery(latest.values(c)[:1]) for c in NEED_COLUMNS}
    )
    rows: list[tuple[FieldOfAction, NeedAssessment | None]] = []
    for field in fields:
        # to_python: SQLite hands subquery ids back as hex text, not UUIDs.
        values = {c: _NEED_FIELDS[c].to_python(getattr(field, f"need_{c}")) for c in NEED_COLUMNS}
        assessment = None
        if values["id"] is not None:
            assessment = NeedAssessment(
                alliance_id=field.alliance_id or alliance.pk, field_of_action=field, **values
            )
        rows.append((field, assessment))
    return rows


def need_history(person: Person) -> QuerySet[NeedAssessment]:
    return (
        NeedAssessment.objects.filter(case__person_id=person.pk)
        .select_related("field_of_action", "organisation", "assessed_by")
        .order_by("-assessed_on", "-created_at", "field_of_action__position")
    )


# --- plan ---------------------------------------------------------------------------------


def overdue_q(today: dt.date, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}due_on__lt": today,
            f"{prefix}status__in": PENDING,
        }
    )


def plan_goals(person: Person, latest: int | None = None) -> list[Goal]:
    """Goals of all the person's cases with their steps (two queries), oldest first; with
    `latest`, only the newest that many, each carrying `total` (a window count)."""
    steps = Step.objects.select_related("responsible").order_by("due_on", "created_at")
    goals = (
        Goal.objects.filter(case__person_id=person.pk)
        .select_related("case")
        .prefetch_related(Prefetch("steps", queryset=steps))
    )
    if latest is None:
        return list(goals.order_by("created_at"))
    newest = goals.annotate(total=Window(Count("pk"))).order_by("-created_at", "-id")[:latest]
    return list(reversed(newest))


def person_goal(access: PersonAccess, goal_id: uuid.UUID) -> Goal:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Goal.objects.select_related("case"), pk=goal_id, case__person=access.person
    )


def person_step(access: PersonAccess, step_id: uuid.UUID) -> Step:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Step.objects.select_related("goal__case", "responsible"),
        pk=step_id,
        goal__case__person=access.person,
    )


# --- contacts -----------------------------------------------------------------------------


def own_contacts(access: PersonAccess) -> QuerySet[Contact]:
    """Contacts of the person recorded by the principal's own organisation, newest first.
    Another organisation's contacts (and so their notes) never leave this filter."""
    from teilhabe.alliances.models import FieldOfAction

    return (
        Contact.objects.filter(case__person_id=access.person.pk, organisation=access.organisation)
        .select_related("author")
        .prefetch_related(
            Prefetch("topics", queryset=FieldOfAction.objects.order_by("position", "name"))
        )
        .order_by("-on", "-created_at", "-id")
    )


# --- follow-ups ---------------------------------------------------------------------------


def person_followup(access: PersonAccess, followup_id: uuid.UUID) -> FollowUp:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        FollowUp.objects.select_related("case"), pk=followup_id, case__person=access.person
    )
