"""The person page's section "Wiedervorlagen und Termine" (owner only): the open own
reminders and appointments of the person (one query); the form to add one is loaded when
its fold is opened (`reminder_views.reminder_create`)."""

from __future__ import annotations

from typing import Any

from teilhabe.casework.cases import first_open
from teilhabe.casework.work.reminders import open_reminders
from teilhabe.casework.work.sections import person_cases
from teilhabe.people.access import PersonAccess


def reminders_section(access: PersonAccess) -> dict[str, Any]:
    reminders = list(
        open_reminders([access.person.pk]).select_related("assigned_to").order_by("due_on", "time")
    )
    has_open_case = first_open(person_cases(access)) is not None  # memoised by "cases"
    return {
        "person": access.person,
        "reminders": reminders,
        "has_open_case": has_open_case,
    }
