"""Person-page sections of the daily casework (cases, needs, plan, contacts).

Each provider runs a fixed number of queries (see tests/people/test_case_page_queries.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Subquery, Window
from django.utils import timezone

from teilhabe.alliances.models import FieldOfAction
from teilhabe.alliances.selectors import fields_of_action_for
from teilhabe.casework.cases import NEWEST_FIRST, first_open
from teilhabe.casework.models import Case, CaseStatusChange, ContactTopicLink
from teilhabe.casework.outcomes import current_outcome
from teilhabe.casework.work.selectors import (
    PENDING,
    needs_by_field,
    own_contacts,
    plan_goals,
)
from teilhabe.core.aggregates import GroupConcat, parse_ids
from teilhabe.people.access import PersonAccess

CONTACTS_ON_PERSON_PAGE = 10
GOALS_ON_PERSON_PAGE = 10


def person_cases(access: PersonAccess) -> list[Case]:
    """The person's cases, newest first (memoised: contacts and matching ask for the open
    one, which needs no query of its own)."""
    changes = CaseStatusChange.objects.order_by("on", "created_at")
    return access.once(
        "cases",
        lambda: list(
            Case.objects.filter(person=access.person)
            .select_related("organisation", "case_manager", "exit_outcome")
            .prefetch_related(Prefetch("status_changes", queryset=changes))
            .order_by(*NEWEST_FIRST)
        ),
    )


def open_case(access: PersonAccess) -> Case | None:
    """The person's open case (`casework.cases`), from the memoised cases: no query."""
    return first_open(person_cases(access))


def cases_section(access: PersonAccess) -> dict[str, Any]:
    cases = person_cases(access)
    return {
        "person": access.person,
        "cases": cases,
        "case_rows": [(case, current_outcome(case)) for case in cases],
        "can_edit": access.is_owner,
        # Partners have no contacts section (owner only); they reach their own contacts here.
        "partner_contacts": not access.is_owner and not access.organisation.is_immigration_office,
    }


def needs_section(access: PersonAccess) -> dict[str, Any]:
    case_ids = [c.pk for c in person_cases(access)]
    needs = needs_by_field(access.principal.alliance, case_ids)
    access.memo.setdefault("fields_by_id", {field.pk: field for field, _ in needs})
    rows = [
        {
            "field": field,
            "assessment": assessment,
            "show_note": _note_visible(access, assessment),
        }
        for field, assessment in needs
    ]
    return {"person": access.person, "need_rows": rows, "can_edit": access.is_owner}


def _note_visible(access: PersonAccess, assessment: Any) -> bool:
    return assessment is not None and assessment.organisation_id == access.organisation.pk


def plan_section(access: PersonAccess) -> dict[str, Any]:
    goals = plan_goals(access.person, latest=GOALS_ON_PERSON_PAGE)
    return {
        "person": access.person,
        "goals": goals,
        "goals_total": goals[0].total if goals else 0,  # type: ignore[attr-defined]
        "today": timezone.localdate(),
        "pending": PENDING,
        "can_edit": access.is_owner,
    }


def fields_by_id(access: PersonAccess) -> dict[Any, FieldOfAction]:
    """The alliance's fields of action by id (memoised; the needs section fills it)."""
    return access.once(
        "fields_by_id", lambda: {f.pk: f for f in fields_of_action_for(access.principal.alliance)}
    )


def contacts_section(access: PersonAccess) -> dict[str, Any]:
    # One query: the total rides along as a window count, the topics as an id list.
    topic_ids = (
        ContactTopicLink.objects.filter(contact_id=OuterRef("pk"))
        .values("contact_id")
        .annotate(ids=GroupConcat("field_of_action_id"))
        .values("ids")
    )
    shown = list(
        own_contacts(access)
        .prefetch_related(None)
        .annotate(total=Window(Count("pk")), topic_ids=Subquery(topic_ids))[
            :CONTACTS_ON_PERSON_PAGE
        ]
    )
    total = shown[0].total if shown else 0  # type: ignore[attr-defined]
    fields = fields_by_id(access) if any(c.topic_ids for c in shown) else {}  # type: ignore[attr-defined]
    for contact in shown:
        topics = sorted(
            (fields[i] for i in parse_ids(contact.topic_ids) if i in fields),  # type: ignore[attr-defined]
            key=lambda f: (f.position, f.name),
        )
        contact._topic_labels = [str(f.label) for f in topics]  # type: ignore[attr-defined]
    return {
        "person": access.person,
        "contacts": shown,
        "contacts_total": total,
        "more_contacts": total > len(shown),
        "has_open_case": open_case(access) is not None,
    }
