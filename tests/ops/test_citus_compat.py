"""Citus compatibility of the data model (docs/scaling.md): what holds today, what is a
named gap. Citus distributes a table by one column (alliance_id); it needs that column in
every primary key and unique constraint, never NULL, and foreign keys between distributed
tables that include it."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.ops.citus import gaps, tenant_models
from tests.conftest import World
from tests.security.walk import collect_kwargs, kwargs_for_b, urls

# Tables whose alliance may be NULL: statewide or default rows next to alliance rows.
# On Citus these rows move to a reference table (docs/scaling.md, "Mixed tables").
MIXED = {
    "core_auditevent": "state-level events (logins, state pages) have no alliance",
    "alliances_fieldofaction": "the ten default fields of action are shared by all alliances",
    "alliances_joindeclaration": "a declaration exists before its alliance does",
    "trajectories_careerrun": "statewide batch runs next to per-alliance runs",
    "reporting_report": "statewide reports next to alliance reports",
    "reporting_reportschedule": "the statewide report's schedules next to alliances'",
}
# Unique rules that are statewide by design (all others include a tenant row, so adding
# alliance_id to them keeps their meaning).
GLOBAL_UNIQUE = {
    "api_apitoken.prefix": "a token is looked up before its alliance is known",
    "casework_calendarfeed.token_hash": "a calendar feed is looked up before its alliance is known",
    "alliances_fieldofaction.field_of_action_unique_default_key": "default rows (reference)",
    "alliances_joindeclaration.declaration_one_live_per_kreis": "one live declaration per Kreis",
    "alliances_joindeclaration.declaration_one_live_per_gemeinde": "one per Gemeinde, statewide",
    "reporting_reportschedule.report_schedule_state_once": "the statewide report's schedule",
}


def _tenant_fk_targets(detail: str, model_fields: list[str]) -> bool:
    return any(name in model_fields for name in re.split(r"[ ,]+", detail))


def test_every_tenant_table_has_an_alliance_column_that_is_null_only_where_named() -> None:
    nullable = sorted(g.table for g in gaps() if g.kind == "nullable")
    print(f"citus: {len(tenant_models())} tenant tables, nullable alliance_id: {nullable}")
    assert set(nullable) <= set(MIXED), f"new mixed table(s): {set(nullable) - set(MIXED)}"


def test_every_unique_rule_is_per_alliance_or_named_statewide() -> None:
    tenant_fields = {}
    for model in tenant_models():
        tenant_fields[model._meta.db_table] = [
            f.name
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in set(tenant_models())
        ]
    unexplained = []
    for gap in (g for g in gaps() if g.kind == "unique"):
        name, on = gap.detail.split(" on ", 1)
        key = f"{gap.table}.{name}"
        if key in GLOBAL_UNIQUE:
            continue
        if not _tenant_fk_targets(on.replace(" (conditional)", ""), tenant_fields[gap.table]):
            unexplained.append(str(gap))
    assert unexplained == [], unexplained


def test_known_gap_primary_keys_and_foreign_keys_lack_alliance_id() -> None:
    """Named gap, listed on purpose: every tenant table's primary key is its UUID `id`
    alone, and foreign keys between tenant tables point at that id. Citus needs
    (alliance_id, id) in both; docs/scaling.md describes the migration."""
    found = gaps()
    by_kind = Counter(g.kind for g in found)
    for g in found:
        if g.kind in ("pk", "m2m"):
            print(f"citus known gap: {g}")
    print(
        f"citus: {by_kind['pk']} primary keys, {by_kind['fk']} foreign keys, "
        f"{by_kind['m2m']} link tables without alliance_id"
    )
    assert by_kind["pk"] == len(tenant_models())  # every one: the migration is uniform
    for model in tenant_models():
        assert model._meta.pk.get_internal_type() in ("UUIDField", "BigAutoField")


# A handover between alliances (teilhabe.relocation, docs/scaling.md) points across on
# purpose: its consent names the receiving office, the handover its receiving office. Rows
# that cross are allowed only under these conditions (SQL on c = row, p = row pointed at).
CROSSING_BY_DESIGN = {
    ("casework_consent_recipients", "organisation_id"): (
        "c.consent_id IN (SELECT consent_id FROM relocation_relocation)"
    ),
    ("relocation_relocation", "to_organisation_id"): "p.alliance_id = c.to_alliance_id",
}


@pytest.mark.django_db
def test_no_row_points_at_a_row_of_another_alliance(world: World) -> None:
    collect_kwargs(world)  # every object the URL matrix needs, on both sides
    kwargs_for_b(world)
    checked = 0
    crossing = []
    qn = connection.ops.quote_name
    tables = set(connection.introspection.table_names())
    for model in tenant_models():
        if model._meta.db_table not in tables:
            continue
        for f in model._meta.concrete_fields:
            target = f.related_model
            if not f.is_relation or target not in set(tenant_models()) or f.name == "alliance":
                continue
            sql = (
                f"SELECT count(*) FROM {qn(model._meta.db_table)} c "  # noqa: S608
                f"JOIN {qn(target._meta.db_table)} p ON c.{qn(f.column)} = p.{qn('id')} "
                f"WHERE c.{qn('alliance_id')} <> p.{qn('alliance_id')}"
            )
            allowed = CROSSING_BY_DESIGN.get((model._meta.db_table, f.column))
            if allowed:
                sql += f" AND NOT ({allowed})"
            with connection.cursor() as cursor:
                cursor.execute(sql)
                n = cursor.fetchone()[0]
            checked += 1
            if n:
                crossing.append(f"{model._meta.db_table}.{f.column}: {n}")
    print(f"citus: {checked} foreign keys between tenant tables checked, {len(crossing)} cross")
    assert crossing == []


TENANT_TABLE = re.compile(r'(?:FROM|JOIN) "(\w+)"')
ALLIANCE_EQ = re.compile(r'"alliance_id" = \'?([0-9a-f-]{32,36})')
ALLIANCE_IN = re.compile(r'"alliance_id" IN \(([^)]*)\)')
UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")
BY_KEY = re.compile(r'WHERE .*"\w*id" (?:=|IN) ')
# The membership lookup of every page joins the alliance by the slug in the URL.
SLUG_EQ = re.compile(r'"core_alliance"\."slug" = \'([^\']+)\'')


def classify(sql: str, tenant_tables: set[str], own: set[str], own_slug: str = "") -> str | None:
    """How a SELECT on tenant tables is bounded: by this alliance (single shard on Citus),
    by another alliance (a violation), by keys of rows already read (co-located once the
    keys include alliance_id), or not at all (a scan across alliances)."""
    touched = set(TENANT_TABLE.findall(sql)) & tenant_tables
    if not touched or not sql.lstrip().upper().startswith("SELECT"):
        return None
    values = {v.replace("-", "") for v in ALLIANCE_EQ.findall(sql)}
    for listed in ALLIANCE_IN.findall(sql):
        values |= {v.replace("-", "") for v in UUID.findall(listed)}
    if values:
        return "this alliance" if values <= own else "another alliance"
    slugs = set(SLUG_EQ.findall(sql))
    if slugs:
        return "this alliance" if slugs == {own_slug} else "another alliance"
    if BY_KEY.search(sql):
        return "by key"
    return "unbounded"


# Pages that read another alliance's rows by design: the receiver's view of a handover
# reads the consented summary from the sending alliance (docs/scaling.md).
CROSS_ALLIANCE_PAGES = {"relocation:detail"}


def _shape(sql: str) -> str:
    return re.sub(r"'[^']*'|\b\d+\b|%s", "?", sql)[:200]


@pytest.mark.django_db
def test_alliance_pages_read_tenant_rows_of_their_own_alliance_only(
    world: World, login: Any
) -> None:
    tenant_tables = {m._meta.db_table for m in tenant_models()}
    own = {world.a.alliance.pk.hex}
    built = [(n, p) for n, p in urls(collect_kwargs(world)) if p.startswith("/b/")]
    counts: Counter[str] = Counter()
    shapes: dict[str, Counter[str]] = {"another alliance": Counter(), "unbounded": Counter()}
    for persona in ("cm_a", "coord_a", "partner_a"):
        client = login(persona)
        for name, path in built:
            with CaptureQueriesContext(connection) as ctx:
                client.get(path)
            for q in ctx.captured_queries:
                kind = classify(q["sql"], tenant_tables, own, world.a.alliance.slug)
                if kind == "another alliance" and name in CROSS_ALLIANCE_PAGES:
                    kind = "handover (by design)"
                if kind:
                    counts[kind] += 1
                if kind in shapes:
                    shapes[kind][f"{name}: {_shape(q['sql'])}"] += 1
    print(
        f"citus: tenant-table SELECTs on {len(built)} alliance pages × 3 personas: {dict(counts)}"
    )
    for shape, n in shapes["unbounded"].most_common(5):
        print(f"  unbounded: {n} × {shape}")
    assert counts["another alliance"] == 0, list(shapes["another alliance"])[:5]
    assert counts["unbounded"] == 0, list(shapes["unbounded"])[:5]
