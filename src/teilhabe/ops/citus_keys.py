"""The key migration for Citus (docs/scaling.md, "Citus-side keys, ORM unchanged").

Django keeps `id` as the primary key it reasons about; only the database constraints
change, so that every distributed table's primary key, unique indexes and foreign keys
include the distribution column `alliance_id`:

1. every foreign key that points at a distributed table is dropped (it depends on the
   single-column primary key);
2. each distributed table gets PRIMARY KEY (alliance_id, id);
3. each unique index without alliance_id gets it as its first column (each one already
   contains a row of the same alliance, see tests/ops/test_citus_compat.py, so its
   meaning is unchanged);
4. foreign keys between distributed tables come back as
   (alliance_id, x_id) → (alliance_id, id), deferred like Django's own.

The statements are computed from the model metadata and PostgreSQL's catalogue, printed
by `teilhabe citus_plan` and applied to a real PostgreSQL by tests/ops/test_citus_keys.py,
which then runs the application's writes against the changed schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from teilhabe.ops.citus import DIST, tenant_models

# Small per-alliance administration tables, read on every request: replicated to every
# node (reference tables) instead of distributed. Foreign keys into them need no
# co-location. Mixed tables (alliance_id may be NULL) are not distributed either.
REFERENCE_PREFIXES = ("core_organisation", "core_membership", "alliances_", "offers_", "api_")
# Personal rows inside a reference app: distributed like every person's data.
DISTRIBUTED_TABLES = ("offers_waitinglistentry",)
COLUMN = f"{DIST}_id"


@dataclass
class Plan:
    distributed: list[str] = field(default_factory=list)
    reference: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    # Foreign keys from a table that is not distributed into a distributed one: Citus
    # refuses them; the plan lists them instead of silently dropping them.
    conflicts: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def is_distributed(model: type[models.Model]) -> bool:
    table = model._meta.db_table
    nullable = model._meta.get_field(DIST).null
    if table in DISTRIBUTED_TABLES:
        return True
    return not nullable and not table.startswith(REFERENCE_PREFIXES)


def _rows(cursor: Any, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    cursor.execute(sql, params)
    return list(cursor.fetchall())


def plan(connection: Any) -> Plan:
    """The statements for this database (PostgreSQL only: they read its catalogue)."""
    if connection.vendor != "postgresql":
        raise ValueError("the Citus key plan reads PostgreSQL's catalogue")
    qn = connection.ops.quote_name
    models_by_table = {m._meta.db_table: m for m in tenant_models()}
    distributed = sorted(t for t, m in models_by_table.items() if is_distributed(m))
    out = Plan(
        distributed=distributed,
        reference=sorted(set(models_by_table) - set(distributed)),
    )
    dist = set(distributed)
    with connection.cursor() as cursor:
        fks = _rows(
            cursor,
            """SELECT c.conname, src.relname, a.attname, dst.relname
                 FROM pg_constraint c
                 JOIN pg_class src ON src.oid = c.conrelid
                 JOIN pg_class dst ON dst.oid = c.confrelid
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND dst.relname = ANY(%s)
                  AND array_length(c.conkey, 1) = 1
                ORDER BY src.relname, c.conname""",
            [distributed],
        )
        pks = dict(
            _rows(
                cursor,
                """SELECT cl.relname, c.conname FROM pg_constraint c
                     JOIN pg_class cl ON cl.oid = c.conrelid
                    WHERE c.contype = 'p' AND cl.relname = ANY(%s)""",
                [distributed],
            )
        )
        uniques = _rows(
            cursor,
            """SELECT cl.relname, ix.relname, pg_get_indexdef(i.indexrelid),
                      con.conname
                 FROM pg_index i
                 JOIN pg_class cl ON cl.oid = i.indrelid
                 JOIN pg_class ix ON ix.oid = i.indexrelid
                 LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid
                      AND con.contype = 'u'
                WHERE i.indisunique AND NOT i.indisprimary AND cl.relname = ANY(%s)
                ORDER BY cl.relname, ix.relname""",
            [distributed],
        )
    readd: list[str] = []
    for name, src, column, dst in fks:
        out.statements.append(f"ALTER TABLE {qn(src)} DROP CONSTRAINT {qn(name)}")
        if src not in dist:
            out.conflicts.append(f"{src}.{column} → {dst}")
            continue
        readd.append(
            f"ALTER TABLE {qn(src)} ADD CONSTRAINT {qn(_short(f'{src}_{column}_dist_fk'))} "
            f"FOREIGN KEY ({qn(COLUMN)}, {qn(column)}) REFERENCES {qn(dst)} "
            f"({qn(COLUMN)}, {qn('id')}) DEFERRABLE INITIALLY DEFERRED"
        )
    for table in distributed:
        out.statements.append(
            f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(pks[table])}, "
            f"ADD PRIMARY KEY ({qn(COLUMN)}, {qn('id')})"
        )
    widened = 0
    for table, index, definition, constraint in uniques:
        if re.search(rf"\(({COLUMN}|.*, {COLUMN})[,)]", definition):
            continue  # already includes the distribution column
        drop = (
            f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(constraint)}"
            if constraint
            else f"DROP INDEX {qn(index)}"
        )
        create = re.sub(r"USING (\w+) \(", rf"USING \1 ({COLUMN}, ", definition, count=1)
        out.statements += [drop, create]
        widened += 1
    out.statements += readd
    out.counts = {
        "distributed tables": len(distributed),
        "reference or mixed tables": len(out.reference),
        "primary keys with alliance_id": len(distributed),
        "foreign keys with alliance_id": len(readd),
        "unique indexes widened": widened,
        "conflicts": len(out.conflicts),
    }
    return out


def _short(name: str) -> str:
    """PostgreSQL truncates identifiers at 63 bytes; keep them unique and readable."""
    if len(name) <= 63:
        return name
    import hashlib

    return f"{name[:54]}_{hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:8]}"


def citus_calls(p: Plan) -> list[str]:
    """What runs on a Citus coordinator after the key statements (not on plain PostgreSQL)."""
    calls = [f"SELECT create_reference_table('{t}')" for t in p.reference]
    anchor = "people_person"
    calls += [
        f"SELECT create_distributed_table('{t}', '{COLUMN}', colocate_with => '{anchor}')"
        if t != anchor
        else f"SELECT create_distributed_table('{t}', '{COLUMN}')"
        for t in [anchor, *(t for t in p.distributed if t != anchor)]
    ]
    return calls
