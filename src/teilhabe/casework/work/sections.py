"""Person-page sections of the daily casework (cases, needs, plan, contacts).

Each provider runs a fixed number of queries (see tests/work/test_query_counts.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from teilhabe.alliances.selectors import fields_of_action_for
from teilhabe.casework.models import Case, CaseStatusChange
from teilhabe.casework.work.selectors import (
    PENDING,
    current_case,
    current_needs,
    own_contacts,
    plan_goals,
)
from teilhabe.people.access import PersonAccess

CONTACTS_ON_PERSON_PAGE = 10


def cases_section(access: PersonAccess) -> dict[str, Any]:
    changes = CaseStatusChange.objects.order_by("on", "created_at")
    cases = list(
        Case.objects.filter(person=access.person)
        .select_related("organisation", "case_manager")
        .prefetch_related(Prefetch("status_changes", queryset=changes))
        .order_by("-opened_on", "-created_at")
    )
    return {
        "person": access.person,
        "cases": cases,
        "can_edit": access.is_owner,
        # Partners have no contacts section (owner only); they reach their own contacts here.
        "partner_contacts": not access.is_owner and not access.organisation.is_immigration_office,
    }


def needs_section(access: PersonAccess) -> dict[str, Any]:
    current = current_needs(access.person)
    rows = [
        {
            "field": field,
            "assessment": current.get(field.pk),
            "show_note": _note_visible(access, current.get(field.pk)),
        }
        for field in fields_of_action_for(access.principal.alliance)
    ]
    return {"person": access.person, "need_rows": rows, "can_edit": access.is_owner}


def _note_visible(access: PersonAccess, assessment: Any) -> bool:
    return assessment is not None and assessment.organisation_id == access.organisation.pk


def plan_section(access: PersonAccess) -> dict[str, Any]:
    return {
        "person": access.person,
        "goals": plan_goals(access.person),
        "today": timezone.localdate(),
        "pending": PENDING,
        "can_edit": access.is_owner,
    }


def contacts_section(access: PersonAccess) -> dict[str, Any]:
    contacts = own_contacts(access)
    shown = list(contacts[:CONTACTS_ON_PERSON_PAGE])
    total = contacts.count()  # always counted: the query count must not depend on it
    return {
        "person": access.person,
        "contacts": shown,
        "contacts_total": total,
        "more_contacts": total > len(shown),
        "has_open_case": current_case(access.person) is not None,
    }
