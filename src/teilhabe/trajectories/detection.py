"""Run the Maßnahme-Karriere rules (careers.py) over stored participations.

The pure rules know nothing of the database; this module turns rows into their input and
their output into Finding rows. Reads are a few flat `values_list` queries per chunk of
persons (no per-person query), writes are one delete and one bulk insert per chunk, so a
whole alliance — or the state, alliance by alliance — is a batch job measured in seconds.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.models import Case
from teilhabe.core.models import Alliance
from teilhabe.offers.models import WaitingListEntry
from teilhabe.people.models import Person
from teilhabe.trajectories import careers
from teilhabe.trajectories.fingerprints import fingerprint
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
        id=pid,  # type: ignore[arg-type]
        category=category,  # type: ignore[arg-type]
        level=level if level in _LEVELS else None,  # type: ignore[arg-type]
        start=start,  # type: ignore[arg-type]
        end=end,  # type: ignore[arg-type]
        outcome=outcome,  # type: ignore[arg-type]
        certificate=bool(certificate),
        transition=transition or None,  # type: ignore[arg-type]
    )


def inputs_for(person_ids: Sequence[uuid.UUID]) -> list[careers.PersonInput]:
    """The rules' input for these persons: two queries, whatever their history."""
    parts = Participation.objects.filter(person_id__in=person_ids).values_list(*_PART_FIELDS)
    cases = Case.objects.filter(person_id__in=person_ids, status=Case.Status.OPEN).values_list(
        "person_id", "opened_on"
    )
    return _inputs(
        ((str(r[0]), str(r[1]), *r[2:]) for r in parts),
        ((str(pid), opened) for pid, opened in cases),
        [str(pid) for pid in person_ids],
        _waits(WaitingListEntry.objects.filter(person_id__in=person_ids)),
    )


def _waits(entries: QuerySet[WaitingListEntry]) -> dict[str, list[careers.Wait]]:
    """The recorded waits (waiting-list entries) per person id, one query."""
    out: dict[str, list[careers.Wait]] = defaultdict(list)
    rows = entries.values_list("person_id", "offer__category", "since", "closed_on")
    for person_id, category, since, closed_on in rows:
        out[str(person_id)].append(careers.Wait(category, since, closed_on))
    return out


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


def _alliance_rows(alliance: Alliance) -> tuple[Iterable[tuple], Iterable[tuple]]:
    """All participations and open cases of an alliance as plain tuples with text ids.

    Raw SQL because this is the hot path of the statewide batch: the ORM would build a
    UUID object and run converters for every one of ~200,000 rows only for us to turn
    them back into text. SQLite stores UUIDs as 32 hex digits and dates as ISO text.
    """
    part_table = connection.ops.quote_name(Participation._meta.db_table)
    case_table = connection.ops.quote_name(Case._meta.db_table)
    end = connection.ops.quote_name("end")
    postgres = connection.vendor == "postgresql"
    text = "::text" if postgres else ""
    # Only identifiers from the model's meta are interpolated; values are parameters.
    columns = f"person_id{text}, id{text}, category, level_reached, start, {end}, outcome"
    parts_sql = (  # nosec B608
        f"SELECT {columns}, certificate, transition FROM {part_table} "  # noqa: S608
        "WHERE alliance_id = %s"
    )
    cases_sql = (  # nosec B608
        f"SELECT person_id{text}, opened_on FROM {case_table} "  # noqa: S608
        "WHERE alliance_id = %s AND status = %s"
    )
    key = alliance.pk if postgres else alliance.pk.hex
    with connection.cursor() as cursor:
        cursor.execute(parts_sql, [key])
        parts = cursor.fetchall()
        cursor.execute(cases_sql, [key, Case.Status.OPEN])
        cases = cursor.fetchall()
    if postgres:
        return parts, cases
    day = _day
    return (
        (
            _dashed(r[0]),
            _dashed(r[1]),
            r[2],
            r[3],
            day(r[4]),
            day(r[5]) if r[5] else None,
            r[6],
            bool(r[7]),
            r[8],
        )
        for r in parts
    ), ((_dashed(pid), day(opened)) for pid, opened in cases)


def _day(value: dt.date | str) -> dt.date:
    # Django's SQLite backend parses declared date columns itself; plain text otherwise.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _dashed(hex_id: str) -> str:
    return str(uuid.UUID(hex_id))


