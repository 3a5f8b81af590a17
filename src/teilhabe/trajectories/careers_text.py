"""German sentences for Maßnahme-Karriere findings, written for the case worker.

Kept apart from the rules so that wording can change without touching the logic, and so the
web UI can reuse the category labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from teilhabe.trajectories.careers import Participation

CATEGORY_LABELS: Final[dict[str, str]] = {
    "language_course": "Sprachkurs",
    "integration_course": "Integrationskurs",
    "vocational_orientation": "Berufsorientierung",
    "pre_vocational_training": "Einstiegsqualifizierung",
    "school_certificate_course": "Schulabschlusskurs",
    "training_support": "Ausbildungsbegleitung",
    "vocational_training": "Berufsausbildung",
    "internship": "Praktikum",
    "job_placement": "Arbeitsvermittlung",
    "mentoring": "Mentoring",
    "tutoring": "Nachhilfe",
    "housing_help": "Wohnungshilfe",
    "mobility_help": "Mobilitätshilfe",
    "counselling": "Beratung",
}

# German style writes small counts in words; larger ones stay digits.
_COUNT_WORDS: Final[dict[int, str]] = {
    2: "Zwei",
    3: "Drei",
    4: "Vier",
    5: "Fünf",
    6: "Sechs",
    7: "Sieben",
    8: "Acht",
    9: "Neun",
    10: "Zehn",
    11: "Elf",
    12: "Zwölf",
}


def count_word(count: int) -> str:
    """A sentence-initial count: a word for 2..12, digits otherwise."""
    return _COUNT_WORDS.get(count, str(count))


def category_label(category: str) -> str:
    """German label of a category; unknown (free-text) categories are shown as given."""
    return CATEGORY_LABELS.get(category, category)


def measure_label(participation: Participation) -> str:
    """E.g. "Sprachkurs A2"."""
    label = category_label(participation.category)
    return f"{label} {participation.level}" if participation.level else label


def month_year(day: date) -> str:
    # Explicit formatting: strftime pads years below 1000 differently per platform.
    return f"{day.month:02d}/{day.year:04d}"


def day_month_year(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def period(participation: Participation) -> str:
    """E.g. "(02/2024–06/2024)" or "(02/2024–laufend)"."""
    end = "laufend" if participation.end is None else month_year(participation.end)
    return f"({month_year(participation.start)}–{end})"


def describe(participation: Participation) -> str:
    """E.g. "Sprachkurs A2 (02/2024–06/2024)"."""
    return f"{measure_label(participation)} {period(participation)}"


def _listing(participations: Sequence[Participation]) -> str:
    return ", ".join(describe(p) for p in participations)


def explain_chain(participations: Sequence[Participation]) -> str:
    """MK1."""
    count = len(participations)
    head = (
        "Eine Maßnahme ohne Fortschritt"
        if count == 1
        else f"{count_word(count)} Maßnahmen in Folge ohne Fortschritt"
    )
    return f"{head}: {_listing(participations)}."


def explain_repetition(earlier: Participation, repeated: Participation) -> str:
    """MK2."""
    return (
        f"Wiederholung: {describe(repeated)} wiederholt {describe(earlier)} "
        "ohne Fortschritt dazwischen."
    )


def explain_waiting(
    gap_days: int,
    begin: date,
    end: date,
    before: Participation | None,
    after: Participation | None,
) -> str:
    """MK3. `begin`/`end` are the dates whose difference is `gap_days`."""
    days = "1 Tag" if gap_days == 1 else f"{gap_days} Tagen"
    head = f"Wartezeit von {days} ohne Maßnahme ({day_month_year(begin)}–{day_month_year(end)})"
    if before is not None and after is not None:
        tail = f" zwischen dem Ende von {describe(before)} und dem Beginn von {describe(after)}"
    elif after is not None:
        tail = f" von der Aufnahme bis zum Beginn von {describe(after)}"
    elif before is not None:
        tail = f" seit dem Ende von {describe(before)}"
    else:
        tail = " seit der Aufnahme; bisher keine Maßnahme begonnen"
    return f"{head}{tail}."


def explain_recorded_wait(gap_days: int, begin: date, end: date, category: str) -> str:
    """MK3 from a recorded wait (a waiting list), when no gap shows it."""
    days = "1 Tag" if gap_days == 1 else f"{gap_days} Tagen"
    return (
        f"Wartezeit von {days} auf einen Platz ({category_label(category)}) laut Warteliste "
        f"({day_month_year(begin)}–{day_month_year(end)})."
    )


def recorded_wait_note(begin: date, category: str) -> str:
    """Added to a gap's explanation when a recorded wait lies in it."""
    return (
        f" Laut Warteliste wartet die Person seit dem {day_month_year(begin)} auf einen "
        f"Platz ({category_label(category)})."
    )


def explain_aborts(participations: Sequence[Participation]) -> str:
    """MK4."""
    count = len(participations)
    head = "Ein Abbruch" if count == 1 else f"{count_word(count)} Abbrüche in Folge"
    return f"{head}: {_listing(participations)}."
