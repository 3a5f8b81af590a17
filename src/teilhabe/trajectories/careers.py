"""Maßnahme-Karrieren: the early-warning rules MK1–MK4 (specification v1).

Pure functions without Django, so the same code runs in batch over exported JSON (the
``careers_check`` command) and inside the web application.
"""

from __future__ import annotations

import calendar
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Final, Literal, TypeVar

from teilhabe.trajectories.careers_text import (
    CATEGORY_LABELS,
    explain_aborts,
    explain_chain,
    explain_recorded_wait,
    explain_repetition,
    explain_waiting,
    recorded_wait_note,
)

__all__ = [
    "CATEGORY_LABELS",
    "LEVELS",
    "Finding",
    "InputError",
    "Level",
    "Outcome",
    "Participation",
    "PersonInput",
    "PersonResult",
    "RuleName",
    "Rules",
    "Transition",
    "Wait",
    "detect",
    "lookback_start",
    "order_key",
    "parse_input",
    "progress_ids",
    "run",
]

Outcome = Literal["ongoing", "completed", "aborted"]
Transition = Literal["vocational_training", "employment", "school", "higher_education"]
Level = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
RuleName = Literal["MK1", "MK2", "MK3", "MK4"]

LEVELS: Final[tuple[Level, ...]] = ("A1", "A2", "B1", "B2", "C1", "C2")
_LEVEL_RANK: Final[dict[str, int]] = {level: rank for rank, level in enumerate(LEVELS)}
_OUTCOMES: Final[dict[str, Outcome]] = {
    "ongoing": "ongoing",
    "completed": "completed",
    "aborted": "aborted",
}
_TRANSITIONS: Final[dict[str, Transition]] = {
    "vocational_training": "vocational_training",
    "employment": "employment",
    "school": "school",
    "higher_education": "higher_education",
}
_LEVEL_CHOICES: Final[dict[str, Level]] = {level: level for level in LEVELS}


@dataclass(frozen=True)
class Rules:
    chain_length: int = 3
    abort_run: int = 2
    waiting_days: int = 183
    lookback_months: int = 36


_RULE_KEYS: Final[tuple[str, ...]] = (
    "chain_length",
    "abort_run",
    "waiting_days",
    "lookback_months",
)


@dataclass(frozen=True)
class Participation:
    id: str
    category: str
    level: Level | None
    start: date
    end: date | None  # None exactly while ongoing (enforced by parse_input)
    outcome: Outcome
    certificate: bool
    transition: Transition | None

    @property
    def ended(self) -> bool:
        return self.outcome != "ongoing"


@dataclass(frozen=True)
class Wait:
    """A recorded wait for a place (a waiting-list entry): not part of the spec's JSON input,
    the web application adds it so the waiting rule uses the wait as recorded."""

    category: str
    since: date
    until: date | None  # None while still waiting


@dataclass(frozen=True)
class PersonInput:
    id: str
    case_active: bool
    intake: date | None
    participations: tuple[Participation, ...]
    waits: tuple[Wait, ...] = ()


@dataclass(frozen=True)
class Finding:
    rule: RuleName
    participations: tuple[str, ...]
    gap_days: int | None  # only MK3
    explanation: str
    # MK3: the first day of the gap; with the neighbours it identifies the gap over time
    # (its end moves with today while it is open). Not part of the spec's output.
    gap_start: date | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"rule": self.rule, "participations": list(self.participations)}
        if self.gap_days is not None:
            out["gap_days"] = self.gap_days
        out["explanation"] = self.explanation
        return out


@dataclass(frozen=True)
class PersonResult:
    id: str
    findings: tuple[Finding, ...]
    flagged: bool = field(init=False)

    def __post_init__(self) -> None:
        # Derived, never passed in, so it cannot disagree with the findings.
        object.__setattr__(self, "flagged", bool(self.findings))

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "flagged": self.flagged,
            "findings": [f.to_dict() for f in self.findings],
        }


# --------------------------------------------------------------------------- input


class InputError(ValueError):
    """Malformed input; the message is one line naming person, participation and field."""

    def __init__(
        self,
        problem: str,
        *,
        field: str,
        person: str | None = None,
        participation: str | None = None,
    ) -> None:
        self.problem = problem
        self.field = field
        self.person = person  # display reference, e.g. '"p-001"' or 'Nr. 3'
        self.participation = participation
        parts = []
        if person is not None:
            parts.append(f"Person {person}")
        if participation is not None:
            parts.append(f"Teilnahme {participation}")
        parts.append(f'Feld "{field}"')
        # Callers print this as exactly one line, so no line breaks may survive.
        super().__init__(" ".join(f"{', '.join(parts)}: {problem}".splitlines()))


