"""Transliteration-tolerant name keys for the duplicate warning and the name search.

Names of the target group reach us in many Latin spellings of the same Arabic, Dari or
Tigrinya name (Mohammed, Muhammad, Mohamed ...). `name_key` folds such variants onto one key:

1. case, diacritics and special letters (ş→s, ö→o, é→e, ß→ss, ı→i),
2. apostrophes vanish; the Arabic article al-/el- (and its assimilated forms ad-, ar-, as-,
   ash-, at-, az-, an- when written with a hyphen) is dropped in front of a further word,
3. separators vanish (Ali Reza = Ali-Reza = Alireza),
4. sch→sh, ph→f, ou→u, oo→u, ee→i, then double letters collapse,
5. Abdul/Abdel/Abd al-/Abdur → abd,
6. after the first letter, y is a vowel; every run of vowels becomes "i" when it holds an i
   and "a" otherwise — so a/e/o/u differences vanish, while Hassan (a) and Hussein (ei → i)
   stay apart.

The key keeps every consonant in order, so names with different consonants never collide.
Pure functions, no Django: property-tested in tests/people/intake/test_duplicates.py.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ħ": "h",
    }
)
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʿʾ]")
# al-/el- with a hyphen or a space, the assimilated forms only with a hyphen; always in front
# of a further word, so that a name "Al" alone stays.
_ARTICLE = re.compile(r"(?<![^\W_])(?:[ae]l[\s\-]+|[ae](?:sh|[dnrstz])-+)(?=[^\W_])")
_NOT_ALNUM = re.compile(r"[\W_]+")
_REWRITES = (("sch", "sh"), ("ph", "f"), ("ou", "u"), ("oo", "u"), ("ee", "i"))
_DOUBLE = re.compile(r"(.)\1+")
_ABD_L = re.compile(r"abd[aeiouy]+l")
_ABD_SUN = re.compile(r"abd[aeiouy]+(?=[dnrstz])")
_VOWELS = re.compile(r"[aeiou]+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().translate(_SPECIAL)


def _vowel_class(match: re.Match[str]) -> str:
    return "i" if "i" in match.group() else "a"


def _step(text: str) -> str:
    text = _fold(text)
    text = _APOSTROPHES.sub("", text)
    text = _ARTICLE.sub("", text)
    text = _NOT_ALNUM.sub("", text)
    for old, new in _REWRITES:
        text = text.replace(old, new)
    text = _DOUBLE.sub(r"\1", text)
    text = _ABD_L.sub("abd", text)
    text = _ABD_SUN.sub("abd", text)
    text = text[:1] + text[1:].replace("y", "i")
    return _VOWELS.sub(_vowel_class, text)


# Names repeat a lot (bulk seeding, backfills): caching a pure function is free speed.
@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """The key of a name (one or several words); equal keys mean "probably the same name".

    A rewrite can expose a new match for another one (ab-dul → abdul → abd), so the steps
    run until nothing changes: that makes the key idempotent by construction.
    """
    key = _step(name)
    for _ in range(8):
        again = _step(key)
        if again == key:
            break
        key = again
    return key


_WORDS = re.compile(r"[\s\-]+")


def search_key(given_name: str, family_name: str) -> str:
    """What Person.search_key holds: the keys of both names and of each of their words,
    space-separated and space-framed, so `contains(" " + name_key(term))` finds a word that
    starts like the term, and `contains(" " + key + " ")` finds an exact name key."""
    parts = [name_key(given_name), name_key(family_name)]
    parts += [name_key(word) for word in _WORDS.split(f"{given_name} {family_name}")]
    unique = list(dict.fromkeys(p for p in parts if p))
    return f" {' '.join(unique)} "


def duplicate_needles(given_name: str, family_name: str) -> tuple[str, str] | None:
    """What the search_key of a possible duplicate holds (both, in any order, so swapped
    given and family names match too); None when a name has no key (nothing to compare)."""
    given, family = name_key(given_name), name_key(family_name)
    if not given or not family:
        return None
    return f" {given} ", f" {family} "


def holds_needles(key: str, needles: tuple[str, str]) -> bool:
    """The in-memory form of the query `search_key__contains` on both needles."""
    return needles[0] in key and needles[1] in key
