"""Demo step of the waiting lists (issue #17): in every alliance the first language course
of the catalogue (by title) is full and has a queue: persons with an open case waiting
since different days, some with a priority note, and three earlier waits that ended in a
place (linked to participations in the course), so offer quality shows a waiting time.

Deterministic: ids are UUID5 of the offer and the person, rows inserted with
bulk_create(ignore_conflicts=True), so a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from teilhabe.casework.models import Case
from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import TODAY
from teilhabe.offers.models import Category, Offer, WaitingListEntry
from teilhabe.trajectories.models import Participation

NAMESPACE = uuid.UUID("3f0c9a57-1d2e-4b8a-a6c4-5e7d9b0f2a31")
WAITING = 6
ALLOCATED = 3
NOTES = ("Ausbildungsbeginn im August", "", "Schulpflicht endet im Sommer", "", "", "")


def _id(offer: Offer, person_id: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{offer.pk}:{person_id}")


def extend_alliance(
    *, alliance: Alliance, organisations: dict[str, Organisation], rng: random.Random, profile: str
) -> None:
    course = (
        Offer.objects.filter(alliance=alliance, category=Category.LANGUAGE_COURSE, is_active=True)
        .exclude(places=None)
        .order_by("title", "id")
        .first()
    )
    if course is None:
        return
    # The course is full: the queue waits for a place that a cancellation frees.
    Offer.objects.filter(pk=course.pk).update(free_places=0)
    rows: list[WaitingListEntry] = []
    earlier = (
        Participation.objects.filter(offer=course)
        .order_by("start", "id")
        .values_list("id", "person_id", "person__owner_id", "start")[:ALLOCATED]
    )
    for position, (pid, person_id, owner_id, start) in enumerate(earlier, start=1):
        rows.append(
            WaitingListEntry(
                id=_id(course, person_id),
                alliance=alliance,
                offer=course,
                person_id=person_id,
                since=start - dt.timedelta(days=rng.randint(30, 120)),
                position=position,
                status=WaitingListEntry.Status.ALLOCATED,
                closed_on=start,
                participation_id=pid,
                added_by_organisation_id=owner_id,
            )
        )
    taken = {row.person_id for row in rows}
    waiting = (
        Case.objects.filter(alliance=alliance, status=Case.Status.OPEN)
        .exclude(person_id__in=Participation.objects.filter(offer=course).values("person_id"))
        .order_by("id")
        .values_list("person_id", "organisation_id")
    )
    chosen = [(p, o) for p, o in waiting[: WAITING + ALLOCATED] if p not in taken][:WAITING]
    for n, (person_id, owner_id) in enumerate(chosen):
        rows.append(
            WaitingListEntry(
                id=_id(course, person_id),
                alliance=alliance,
                offer=course,
                person_id=person_id,
                since=TODAY - dt.timedelta(days=200 - 30 * n + rng.randint(0, 9)),
                priority_note=NOTES[n % len(NOTES)],
                position=ALLOCATED + 1 + n,
                added_by_organisation_id=owner_id,
            )
        )
    WaitingListEntry.objects.bulk_create(rows, ignore_conflicts=True)
