"""The residence paths that open a future, as data: their legal conditions and the rule
that computes the date by which something must happen, from the person's facts.

A path applies to a person by the current residence status; its deadline is the date the
path closes (the Duldung ends, the 18 months run out, the 27th birthday). The nightly job
`path_followups_create_due` puts a follow-up on the open case PATH_DEADLINE_LEAD_DAYS ahead
of it; the status section shows path and deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from teilhabe.people.models import ResidenceStatus as S


@dataclass(frozen=True)
class PathFacts:
    status: str
    valid_from: dt.date
    valid_until: dt.date | None
    date_of_birth: dt.date | None


@dataclass(frozen=True)
class Path:
    key: str
    label: Any
    # What the person must fulfil (plain text for the case manager).
    conditions: tuple[Any, ...]
    # What the deadline means ("application before …").
    deadline_label: Any
    statuses: frozenset[str]
    deadline: Callable[[PathFacts], dt.date | None]


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):  # the same day, or the month's last one
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _until(facts: PathFacts) -> dt.date | None:
    return facts.valid_until


def _opportunity_end(facts: PathFacts) -> dt.date:
    # § 104c is granted for 18 months and cannot be extended.
    return facts.valid_until or add_months(facts.valid_from, 18)


def _before_27(facts: PathFacts) -> dt.date | None:
    if facts.date_of_birth is None:
        return None
    return add_months(facts.date_of_birth, 27 * 12) - dt.timedelta(days=1)


TOLERATED = frozenset({S.TOLERATION, S.TRAINING_TOLERATION, S.EMPLOYMENT_TOLERATION, S.P104C})

PATHS: tuple[Path, ...] = (
    Path(
        "p60c",
        _("Training toleration (§ 60c AufenthG)"),
        (
            _("Qualified vocational training or assistant training leading to it"),
            _("Identity clarified within the deadlines of § 60c Abs. 7"),
            _("No conviction for an intentional offence, no expulsion order"),
            _("After the training: residence permit under § 16g for employment"),
        ),
        _("The toleration ends: apply for the follow-up permit before"),
        frozenset({S.TRAINING_TOLERATION}),
        _until,
    ),
    Path(
        "p60d",
        _("Employment toleration (§ 60d AufenthG)"),
        (
            _("At least 20 hours of employment subject to social insurance a week"),
            _("Livelihood secured by the employment for the last 12 months"),
            _("German at level A2, identity clarified"),
            _("After 30 months: residence permit under § 25b Abs. 6"),
        ),
        _("The toleration ends: apply for the follow-up permit before"),
        frozenset({S.EMPLOYMENT_TOLERATION}),
        _until,
    ),
    Path(
        "p104c",
        _("Opportunity residence (§ 104c AufenthG)"),
        (
            _("Granted once for 18 months, it cannot be extended"),
            _("By its end the conditions of § 25a or § 25b must be met:"),
            _("livelihood mainly secured, German at level A2, identity clarified"),
        ),
        _("The 18 months end: conditions of § 25a or § 25b met by"),
        frozenset({S.P104C}),
        _opportunity_end,
    ),
    Path(
        "p25a",
        _("Residence for well-integrated young people (§ 25a AufenthG)"),
        (
            _("Three years of toleration, permission to reside or residence permit"),
            _("Three years of school in Germany or a school or vocational qualification"),
            _("Positive integration prognosis, commitment to the constitution"),
            _("The application must be made before the 27th birthday"),
        ),
        _("Application before the 27th birthday, at the latest on"),
        TOLERATED,
        _before_27,
    ),
)

PATH_BY_KEY = {p.key: p for p in PATHS}


@dataclass(frozen=True)
class Deadline:
    path: Path
    on: dt.date


def deadlines(facts: PathFacts, today: dt.date) -> list[Deadline]:
    """The paths the current status opens and their deadlines not yet past, soonest first."""
    out = []
    for path in PATHS:
        if facts.status not in path.statuses:
            continue
        on = path.deadline(facts)
        if on is not None and on >= today:
            out.append(Deadline(path, on))
    return sorted(out, key=lambda d: (d.on, d.path.key))


def lead_days() -> int:
    return int(settings.TEILHABE.get("PATH_DEADLINE_LEAD_DAYS", 90))


def source(path_key: str, entry_id: object) -> str:
    return f"path:{path_key}:{entry_id}"
