"""What a list may contain: the target fields of each kind of import, the column titles
they are recognised by, and the conversion of a cell into a value the services accept.

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
from django.utils.translation import gettext_lazy, pgettext_lazy

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


def _words(choices: Any, extra: dict[str, str]) -> Vocabulary:
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


def _labels(choices: Any) -> str:
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
    return choice(_words(choices, extra), lambda: _labels(choices))


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


# --- the kinds of list -------------------------------------------------------------------

PERSON_TARGETS: tuple[Target, ...] = (
    Target(
        "given_name",
        gettext_lazy("Given name"),
        text(100),
        True,
        ("Vorname", "Vornamen", "Rufname", "first name"),
    ),
    Target(
        "family_name",
        gettext_lazy("Family name"),
        text(100),
        True,
        ("Familienname", "Nachname", "Name", "Zuname"),
    ),
    Target(
        "date_of_birth",
        gettext_lazy("Date of birth"),
        date,
        True,
        ("Geburtsdatum", "geboren", "Geb.-Datum", "geb.", "geb. am", "Geburtstag", "Geb.Dat."),
    ),
    Target(
        "sex", gettext_lazy("Sex/gender"), sex, True, ("Geschlecht", "Geschl.", "m/w/d", "gender")
    ),
    Target(
        "nationality",
        gettext_lazy("Nationality"),
        nationality,
        False,
        (
            "Staatsangehörigkeit",
            "Staatsang.",
            "Nationalität",
            "Nation",
            "Herkunftsland",
            "Herkunft",
        ),
    ),
    # The municipality is resolved against the alliance in transfer.persons.
    Target(
        "residence",
        gettext_lazy("Place of residence"),
        text(150),
        False,
        ("Wohnort", "Ort", "Wohnsitz", "Gemeinde", "Kommune", "AGS"),
    ),
    Target(
        "arrival_date",
        gettext_lazy("Arrival in Germany"),
        date,
        False,
        ("Einreise", "Einreisedatum", "in Deutschland seit", "Ankunft"),
    ),
    Target("phone", gettext_lazy("Phone"), text(40), False, ("Telefon", "Tel", "Handy", "Mobil")),
    Target("email", gettext_lazy("E-mail"), text(254), False, ("E-Mail", "Mail", "Email")),
    Target("address", gettext_lazy("Address"), text(200), False, ("Adresse", "Anschrift")),
    Target("intake_date", gettext_lazy("Intake date"), date, False, ("Aufnahme", "Aufnahmedatum")),
    Target(
        "residence_status",
        gettext_lazy("Residence status"),
        residence_status,
        False,
        ("Aufenthaltsstatus", "Status", "Aufenthalt", "Aufenthaltstitel"),
    ),
    Target(
        "legal_basis",
        gettext_lazy("Legal basis (§)"),
        text(40),
        False,
        ("Rechtsgrundlage", "Paragraf", "Paragraph", "§"),
    ),
    Target(
        "status_valid_from",
        gettext_lazy("Status valid from"),
        date,
        False,
        ("gültig ab", "gültig von", "Status ab", "Status seit"),
    ),
    Target(
        "status_valid_until",
        gettext_lazy("Status valid until"),
        date,
        False,
        ("gültig bis", "Status bis", "befristet bis"),
    ),
)
PARTICIPATION_TARGETS: tuple[Target, ...] = (
    Target(
        "person_id", gettext_lazy("Person ID"), uuid_text, False, ("Personen-ID", "ID", "person id")
    ),
    Target("given_name", gettext_lazy("Given name"), text(100), False, ("Vorname", "first name")),
    Target(
        "family_name", gettext_lazy("Family name"), text(100), False, ("Familienname", "Nachname")
    ),
    Target(
        "date_of_birth", gettext_lazy("Date of birth"), date, False, ("Geburtsdatum", "geboren")
    ),
    Target(
        "title",
        pgettext_lazy("programme", "Measure"),
        text(200),
        True,
        ("Maßnahme", "Angebot", "Titel", "Kurs"),
    ),
    Target("provider", gettext_lazy("Provider"), text(200), False, ("Träger", "Anbieter")),
    Target("category", gettext_lazy("Category"), text(120), False, ("Kategorie", "Art")),
    Target(
        "start", pgettext_lazy("start of a period", "Start"), date, True, ("Beginn", "von", "Start")
    ),
    Target("end", gettext_lazy("End"), date, False, ("Ende", "bis")),
    Target("outcome", gettext_lazy("Outcome"), outcome, False, ("Ergebnis", "Ausgang", "Stand")),
    Target(
        "level_reached",
        gettext_lazy("Level reached (CEFR)"),
        level,
        False,
        ("Niveau", "Sprachniveau"),
    ),
    Target(
        "certificate",
        gettext_lazy("Certificate obtained"),
        yes_no,
        False,
        ("Zertifikat", "Abschluss"),
    ),
    Target(
        "certificate_title",
        gettext_lazy("Certificate title"),
        text(200),
        False,
        ("Zertifikat Bezeichnung", "Abschluss Bezeichnung"),
    ),
    Target(
        "transition",
        gettext_lazy("Transition afterwards"),
        transition,
        False,
        ("Übergang", "danach"),
    ),
)
TARGETS = {"persons": PERSON_TARGETS, "participations": PARTICIPATION_TARGETS}


def targets_for(kind: str) -> dict[str, Target]:
    return {t.name: t for t in TARGETS[kind]}


def _names(target: Target) -> set[str]:
    from django.utils import translation

    names = {fold(target.name)}
    for language in ("de", "en"):
        with translation.override(language):
            names.add(fold(str(target.label)))
    names.update(fold(s) for s in target.synonyms)
    return names


def guess_mapping(
    kind: str, header: list[str], remembered: dict[str, str] | None = None
) -> dict[str, int]:
    """Each target field gets a column: first the column this organisation assigned to it
    before (`remembered`: folded title -> field), then the first column whose title is its
    label or a synonym, then a column whose title is clearly close to one ("Geburtsdat")."""
    targets = TARGETS[kind]
    folded = [fold(title) for title in header]
    mapping: dict[str, int] = {}
    used: set[int] = set()

    def assign(name: str, index: int) -> None:
        if name not in mapping and index not in used:
            mapping[name] = index
            used.add(index)

    known = {t.name for t in targets}
    for index, title in enumerate(folded):
        name = (remembered or {}).get(title)
        if name in known:
            assign(name, index)
    names = {t.name: _names(t) for t in targets}
    for target in targets:
        for index, title in enumerate(folded):
            if title in names[target.name]:
                assign(target.name, index)
    for target in targets:
        for index, title in enumerate(folded):
            if len(title) >= 4 and title_close(title, names[target.name]):
                assign(target.name, index)
    return mapping


def title_close(title: str, names: set[str]) -> bool:
    from rapidfuzz import fuzz

    return any(len(name) >= 4 and fuzz.ratio(title, name) >= 90 for name in names)
