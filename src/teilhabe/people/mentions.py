"""Does a free text look like it names a person? The one check for texts that must describe
situations only (advice requests, case presentations, minutes): a name of a known person of
the alliance, a date of birth, an AZR or file number.

It answers kinds, never the value found nor which person matched, so nothing of it can be
stored or logged. Names are compared in the database on the persons' transliteration-
tolerant `search_key` (case and diacritics folded, see `intake.duplicates`): adjacent words
of the text are the candidate given and family names, asked in a bounded number of queries;
no person is loaded into Python.
"""

from __future__ import annotations

import re
from itertools import islice, pairwise

from django.db.models import Q
from django.utils.translation import gettext as _

from teilhabe.core.models import Alliance
from teilhabe.people.intake.duplicates import name_key
from teilhabe.people.models import Person

NAME = "name"
BIRTH_DATE = "date"
FILE_NUMBER = "file_number"
KINDS = (NAME, BIRTH_DATE, FILE_NUMBER)

MAX_WORDS = 600  # a form's text is at most 4,000 characters
PAIRS_PER_QUERY = 100  # SQLite's expression depth stays far below its limit

_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*")
_MONTHS = "januar|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember"
_DATES = re.compile(
    rf"\b\d{{1,2}}\s?[./]\s?\d{{1,2}}\s?[./]\s?(?:\d{{4}}|\d{{2}})\b"
    rf"|\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b"
    rf"|\b\d{{1,2}}\.\s*(?:{_MONTHS})\s+\d{{4}}\b",
    re.IGNORECASE,
)
_FILE_NUMBERS = re.compile(
    # AZR number (12 digits), BAMF file number (1234567-423), a court's (5 K 1234/24)
    r"\b\d{12}\b|\b\d{7,8}\s?-\s?\d{3}\b|\b\d{1,3}\s?[A-Z]{1,3}\s?\d{1,6}/\d{2,4}\b"
    # anything labelled as a file number
    r"|\b(?:az|akz|aktenzeichen|gesch(?:ä|ae)ftszeichen|gz|azr|bamf)(?:[\s-]?(?:nr|nummer))?\b"
    r"\.?\s*:?\s*\d",
    re.IGNORECASE,
)


def _name_pairs(text: str) -> list[tuple[str, str]]:
    words = (match.group() for match in islice(_WORD.finditer(text), MAX_WORDS))
    keys = [name_key(word) for word in words]
    pairs = pairwise(keys)
    return sorted({(a, b) for a, b in pairs if len(a) > 1 and len(b) > 1 and a != b})


def names_a_person(alliance: Alliance, text: str) -> bool:
    """Two adjacent words of the text are the names of one person of the alliance (in
    either order); anonymised persons have no names left to find."""
    pairs = _name_pairs(text)
    persons = Person.objects.filter(alliance=alliance, anonymised_at__isnull=True)
    for start in range(0, len(pairs), PAIRS_PER_QUERY):
        condition = Q()
        for a, b in pairs[start : start + PAIRS_PER_QUERY]:
            condition |= Q(search_key__contains=f" {a} ") & Q(search_key__contains=f" {b} ")
        if persons.filter(condition).exists():
            return True
    return False


def mentions(alliance: Alliance, *texts: str) -> list[str]:
    """The kinds of personal data the texts seem to hold (`NAME`, `BIRTH_DATE`,
    `FILE_NUMBER`), in that order; empty when none."""
    text = "\n".join(texts)
    found = []
    if names_a_person(alliance, text):
        found.append(NAME)
    if _DATES.search(text):
        found.append(BIRTH_DATE)
    if _FILE_NUMBERS.search(text):
        found.append(FILE_NUMBER)
    return found


# A date or a number may be harmless ("Kurs ab 01.02.2027") and can be confirmed; the name
# of a known person never: it must be edited away before the text is stored.
CONFIRMABLE = frozenset({BIRTH_DATE, FILE_NUMBER})


def may_confirm(kinds: list[str]) -> bool:
    """Whether the author may send the text as it is after the warning."""
    return set(kinds) <= CONFIRMABLE


def warnings(kinds: list[str]) -> list[str]:
    """What the user reads for each kind found: never the value, never whose name."""
    texts = {
        NAME: _("The text may contain the name of a person."),
        BIRTH_DATE: _("The text may contain a date of birth."),
        FILE_NUMBER: _("The text may contain an AZR or file number."),
    }
    return [texts[kind] for kind in kinds]
