"""Small cross-database SQL helpers the ORM lacks (SQLite and PostgreSQL alike), and the
one way to count distinct rows per alliance and value.

They let a list carry its rows' many-to-many values in the same query instead of one
prefetch query per relation: the person page has a fixed query budget (issue 8: ≤ 20).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Aggregate, CharField, Count, QuerySet, TextField, Value
from django.db.models.functions import Cast

# ASCII unit/record separators: they never occur in names typed by users.
UNIT = "\x1f"
PAIR = "\x1e"


class GroupConcat(Aggregate):
    """The group's values as one string: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL.
    The order inside the string is unspecified; callers sort."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def __init__(self, expression: Any, separator: str = ",", **extra: Any) -> None:
        super().__init__(Cast(expression, TextField()), Value(separator), **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra)


def parse_ids(value: str | None) -> list[uuid.UUID]:
    """Both spellings parse: SQLite's 32 hex digits and PostgreSQL's dashed text."""
    return [uuid.UUID(part) for part in value.split(",")] if value else []


def parse_pairs(value: str | None) -> list[tuple[uuid.UUID, str]]:
    """Rows of GroupConcat(Concat(id, PAIR, text), UNIT)."""
    if not value:
        return []
    pairs = (item.split(PAIR, 1) for item in value.split(UNIT))
    return [(uuid.UUID(key), text) for key, text in pairs]


def distinct_per_alliance(
    qs: QuerySet[Any], column: str, distinct: str = "pk"
) -> dict[Any, dict[str, int]]:
    """Alliance id → value of `column` (as text, "" for none) → distinct `distinct` values,
    counted in one query."""
    out: dict[Any, dict[str, int]] = {}
    rows = qs.values("alliance_id", column).annotate(n=Count(distinct, distinct=True))
    for r in rows.order_by():
        key = r[column] if r[column] is not None else ""
        cell = out.setdefault(r["alliance_id"], {})
        cell[str(key)] = cell.get(str(key), 0) + r["n"]
    return out