@dataclass(frozen=True)
class _Where:
    person: str | None = None
    participation: str | None = None

    def error(self, field_name: str, problem: str) -> InputError:
        return InputError(
            problem, field=field_name, person=self.person, participation=self.participation
        )


_T = TypeVar("_T")
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def _show(value: object) -> str:
    """A short, single-line rendering of an offending value (JSON escapes line breaks)."""
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 60 else text[:57] + "..."


def _required(obj: Mapping[str, object], key: str, where: _Where) -> object:
    if key not in obj:
        raise where.error(key, "fehlt")
    return obj[key]


def _text(value: object, key: str, where: _Where) -> str:
    if not isinstance(value, str) or not value.strip():
        raise where.error(key, f"muss ein nicht-leerer Text sein, ist {_show(value)}")
    return value


def _flag(value: object, key: str, where: _Where) -> bool:
    if not isinstance(value, bool):
        raise where.error(key, f"muss true oder false sein, ist {_show(value)}")
    return value


def _date(value: object, key: str, where: _Where) -> date:
    # fromisoformat alone would also accept "20240201" or week dates; the spec means YYYY-MM-DD.
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise where.error(key, f"muss ein Datum im Format JJJJ-MM-TT sein, ist {_show(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise where.error(key, f"ist kein gültiges Datum: {_show(value)}") from None


def _choice(value: object, key: str, where: _Where, choices: Mapping[str, _T]) -> _T:
    if not isinstance(value, str) or value not in choices:
        allowed = ", ".join(choices)
        raise where.error(key, f"unbekannter Wert {_show(value)}; erlaubt: {allowed}")
    return choices[value]


def _object(value: object, key: str, where: _Where) -> dict[str, object]:
    if not isinstance(value, dict):
        raise where.error(key, f"muss ein Objekt sein, ist {_show(value)}")
    return value


def _array(value: object, key: str, where: _Where) -> list[object]:
    if not isinstance(value, list):
        raise where.error(key, f"muss eine Liste sein, ist {_show(value)}")
    return value


def _parse_rules(raw: object) -> Rules:
    if raw is None:
        return Rules()
    obj = _object(raw, "rules", _Where())
    for key in obj:
        if key not in _RULE_KEYS:
            # A misspelt threshold must not silently fall back to its default.
            raise InputError(
                f"unbekannte Regel; erlaubt: {', '.join(_RULE_KEYS)}", field=f"rules.{key}"
            )
    values: dict[str, int] = {}
    for key in _RULE_KEYS:
        if key in obj:
            value = obj[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InputError(
                    f"muss eine positive ganze Zahl sein, ist {_show(value)}", field=f"rules.{key}"
                )
            values[key] = value
    return Rules(**values)


def _parse_participation(raw: object, index: int, person_ref: str) -> Participation:
    where = _Where(person=person_ref, participation=f"Nr. {index + 1}")
    obj = _object(raw, "participations", where)
    ident = _text(_required(obj, "id", where), "id", where)
    where = _Where(person=person_ref, participation=_show(ident))
    category = _text(_required(obj, "category", where), "category", where)
    level_raw = _required(obj, "level", where)
    level = None if level_raw is None else _choice(level_raw, "level", where, _LEVEL_CHOICES)
    start = _date(_required(obj, "start", where), "start", where)
    end_raw = _required(obj, "end", where)
    end = None if end_raw is None else _date(end_raw, "end", where)
    outcome = _choice(_required(obj, "outcome", where), "outcome", where, _OUTCOMES)
    certificate = _flag(_required(obj, "certificate", where), "certificate", where)
    transition_raw = _required(obj, "transition", where)
    transition = (
        None
        if transition_raw is None
        else _choice(transition_raw, "transition", where, _TRANSITIONS)
    )
    if end is not None and end < start:
        raise where.error("end", "Ende liegt vor dem Beginn")
    # "end is null while ongoing": anything else leaves lookback and coverage undefined.
    if outcome == "ongoing" and end is not None:
        raise where.error("end", 'muss bei outcome "ongoing" null sein')
    if outcome != "ongoing" and end is None:
        raise where.error("end", f'fehlt (null) bei outcome "{outcome}"')
    return Participation(
        id=ident,
        category=category,
        level=level,
        start=start,
        end=end,
        outcome=outcome,
        certificate=certificate,
        transition=transition,
    )


def _parse_person(raw: object, index: int) -> PersonInput:
    where = _Where(person=f"Nr. {index + 1}")
    obj = _object(raw, "persons", where)
    ident = _text(_required(obj, "id", where), "id", where)
    person_ref = _show(ident)
    where = _Where(person=person_ref)
    case_active = _flag(_required(obj, "case_active", where), "case_active", where)
    intake_raw = obj.get("intake")
    intake = None if intake_raw is None else _date(intake_raw, "intake", where)
    raw_parts = _array(_required(obj, "participations", where), "participations", where)
    participations: list[Participation] = []
    seen: set[str] = set()
    for part_index, raw_part in enumerate(raw_parts):
        participation = _parse_participation(raw_part, part_index, person_ref)
        if participation.id in seen:
            # Ids break ties in the order and name findings, so they must be unique.
            raise InputError(
                "doppelte Teilnahme-ID",
                field="id",
                person=person_ref,
                participation=_show(participation.id),
            )
        seen.add(participation.id)
        participations.append(participation)
    return PersonInput(
        id=ident, case_active=case_active, intake=intake, participations=tuple(participations)
    )


def parse_input(data: object) -> tuple[date, Rules, list[PersonInput]]:
    """Validate the whole input document; raise InputError on the first problem."""
    top = _Where()
    obj = _object(data, "(Dokument)", top)
    today = _date(_required(obj, "today", top), "today", top)
    rules = _parse_rules(obj.get("rules"))
    persons: list[PersonInput] = []
    seen: set[str] = set()
    for index, raw in enumerate(_array(_required(obj, "persons", top), "persons", top)):
        person = _parse_person(raw, index)
        if person.id in seen:
            raise InputError("doppelte Personen-ID", field="id", person=_show(person.id))
        seen.add(person.id)
        persons.append(person)
    return today, rules, persons


# --------------------------------------------------------------------------- rules


def order_key(p: Participation) -> tuple[date, bool, date, str]:
    """The spec's order: (start, end with null last, id)."""
    return (p.start, p.end is None, p.end or p.start, p.id)


@lru_cache(maxsize=64)  # called once per person with the same (today, months) in batches
def lookback_start(today: date, months: int) -> date:
    """today minus `months` calendar months, clamped to the month's last day (05-31 → 02-28)."""
    total = today.year * 12 + (today.month - 1) - months
    year, month0 = divmod(total, 12)
    if year < 1:
        return date.min  # a lookback beyond year 1 simply includes everything
    month = month0 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def progress_ids(participations: Iterable[Participation]) -> frozenset[str]:
    """Ids of the progress participations; rule (c) compares with *earlier* ones in order."""
    found: set[str] = set()
    best_earlier: int | None = None  # highest level among earlier completed participations
    for p in sorted(participations, key=order_key):
        if not p.ended:
            continue
        rank = None if p.level is None else _LEVEL_RANK[p.level]
        completed_higher = (
            p.outcome == "completed"
            and rank is not None
            and best_earlier is not None
            and rank > best_earlier
        )
        if p.certificate or p.transition is not None or completed_higher:
            found.add(p.id)
        if p.outcome == "completed" and rank is not None:
            best_earlier = rank if best_earlier is None else max(best_earlier, rank)
    return frozenset(found)


def _runs(
    sequence: Sequence[Participation], member: Callable[[Participation], bool]
) -> list[list[Participation]]:
    """Maximal runs of consecutive members of `sequence`."""
    runs: list[list[Participation]] = []
    current: list[Participation] = []
    for p in sequence:
        if member(p):
            current.append(p)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _repetitions(
    recent: Sequence[Participation],
    progress: frozenset[str],
    position: Mapping[str, int],
) -> list[Finding]:
    progress_positions = sorted(position[i] for i in progress)
    latest: dict[tuple[str, str | None], Participation] = {}
    pairs: list[tuple[Participation, Participation]] = []
    for p in recent:
        key = (p.category, p.level)
        q = latest.get(key)
        # Only the nearest Q matters: a progress between it and P also lies between any
        # earlier Q and P. Q itself may be progress (repeating a passed course still counts).
        if q is not None and p.id not in progress:
            after_q = bisect_right(progress_positions, position[q.id])
            blocked = (
                after_q < len(progress_positions) and progress_positions[after_q] < position[p.id]
            )
            if not blocked:
                pairs.append((q, p))
        latest[key] = p
    pairs.sort(key=lambda pair: (position[pair[0].id], position[pair[1].id]))
    return [Finding("MK2", (q.id, p.id), None, explain_repetition(q, p)) for q, p in pairs]


def _waiting(
    person: PersonInput, ordered: Sequence[Participation], rules: Rules, today: date
) -> list[Finding]:
    # Participations starting after today cover nothing of the window [origin, today].
    started = [p for p in ordered if p.start <= today]
    starts = [p.start for p in started[:1]]
    if person.intake is not None:
        starts.append(person.intake)
    if not starts or min(starts) > today:
        return []

    # Covered blocks of the union of closed day intervals; a block absorbs a participation
    # that starts on or before the day after its end, since then no day is left uncovered.
    blocks: list[tuple[list[Participation], date]] = []
    for p in started:
        end = today if p.end is None or p.end > today else p.end
        if blocks and (p.start - blocks[-1][1]).days <= 1:
            members, block_end = blocks[-1]
            members.append(p)
            blocks[-1] = (members, max(block_end, end))
        else:
            blocks.append(([p], end))

    # Gaps as (begin, end, left participation, right participation).
    gaps: list[tuple[date, date, Participation | None, Participation | None]] = []
    if not blocks:
        assert person.intake is not None  # guaranteed by the `starts` check above
        gaps.append((person.intake, today, None, None))
    else:
        if person.intake is not None and person.intake < blocks[0][0][0].start:
            gaps.append((person.intake, blocks[0][0][0].start, None, blocks[0][0][0]))
        for (members, block_end), (next_members, _) in pairwise(blocks):
            gaps.append((block_end, next_members[0].start, _left_side(members), next_members[0]))
        last_members, last_end = blocks[-1]
        if last_end < today:
            gaps.append((last_end, today, _left_side(last_members), None))

    cutoff = lookback_start(today, rules.lookback_months)
    findings = []
    for begin, end, left, right in gaps:
        days = (end - begin).days
        if days >= rules.waiting_days and end >= cutoff:
            ids = tuple(p.id for p in (left, right) if p is not None)
            findings.append(
                Finding("MK3", ids, days, explain_waiting(days, begin, end, left, right), begin)
            )
    return _with_recorded_waits(findings, person.waits, rules, today, cutoff)


def _overlaps(finding: Finding, begin: date, end: date) -> bool:
    start = finding.gap_start
    if start is None:
        return False
    return start <= end and begin <= start + timedelta(days=finding.gap_days or 0)


def _with_recorded_waits(
    findings: list[Finding], waits: Sequence[Wait], rules: Rules, today: date, cutoff: date
) -> list[Finding]:
    """The recorded waits: a wait inside a flagged gap is named in its explanation; a wait
    as long as the threshold that no flagged gap shows (the person had some other measure
    meanwhile) is a finding of its own, dated from the day the wait began."""
    out = list(findings)
    for wait in sorted(waits, key=lambda w: (w.since, w.category)):
        end = min(wait.until or today, today)
        if wait.since > today:
            continue
        covering = next((i for i, f in enumerate(out) if _overlaps(f, wait.since, end)), None)
        if covering is not None:
            f = out[covering]
            note = recorded_wait_note(wait.since, wait.category)
            out[covering] = replace(f, explanation=f.explanation + note)
            continue
        days = (end - wait.since).days
        if days >= rules.waiting_days and end >= cutoff:
            text = explain_recorded_wait(days, wait.since, end, wait.category)
            out.append(Finding("MK3", (), days, text, wait.since))
    return sorted(out, key=lambda f: f.gap_start or date.min)


def _left_side(members: Sequence[Participation]) -> Participation:
    """Latest end in the block; ties go to the later one in order (members are in order)."""
    best = members[0]
    for p in members[1:]:
        if (p.end or p.start) >= (best.end or best.start):
            best = p
    return best


def detect(person: PersonInput, rules: Rules, today: date) -> PersonResult:
    """All findings for one person, ordered by rule, then by position or gap begin."""
    ordered = sorted(person.participations, key=order_key)
    position = {p.id: index for index, p in enumerate(ordered)}
    progress = progress_ids(ordered)
    cutoff = lookback_start(today, rules.lookback_months)
    # Runs and repetitions look only at ended participations within the lookback;
    # ongoing ones are simply absent, so they neither break nor join a run.
    recent = [p for p in ordered if p.end is not None and p.ended and p.end >= cutoff]

    chains = [
        Finding("MK1", tuple(p.id for p in chain), None, explain_chain(chain))
        for chain in _runs(recent, lambda p: p.id not in progress)
        if len(chain) >= rules.chain_length
    ]
    repetitions = _repetitions(recent, progress, position)
    waiting = _waiting(person, ordered, rules, today) if person.case_active else []
    aborts = [
        Finding("MK4", tuple(p.id for p in series), None, explain_aborts(series))
        for series in _runs(recent, lambda p: p.outcome == "aborted" and p.id not in progress)
        if len(series) >= rules.abort_run
    ]
    return PersonResult(person.id, (*chains, *repetitions, *waiting, *aborts))


def run(data: object) -> dict[str, object]:
    """Validate `data` (the parsed input JSON) and return the output document."""
    today, rules, persons = parse_input(data)
    return {"persons": [detect(person, rules, today).to_dict() for person in persons]}