def _inputs(
    parts: Iterable[tuple],
    cases: Iterable[tuple],
    person_ids: Sequence[str] | None,
    waits: dict[str, list[careers.Wait]],
) -> list[careers.PersonInput]:
    by_person: dict[str, list[careers.Participation]] = defaultdict(list)
    for row in parts:
        by_person[row[0]].append(_participation(row[1:]))
    # The open case gives `case_active` and the intake (its opening date); without an
    # open case the waiting rule does not apply (the spec's case_active = false).
    intake: dict[str, dt.date] = {}
    for person_id, opened_on in cases:
        if person_id not in intake or opened_on < intake[person_id]:
            intake[person_id] = opened_on
    # Persons with neither a participation nor an open case can have no finding.
    ids = person_ids if person_ids is not None else sorted(set(by_person) | set(intake))
    return [
        careers.PersonInput(
            id=pid,
            case_active=pid in intake,
            intake=intake.get(pid),
            participations=tuple(by_person.get(pid, ())),
            waits=tuple(waits.get(pid, ())),
        )
        for pid in ids
    ]


# One finding as stored: (person id, rule, position, participation ids, gap days, text,
# fingerprint).
Row = tuple[str, str, int, list[str], int | None, str, str]


def _findings(
    inputs: Iterable[careers.PersonInput], rules: careers.Rules, today: dt.date
) -> tuple[list[Row], int]:
    new: list[Row] = []
    flagged = 0
    for person in inputs:
        result = careers.detect(person, rules, today)
        if result.flagged:
            flagged += 1
        for position, f in enumerate(result.findings):
            key = fingerprint(person.id, f.rule, f.participations, f.gap_start)
            new.append(
                (
                    person.id,
                    f.rule,
                    position,
                    list(f.participations),
                    f.gap_days,
                    f.explanation,
                    key,
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
    new, flagged = _findings(inputs_for(person_ids), rules, today)
    with transaction.atomic():
        Finding.objects.filter(alliance=alliance, person_id__in=person_ids).delete()
        _store(alliance, run_id, today, new)
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
        parts, cases = _alliance_rows(alliance)
        waits = _waits(WaitingListEntry.objects.filter(alliance=alliance))
        inputs = _inputs(parts, cases, None, waits)
        new: list[Row] = []
        flagged = 0
        for start in range(0, len(inputs), CHUNK):
            part, part_flagged = _findings(inputs[start : start + CHUNK], rules, today)
            new.extend(part)
            flagged += part_flagged
            if progress is not None:
                progress(round(persons * min(1.0, (start + CHUNK) / max(len(inputs), 1)) * 0.9))
        with transaction.atomic():
            Finding.objects.filter(alliance=alliance).delete()
            _store(alliance, run_id, today, new)
        if progress is not None:
            progress(persons)
    return ChunkResult(persons, flagged, len(new))


_COPY_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "alliance_id",
    "person_id",
    "run_id",
    "rule",
    "position",
    "participation_ids",
    "gap_days",
    "explanation",
    "detected_on",
    "fingerprint",
)


def _store(alliance: Alliance, run_id: uuid.UUID | None, today: dt.date, rows: list[Row]) -> None:
    """Insert findings; on PostgreSQL through COPY, several times faster than INSERT for
    the tens of thousands of rows of a statewide run."""
    if connection.vendor != "postgresql" or not rows:
        Finding.objects.bulk_create(
            [
                Finding(
                    alliance=alliance,
                    person_id=uuid.UUID(person_id),
                    run_id=run_id,
                    rule=rule,
                    position=position,
                    participation_ids=ids,
                    gap_days=gap_days,
                    explanation=text,
                    detected_on=today,
                    fingerprint=key,
                )
                for person_id, rule, position, ids, gap_days, text, key in rows
            ],
            batch_size=5000,
        )
        return
    now = timezone.now()
    table = connection.ops.quote_name(Finding._meta.db_table)
    statement = f"COPY {table} ({', '.join(_COPY_COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for person_id, rule, position, ids, gap_days, text, key in rows:
            copy.write_row(
                (
                    uuid.uuid4(),
                    now,
                    now,
                    alliance.pk,
                    person_id,
                    run_id,
                    rule,
                    position,
                    json.dumps(ids),
                    gap_days,
                    text,
                    today,
                    key,
                )
            )
