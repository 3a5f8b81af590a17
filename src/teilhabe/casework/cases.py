"""The open case of a person: the one rule for which case new plan entries, assessments,
contacts, status follow-ups and referrals are recorded on — the most recently opened of
the person's open cases (ties: the later created)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from teilhabe.casework.models import Case
from teilhabe.people.models import Person

NEWEST_FIRST = ("-opened_on", "-created_at")


def open_cases(**filters: Any) -> QuerySet[Case]:
    """Open cases matching `filters`, newest first."""
    return Case.objects.filter(status=Case.Status.OPEN, **filters).order_by(*NEWEST_FIRST)


def open_case(person: Person) -> Case | None:
    return open_cases(person=person).first()


def first_open(cases_newest_first: Iterable[Case]) -> Case | None:
    """The open case among cases already read in NEWEST_FIRST order (no query)."""
    return next((c for c in cases_newest_first if c.status == Case.Status.OPEN), None)


def open_case_by_person(person_ids: Iterable[Any], *related: str) -> dict[Any, Case]:
    """The open case of each of many persons, in one query."""
    found: dict[Any, Case] = {}
    rows = open_cases(person_id__in=list(person_ids)).select_related(*related)
    for case in rows.order_by("person_id", *NEWEST_FIRST):
        found.setdefault(case.person_id, case)
    return found
