"""Recognising the words offices type for coded values, and suggesting the likely one.

A cell is compared "folded" (no case, accents, spaces, dots, § signs; "ae"/"oe"/"ue" read as
the umlaut), so "Koeln", "KÖLN" and "Köln" are one word. What is not recognised exactly gets
a suggestion from rapidfuzz when one candidate is clearly close ("Kölm" -> "Köln, Stadt"),
which the error message offers as "Meinten Sie …?". A suggestion is never applied silently:
a near miss in a person's record is a decision for the person who typed it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from teilhabe.people.countries import collation_key

_UMLAUTS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Titles and choice words compared without case, accents, spaces or dots."""
    return re.sub(r"[\s._\-/()§:,'’]+", "", collation_key(text).replace("ß", "ss"))


@lru_cache(maxsize=8192)
def _spellings(text: str) -> tuple[str, ...]:
    """The folded word, and the same with "ae/oe/ue" read as an umlaut ("Koeln" = "Köln")."""
    folded = fold(text)
    plain = folded
    for written, letter in _UMLAUTS:
        plain = plain.replace(written, letter)
    return (folded,) if plain == folded else (folded, plain)


@dataclass
class Vocabulary:
    """Words that name a key. `shown` is how a suggestion names the key (its official name)."""

    words: dict[str, str | None] = field(default_factory=dict)  # folded -> key; None: ambiguous
    shown: dict[str, str] = field(default_factory=dict)  # key -> official name

    def add(self, word: str, key: str, *, official: bool = False) -> None:
        for spelling in _spellings(word):
            if not spelling:
                continue
            known = self.words.get(spelling, key)
            self.words[spelling] = key if known == key else None
        if official or key not in self.shown:
            self.shown[key] = word

    def add_all(self, words: Iterable[str], key: str) -> None:
        for word in words:
            self.add(word, key)

    def find(self, text: str) -> str | None:
        """The key the word names exactly (after folding), or None."""
        for spelling in _spellings(text):
            key = self.words.get(spelling)
            if key is not None:
                return key
        return None

    def ambiguous(self, text: str) -> bool:
        return any(
            spelling in self.words and self.words[spelling] is None for spelling in _spellings(text)
        )

    def suggest(self, text: str) -> str | None:
        """The official name of the one clearly closest key, or None. Close: at most one
        typo (a letter wrong, missing, extra, or two swapped) in a short word, two from 8
        letters, three from 12."""
        folded = _spellings(text)[-1]
        if len(folded) < 3:
            return None
        limit = 1 + (len(folded) >= 8) + (len(folded) >= 12)
        candidates = [word for word, key in self.words.items() if key is not None]
        best = process.extract(folded, candidates, scorer=OSA.distance, score_cutoff=limit, limit=5)
        if not best:
            return None
        nearest = min(distance for _word, distance, _i in best)
        keys = {self.words[word] for word, distance, _i in best if distance == nearest}
        if len(keys) != 1:
            return None  # two names equally close: no guess
        key = keys.pop()
        return self.shown.get(key) if key else None


def municipality_names(name: str) -> list[str]:
    """The official GV100 name and how people write it: "Köln, Stadt" -> "Köln";
    "Saerbeck, NRW-Klimakommune" -> "Saerbeck"; "Rheine, Stadt" -> "Rheine"."""
    names = [name]
    short = name.split(",", 1)[0].strip()
    if short and short != name:
        names.append(short)
    return names


# Names of countries as people write them besides the German and English short names.
COUNTRY_VARIANTS: dict[str, tuple[str, ...]] = {
    "SY": ("Arabische Republik Syrien", "Syrian Arab Republic", "syrisch"),
    "AF": ("Islamische Republik Afghanistan", "afghanisch"),
    "IQ": ("Republik Irak", "irakisch"),
    "IR": ("Islamische Republik Iran", "Persien", "iranisch"),
    "ER": ("eritreisch",),
    "SO": ("somalisch",),
    "TR": ("Türkiye", "Turkei", "türkisch"),
    "UA": ("ukrainisch",),
    "RU": ("Russische Föderation", "Russian Federation", "russisch"),
    "GN": ("guineisch",),
    "NG": ("nigerianisch",),
    "CI": ("Elfenbeinküste", "Ivory Coast", "ivorisch"),
    "CD": ("DR Kongo", "Demokratische Republik Kongo"),
    "XX": ("staatenlos", "stateless"),
    "XU": ("ungeklärt", "unbekannt", "unknown"),
}
