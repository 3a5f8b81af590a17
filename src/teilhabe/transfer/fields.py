"""What a list may contain: the target fields of each kind of import and the column titles
they are recognised by (the conversion of a cell: converters.py; offers and partners:
catalogue.py), and the guess which column of a file holds which field.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy, pgettext_lazy

from teilhabe.transfer.catalogue import OFFER_TARGETS, PARTNER_TARGETS
from teilhabe.transfer.converters import (
    CellError,
    Target,
    convert_cell,
    date,
    level,
    nationality,
    outcome,
    residence_status,
    sex,
    text,
    transition,
    uuid_text,
    with_suggestion,
    yes_no,
)
from teilhabe.transfer.languages import languages
from teilhabe.transfer.matching import fold

__all__ = [
    "TARGETS",
    "CellError",
    "Target",
    "convert_cell",
    "guess_mapping",
    "nationality",
    "residence_status",
    "targets_for",
    "with_suggestion",
]  # fmt: skip

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
    Target(
        "languages",
        gettext_lazy("Languages"),
        languages,
        False,
        ("Sprachen", "Sprache", "Sprachkenntnisse"),
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
TARGETS = {
    "persons": PERSON_TARGETS,
    "participations": PARTICIPATION_TARGETS,
    "offers": OFFER_TARGETS,
    "partners": PARTNER_TARGETS,
}


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
