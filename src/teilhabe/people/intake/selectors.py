"""Reads of intake, residence status and profile: eligibility, duplicates, current status,
status follow-ups, and the objects behind the edit pages (always through access helpers)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.http import Http404

from teilhabe.casework.models import TriState
from teilhabe.core.models import Alliance
from teilhabe.core.roles import Principal
from teilhabe.people.access import PersonAccess, get_person_access, persons_for
from teilhabe.people.intake.duplicates import duplicate_needles
from teilhabe.people.models import Person, ResidenceStatusEntry

TARGET_AGE = (18, 27)
ANSWER_FIELDS = ("no_sgb_measures", "no_compulsory_schooling", "not_in_course_or_training")


# --- eligibility -------------------------------------------------------------------------


def age_on(date_of_birth: dt.date, on: dt.date) -> int:
    """Completed years on a day (a birthday on 29 February counts from 1 March)."""
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - int(before_birthday)


@dataclass(frozen=True)
class Eligibility:
    age: int | None
    answers: dict[str, str]

    @property
    def age_eligible(self) -> bool | None:
        if self.age is None:
            return None
        return TARGET_AGE[0] <= self.age <= TARGET_AGE[1]

    @property
    def priority(self) -> str:
        """The initiative's priority group: every criterion answered yes. One "no" rules it
        out; otherwise it stays open until the unknown answers are known."""
        values = [self.answers.get(f, TriState.UNKNOWN) for f in ANSWER_FIELDS]
        if TriState.NO in values:
            return TriState.NO
        return TriState.YES if all(v == TriState.YES for v in values) else TriState.UNKNOWN


def eligibility(
    *, date_of_birth: dt.date | None, intake_date: dt.date | None, answers: dict[str, str]
) -> Eligibility:
    age = None
    if date_of_birth is not None and intake_date is not None and date_of_birth <= intake_date:
        age = age_on(date_of_birth, intake_date)
    return Eligibility(age, {f: answers.get(f) or TriState.UNKNOWN for f in ANSWER_FIELDS})


# --- duplicates --------------------------------------------------------------------------


def possible_duplicates(
    *,
    alliance: Alliance,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date,
    exclude_person_id: uuid.UUID | None = None,
) -> QuerySet[Person]:
    """The matching rule of the duplicate warning: persons of the alliance with the same
    date of birth and name keys (also with given and family name swapped). Callers narrow
    it (to what a principal sees) or reduce it to organisation names."""
    needles = duplicate_needles(given_name, family_name)
    if needles is None:
        return Person.objects.none()
    qs = Person.objects.filter(
        alliance=alliance,
        date_of_birth=date_of_birth,
        merged_into__isnull=True,  # a merged record lives on in its survivor
        search_key__contains=needles[0],
    ).filter(search_key__contains=needles[1])
    if exclude_person_id is not None:
        qs = qs.exclude(pk=exclude_person_id)
    return qs


def possible_duplicate_organisations(
    *,
    alliance: Alliance,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date,
    exclude_person_id: uuid.UUID | None = None,
) -> list[str]:
    """Names of the organisations (of the whole alliance) that hold a possible duplicate.
    Only the organisation is returned: the warning must not disclose another controller's
    data."""
    qs = possible_duplicates(
        alliance=alliance,
        given_name=given_name,
        family_name=family_name,
        date_of_birth=date_of_birth,
        exclude_person_id=exclude_person_id,
    )
    return sorted(set(qs.values_list("owner__name", flat=True)))


# --- residence status --------------------------------------------------------------------


def current_entries(**lookups: Any) -> QuerySet[ResidenceStatusEntry]:
    """The current residence-status entries (one per person) matching `lookups`, e.g.
    `person=OuterRef("pk")`: each person's first entry in `STATUS_ORDER`, which the
    entries flag themselves (`core.latest`)."""
    return ResidenceStatusEntry.objects.filter(is_current=True, **lookups)


def current_status(person: Person) -> ResidenceStatusEntry | None:
    """The person's current residence status: derived from the history, never stored on
    the person."""
    return current_entries(person=person).first()


def annotate_current_status(qs: QuerySet[Person]) -> QuerySet[Any]:
    """Adds `current_status`, `current_status_until` and `current_status_entry_id` with one
    correlated subquery each, so lists can show and filter the status without N+1.
    (Typed Any: the type checker cannot know the annotated names.)"""
    latest = current_entries(person=OuterRef("pk"))
    return qs.annotate(
        current_status=Subquery(latest.values("status")[:1]),
        current_status_until=Subquery(latest.values("valid_until")[:1]),
        current_status_entry_id=Subquery(latest.values("id")[:1]),
    )


def expiry_days() -> int:
    return int(settings.TEILHABE.get("STATUS_EXPIRY_FOLLOWUP_DAYS", 42))


def expires_soon(valid_until: dt.date | None, today: dt.date, days: int) -> bool:
    return valid_until is not None and valid_until <= today + dt.timedelta(days=days)


def expiry_due_on(valid_until: dt.date, today: dt.date, days: int) -> dt.date:
    """N days before the expiry, or today when that is already past."""
    return max(valid_until - dt.timedelta(days=days), today)


# --- objects behind the edit pages -------------------------------------------------------

M = TypeVar("M", bound=Model)


def owner_access(principal: Principal, person_id: uuid.UUID) -> PersonAccess:
    """Access for a write: only the owning organisation's case managers; 404 for anyone
    else, including partners who may read the person through a consent."""
    access = get_person_access(principal, person_id)
    if not access.is_owner:
        raise Http404
    return access


def owned_entry(
    principal: Principal, model: type[M], object_id: uuid.UUID
) -> tuple[PersonAccess, M]:
    """An entry of a person's history (status entry, certificate, experience) with the
    owner's access to its person; 404 when the entry or the access is missing."""
    obj = (
        model._default_manager.filter(pk=object_id, person__in=persons_for(principal))
        .select_related("person")
        .first()
    )
    if obj is None:
        raise Http404
    return owner_access(principal, obj.person_id), obj  # type: ignore[attr-defined]
