"""German name order (DIN 5007-1: Ö, Ş, Ç, Ü sort as O, S, C, U, not after Z) on both
databases, without a second copy of the names.

PostgreSQL sorts with its ICU collation "de-x-icu" (Debian's server is built with ICU).
SQLite has no locale-aware collation, so the same order is registered as a Python
collation on every connection. A stored sort column would need every write path (intake,
imports, demo seed, anonymisation) to keep it current; the collation needs none.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from typing import Any

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import Expression, F
from django.db.models.functions import Collate

PG_COLLATION = "de-x-icu"
SQLITE_COLLATION = "teilhabe_de"
# Letters that do not decompose into a base letter plus marks.
_LETTERS = str.maketrans(
    {"ß": "ss", "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th"}
)


def german_key(value: str) -> str:
    """Primary sort key: case and diacritics folded (Özdemir → ozdemir, Şahin → sahin)."""
    decomposed = unicodedata.normalize("NFKD", value.casefold().translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _compare(a: str, b: str) -> int:
    left, right = (german_key(a), a), (german_key(b), b)
    return (left > right) - (left < right)


def _register(connection: Any, **_: Any) -> None:
    raw = getattr(connection, "connection", None)
    if connection.vendor == "sqlite" and isinstance(raw, sqlite3.Connection):
        raw.create_collation(SQLITE_COLLATION, _compare)


connection_created.connect(_register, dispatch_uid="teilhabe_german_collation")


def german(field: str | Expression) -> Collate:
    """`field` in German order, for `order_by` (e.g. `german("family_name").asc()`)."""
    expression = F(field) if isinstance(field, str) else field
    if connection.vendor == "sqlite":
        # A connection opened before this module was imported missed the signal.
        connection.ensure_connection()
        _register(connection)
        return Collate(expression, SQLITE_COLLATION)
    return Collate(expression, PG_COLLATION)
