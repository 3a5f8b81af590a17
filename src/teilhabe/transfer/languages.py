"""A cell of languages as offices write them: "Arabisch (Muttersprache), Deutsch B1,
Englisch A2" — each language with its level (CEFR, or first language), separated by commas,
semicolons, slashes or line breaks. Names as in people.languages (German, English, code)
and common variants; a near miss gets a suggestion."""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import gettext as _

from teilhabe.people.intake.rules import LanguageEntry
from teilhabe.people.languages import LANGUAGES
from teilhabe.people.models import CefrLevel
from teilhabe.transfer.errors import CellError
from teilhabe.transfer.matching import Vocabulary, fold
from teilhabe.transfer.parsing import Value

VARIANTS: dict[str, tuple[str, ...]] = {
    "fa": ("Farsi", "Persisch", "Persian"),
    "prs": ("Dari-Persisch",),
    "ku": ("Kurmandschi", "Kurmanci", "Sorani"),
    "ps": ("Paschto", "Pashto", "Paschtunisch"),
    "ti": ("Tigrinisch", "Tigrinja"),
    "so": ("Somalisch",),
    "ar": ("Arabic",),
}
LEVEL_WORDS: dict[str, str] = {
    "Muttersprache": CefrLevel.NATIVE,
    "Erstsprache": CefrLevel.NATIVE,
    "MS": CefrLevel.NATIVE,
    "native": CefrLevel.NATIVE,
    "keine": CefrLevel.NONE,
    "keine Kenntnisse": CefrLevel.NONE,
    **{level: level for level in ("A1", "A2", "B1", "B2", "C1", "C2")},
}
_SPLIT = re.compile(r"[,;/\n]+")
_LEVEL = re.compile(
    r"[\s(:-]*\b(" + "|".join(re.escape(w) for w in LEVEL_WORDS) + r")\b[\s)]*$", re.IGNORECASE
)


@cache
def vocabulary() -> Vocabulary:
    words = Vocabulary()
    for code, (german, english) in LANGUAGES.items():
        words.add(code, code)
        words.add(english, code)
        words.add(german, code, official=True)
    for code, variants in VARIANTS.items():
        words.add_all(variants, code)
    return words


def _level(word: str) -> str:
    folded = fold(word)
    return next(level for text, level in LEVEL_WORDS.items() if fold(text) == folded)


def languages(value: Value) -> tuple[LanguageEntry, ...]:
    if value is None:
        return ()
    entries: list[LanguageEntry] = []
    for part in _SPLIT.split(str(value)):
        part = part.strip()
        if not part:
            continue
        match = _LEVEL.search(part)
        name = part[: match.start()].strip() if match else part
        code = vocabulary().find(name)
        if code is None:
            message = _("Unknown language “%(name)s”.") % {"name": name}
            suggestion = vocabulary().suggest(name)
            if suggestion:
                message += " " + _("Did you mean “%(suggestion)s”?") % {"suggestion": suggestion}
            raise CellError(message)
        if match is None:
            raise CellError(
                _(
                    "Enter the level of each language, e.g. “Deutsch B1” or "
                    "“Arabisch Muttersprache”."
                )
            )
        if any(entry.language == code for entry in entries):
            raise CellError(_("Each language can be entered only once."))
        entries.append(LanguageEntry(language=code, level=_level(match.group(1))))
    return tuple(entries)
