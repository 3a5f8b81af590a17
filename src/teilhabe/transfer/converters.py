"""The conversion of a cell into a value the services accept (fields.py and catalogue.py
name the target fields of each kind of list and the converter of each).

A conversion failure raises CellError with a message that says what is expected and,
where a known value is close, suggests it; the value found is reported next to the message
(services.py), not inside it. Cells holding a formula (an
xlsx formula comes back as "=...", and a CSV cell starting with "=" is one for Excel) are
refused rather than evaluated or taken as text: the list must hold values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.people.countries import COUNTRIES
from teilhabe.people.models import CefrLevel, ResidenceStatus, Sex
from teilhabe.trajectories.models import LEVELS, Outcome, Transition
from teilhabe.transfer import dates
from teilhabe.transfer.errors import CellError
from teilhabe.transfer.matching import COUNTRY_VARIANTS, Vocabulary, fold
from teilhabe.transfer.parsing import MAX_CELL, Value


@dataclass(frozen=True)
class Target:
    name: str
    label: Any  # a lazy translation
    convert: Callable[[Value], Any]
    required: bool = False
    synonyms: tuple[str, ...] = ()


# --- converters --------------------------------------------------------------------------


def _refuse_formula(value: Value) -> None:
    if isinstance(value, str) and value.startswith("="):
        raise CellError(
            _(
                "The cell contains a formula. Enter values only (in Excel: copy, then "
                "paste as values)."
            )
        )


def text(max_length: int) -> Callable[[Value], str]:
    def convert(value: Value) -> str:
        if value is None:
            return ""
        if isinstance(value, (dt.date, dt.datetime)):
            raise CellError(_("Enter a text here, not a date."))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        result = str(value)
        if len(result) > min(max_length, MAX_CELL):
            raise CellError(
                _("The text is too long (at most %(n)d characters).") % {"n": max_length}
            )
        return result

    return convert


def date(value: Value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dates.parse(value)


def choice(vocabulary: Vocabulary, hint: Callable[[], str]) -> Callable[[Value], str]:
    def convert(value: Value) -> str:
        if value is None:
            return ""
        key = vocabulary.find(str(value))
        if key is None:
            raise CellError(
                with_suggestion(
                    _("Unknown value. Allowed: %(values)s.") % {"values": hint()},
                    vocabulary.suggest(str(value)),
                )
            )
        return key

    return convert


def with_suggestion(message: str, suggestion: str | None) -> str:
    if suggestion is None:
        return message
    return message + " " + _("Did you mean “%(suggestion)s”?") % {"suggestion": suggestion}


def words_of(choices: Any, extra: dict[str, str]) -> Vocabulary:
    """Keys, German labels and English labels of TextChoices, plus common short forms;
    a suggestion names the German label."""
    from django.utils import translation

    vocabulary = Vocabulary()
    for key, label in choices.choices:
        vocabulary.add(key, key)
        with translation.override("en"):
            vocabulary.add(str(label), key)
        with translation.override("de"):
            vocabulary.add(str(label), key, official=True)
    for word, key in extra.items():
        vocabulary.add(word, key)
    return vocabulary


def labels_of(choices: Any) -> str:
    return ", ".join(str(label) for _key, label in choices.choices)


SEX_WORDS = {
    "w": Sex.FEMALE,
    "weiblich": Sex.FEMALE,
    "f": Sex.FEMALE,
    "m": Sex.MALE,
    "männlich": Sex.MALE,
    "maennlich": Sex.MALE,
    "d": Sex.DIVERSE,
    "divers": Sex.DIVERSE,
    "x": Sex.UNSPECIFIED,
    "keine Angabe": Sex.UNSPECIFIED,
    "k.A.": Sex.UNSPECIFIED,
}
STATUS_WORDS = {
    "Gestattung": ResidenceStatus.GESTATTUNG,
    "Aufenthaltsgestattung": ResidenceStatus.GESTATTUNG,
    "gestattet": ResidenceStatus.GESTATTUNG,
    "55 AsylG": ResidenceStatus.GESTATTUNG,
    "Duldung": ResidenceStatus.TOLERATION,
    "geduldet": ResidenceStatus.TOLERATION,
    "60a": ResidenceStatus.TOLERATION,
    "60a AufenthG": ResidenceStatus.TOLERATION,
    "Ausbildungsduldung": ResidenceStatus.TRAINING_TOLERATION,
    "60c": ResidenceStatus.TRAINING_TOLERATION,
    "Beschäftigungsduldung": ResidenceStatus.EMPLOYMENT_TOLERATION,
    "60d": ResidenceStatus.EMPLOYMENT_TOLERATION,
    "Aufenthaltserlaubnis": ResidenceStatus.RESIDENCE_PERMIT,
    "25a": ResidenceStatus.P25A,
    "Aufenthaltserlaubnis 25a": ResidenceStatus.P25A,
    "25b": ResidenceStatus.P25B,
    "Aufenthaltserlaubnis 25b": ResidenceStatus.P25B,
    "104c": ResidenceStatus.P104C,
    "Aufenthaltserlaubnis 104c": ResidenceStatus.P104C,
    "Chancen-Aufenthaltsrecht": ResidenceStatus.P104C,
    "Niederlassungserlaubnis": ResidenceStatus.SETTLEMENT,
    "EU": ResidenceStatus.EU_OTHER,
    "unbekannt": ResidenceStatus.UNKNOWN,
}
OUTCOME_WORDS = {
    "laufend": Outcome.ONGOING,
    "beendet": Outcome.COMPLETED,
    "abgeschlossen": Outcome.COMPLETED,
    "abgebrochen": Outcome.ABORTED,
}
TRANSITION_WORDS = {
    "Ausbildung": Transition.VOCATIONAL_TRAINING,
    "Arbeit": Transition.EMPLOYMENT,
    "Beschäftigung": Transition.EMPLOYMENT,
    "Schule": Transition.SCHOOL,
    "Studium": Transition.HIGHER_EDUCATION,
}
YES_NO = {"ja": "yes", "j": "yes", "x": "yes", "1": "yes", "yes": "yes", "true": "yes",
          "wahr": "yes", "nein": "no", "n": "no", "0": "no", "no": "no", "false": "no",
          "falsch": "no"}  # fmt: skip


@cache
def _choice_of(name: str) -> Callable[[Value], str]:
    # Built once per process: the word lists translate every label into two languages.
    kinds: dict[str, tuple[Any, Any]] = {
        "sex": (Sex, SEX_WORDS),
        "residence_status": (ResidenceStatus, STATUS_WORDS),
        "outcome": (Outcome, OUTCOME_WORDS),
        "transition": (Transition, TRANSITION_WORDS),
        "language_level": (CefrLevel, {}),
    }
    choices, extra = kinds[name]
    return choice(words_of(choices, extra), lambda: labels_of(choices))


def sex(value: Value) -> str:
    return _choice_of("sex")(value)


def residence_status(value: Value) -> str:
    return _choice_of("residence_status")(value)


def outcome(value: Value) -> str:
    return _choice_of("outcome")(value)


def transition(value: Value) -> str:
    return _choice_of("transition")(value)


@cache
def _levels() -> Callable[[Value], str]:
    vocabulary = Vocabulary()
    for lvl in LEVELS:
        vocabulary.add(lvl, lvl, official=True)
    return choice(vocabulary, lambda: ", ".join(LEVELS))


def level(value: Value) -> str:
    return _levels()(value)


def yes_no(value: Value) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    word = YES_NO.get(fold(str(value)))
    if word is None:
        raise CellError(_("Enter ja or nein."))
    return word == "yes"


@cache
def countries() -> Vocabulary:
    """German and English names, ISO codes and common variants of every country."""
    vocabulary = Vocabulary()
    for code, (german, english) in COUNTRIES.items():
        vocabulary.add(english, code)
        vocabulary.add(german, code, official=True)
    for code, variants in COUNTRY_VARIANTS.items():
        if code in COUNTRIES:
            vocabulary.add_all(variants, code)
    return vocabulary


def nationality(value: Value) -> str:
    if value is None:
        return ""
    raw = str(value).strip()
    if raw.upper() in COUNTRIES:
        return raw.upper()
    code = countries().find(raw)
    if code is not None:
        return code
    raise CellError(
        with_suggestion(
            _("Unknown country. Enter the German name or the ISO code, e.g. SY."),
            countries().suggest(raw),
        )
    )


def integer(value: Value) -> int | None:
    """A whole number of 0 or more ("12", 12, 12.0); empty: None."""
    if value is None:
        return None
    if isinstance(value, (bool, dt.date, dt.datetime)):
        raise CellError(_("Enter a whole number, e.g. 12."))
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("Enter a whole number, e.g. 12."))
        value = int(value)
    text = str(value).strip()
    if not text.isdigit():
        raise CellError(_("Enter a whole number, e.g. 12."))
    if len(text) > 6:
        raise CellError(_("The number is too large."))
    return int(text)


def cefr_level(value: Value) -> str:
    return _choice_of("language_level")(value)


def uuid_text(value: Value) -> str:
    import uuid

    if value is None:
        return ""
    try:
        return str(uuid.UUID(str(value)))
    except ValueError as exc:
        raise CellError(_("This is not a person ID from a Teilhabe export.")) from exc


def convert_cell(target: Target, value: Value) -> Any:
    _refuse_formula(value)
    if target.required and value is None:
        raise CellError(_("This field is required."))
    return target.convert(value)
