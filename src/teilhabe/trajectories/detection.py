"""Run the Maßnahme-Karriere rules (careers.py) over stored participations.

The pure rules know nothing of the database; this module turns rows into their input and
their output into Finding rows. Reads are a few flat `values_list` queries per chunk of
persons (no per-person query), writes are one delete and one bulk insert per chunk, so a
whole alliance — or the state, alliance by alliance — is a batch job measured in seconds.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django_scopes import scopes_disabled

from teilhabe.casework.models import Case
from teilhabe.core.models import Alliance
from teilhabe.people.models import Person
from teilhabe.trajectories import careers
from teilhabe.trajectories.models import CareerRules, Finding, Participation

CHUNK = 5000
_LEVELS = frozenset(careers.LEVELS)


def rules_for(alliance: Alliance) -> careers.Rules:
    stored = CareerRules.objects.filter(alliance=alliance).first()
    if stored is None:
        return careers.Rules()
    return careers.Rules(
        chain_length=stored.chain_length,
        abort_run=stored.abort_run,
        waiting_days=stored.waiting_days,
        lookback_months=stored.lookback_months,
    )


@dataclass
class ChunkResult:
    persons: int
    flagged: int
    findings: int


def _participation(row: Sequence[object]) -> careers.Participation:
    pid, category, level, start, end, outcome, certificate, transition = row
    return careers.Participation(
        id=str(pid),
        category=str(category),
        level=level if level in _LEVELS else None,  # type: ignore[arg-type]
        start=start,  # type: ignore[arg-type]
        end=end,  # type: ignore[arg-type]
        outcome=outcome,  # type: ignore[arg-type]
        certificate=bool(certificate),
        transition=transition or None,  # type: ignore[arg-type]
    )


def inputs_for(person_ids: Sequence[uuid.UUID]) -> list[careers.PersonInput]:
    """The rules' input for these persons: two queries, whatever their history."""
    parts = Participation.objects.filter(person_id__in=person_ids)
    cases = Case.objects.filter(person_id__in=person_ids)
    return _inputs(parts, cases, person_ids)


_PART_FIELDS = (
    "person_id",
    "id",
    "category",
    "level_reached",
    "start",
    "end",
    "outcome",
    "certificate",
    "transition",
)


def _inputs(
    parts: QuerySet[Participation], cases: QuerySet[Case], person_ids: Sequence[uuid.UUID] | None
) -> list[careers.PersonInput]:
    by_person: dict[uuid.UUID, list[careers.Participation]] = defaultdict(list)
    for row in parts.values_list(*_PART_FIELDS).iterator(chunk_size=20000):
        by_person[row[0]].append(_participation(row[1:]))
    # The open case gives `case_active` and the intake (its opening date); without an
    # open case the waiting rule does not apply (the spec's case_active = false).
    intake: dict[uuid.UUID, dt.date] = {}
    active: set[uuid.UUID] = set()
    for person_id, status, opened_on in cases.values_list("person_id", "status", "opened_on"):
        if status == Case.Status.OPEN:
            active.add(person_id)
            if person_id not in intake or opened_on < intake[person_id]:
                intake[person_id] = opened_on
    # Persons with neither a participation nor an open case can have no finding.
    ids = person_ids if person_ids is not None else sorted(set(by_person) | active)
    return [
        careers.PersonInput(
            id=str(pid),
            case_active=pid in active,
            intake=intake.get(pid),
            participations=tuple(by_person.get(pid, ())),
        )
        for pid in ids
    ]


def _findings(
    alliance: Alliance,
    inputs: Iterable[careers.PersonInput],
    rules: careers.Rules,
    today: dt.date,
    run_id: uuid.UUID | None,
) -> tuple[list[Finding], int]:
    new: list[Finding] = []
    flagged = 0
    for person in inputs:
        result = careers.detect(person, rules, today)
        if result.flagged:
            flagged += 1
        for position, f in enumerate(result.findings):
            new.append(
                Finding(
                    alliance=alliance,
                    person_id=uuid.UUID(person.id),
                    run_id=run_id,
                    rule=f.rule,
                    position=position,
                    participation_ids=list(f.participations),
                    gap_days=f.gap_days,
                    explanation=f.explanation,
                    detected_on=today,
                )
            )
    return new, flagged


def detect_chunk(
    alliance: Alliance,
    person_ids: Sequence[uuid.UUID],
    rules: careers.Rules,
    today: dt.date,
    run_id: uuid.UUID | None = None,
) -> ChunkResult:
    """Replace the findings of these persons by freshly detected ones (one transaction)."""
    new, flagged = _findings(alliance, inputs_for(person_ids), rules, today, run_id)
    with transaction.atomic():
        Finding.objects.filter(alliance=alliance, person_id__in=person_ids).delete()
        Finding.objects.bulk_create(new, batch_size=2000)
    return ChunkResult(len(person_ids), flagged, len(new))


def detect_alliance(
    alliance: Alliance,
    today: dt.date,
    *,
    run_id: uuid.UUID | None = None,
    progress: Callable[[int], None] | None = None,
) -> ChunkResult:
    """All persons of the alliance: two reads of the whole alliance (no IN list), the pure
    rules, then one transaction that replaces the alliance's findings."""
    with scopes_disabled():
        rules = rules_for(alliance)
        persons = Person.objects.filter(alliance=alliance).count()
        inputs = _inputs(
            Participation.objects.filter(alliance=alliance),
            Case.objects.filter(alliance=alliance),
            None,
        )
        new: list[Finding] = []
        flagged = 0
        for start in range(0, len(inputs), CHUNK):
            part, part_flagged = _findings(
                alliance, inputs[start : start + CHUNK], rules, today, run_id
            )
            new.extend(part)
            flagged += part_flagged
            if progress is not None:
                progress(round(persons * min(1.0, (start + CHUNK) / max(len(inputs), 1)) * 0.9))
        with transaction.atomic():
            Finding.objects.filter(alliance=alliance).delete()
            Finding.objects.bulk_create(new, batch_size=5000)
        if progress is not None:
            progress(persons)
    return ChunkResult(persons, flagged, len(new))
