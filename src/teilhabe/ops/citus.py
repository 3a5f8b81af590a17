"""What distribution by alliance_id (Citus) requires of the models, and where they stand.

Used by tests/ops/test_citus_compat.py, the `citus_plan` command (teilhabe.ops.citus_keys)
and quoted in docs/scaling.md. Citus requires the
distribution column in every primary key and unique constraint of a distributed table, no
NULL in it, and foreign keys between distributed tables that include it (co-location).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models

from teilhabe.core.models import Alliance

DIST = "alliance"


@dataclass(frozen=True)
class Gap:
    table: str
    kind: str  # "pk", "nullable", "unique", "fk", "m2m"
    detail: str

    def __str__(self) -> str:
        return f"{self.table}: {self.kind}: {self.detail}"


def tenant_models() -> list[type[models.Model]]:
    out = []
    for model in apps.get_models():
        field = next((f for f in model._meta.concrete_fields if f.name == DIST), None)
        if field is not None and field.is_relation and field.related_model is Alliance:
            out.append(model)
    return sorted(out, key=lambda m: m._meta.db_table)


def _unique_sets(model: type[models.Model]) -> list[tuple[str, tuple[str, ...], bool]]:
    """(name, fields, conditional) of every uniqueness rule other than the primary key."""
    sets: list[tuple[str, tuple[str, ...], bool]] = []
    for f in model._meta.concrete_fields:
        if f.unique and not f.primary_key:
            sets.append((f.name, (f.name,), False))
    for fields in model._meta.unique_together:
        sets.append(("unique_together", tuple(fields), False))
    for c in model._meta.constraints:
        if isinstance(c, models.UniqueConstraint):
            fields = tuple(c.fields) or tuple(str(e) for e in c.expressions)
            sets.append((c.name, fields, c.condition is not None))
    return sets


def gaps() -> list[Gap]:
    tenants = set(tenant_models())
    out: list[Gap] = []
    for model in tenant_models():
        table = model._meta.db_table
        pk = model._meta.pk
        if pk.name != DIST:
            out.append(Gap(table, "pk", f"primary key ({pk.column}) without alliance_id"))
        if model._meta.get_field(DIST).null:
            out.append(Gap(table, "nullable", "alliance_id may be NULL (shared/statewide rows)"))
        for name, fields, conditional in _unique_sets(model):
            if DIST not in fields and f"{DIST}_id" not in fields:
                cond = " (conditional)" if conditional else ""
                out.append(Gap(table, "unique", f"{name} on {', '.join(fields)}{cond}"))
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model in tenants and f.name != DIST:
                out.append(
                    Gap(
                        table,
                        "fk",
                        f"{f.column} → {f.related_model._meta.db_table} "
                        "(needs (alliance_id, id) to be co-located)",
                    )
                )
        for m2m in model._meta.local_many_to_many:
            link = m2m.remote_field.through
            if link is not None and link._meta.auto_created:
                out.append(Gap(link._meta.db_table, "m2m", "link table without alliance_id"))
    return out
