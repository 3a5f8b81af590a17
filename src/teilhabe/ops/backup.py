"""Backup and restore of the whole database, with a per-table content manifest.

PostgreSQL: `pg_dump -Fc` of the Debian binaries, taken from a snapshot exported by a
REPEATABLE READ transaction that also computes the manifest, so dump and manifest describe
exactly the same data even while users keep working. Restore: `pg_restore --clean
--single-transaction` (all or nothing). SQLite: the backup API, manifest computed from the
copy. The manifest (`<file>.manifest.json`) holds per table the row count and a hash of its
rows, independent of row order; `restore` recomputes it and refuses to report success on
any difference.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

Manifest = dict[str, tuple[int, str]]  # table → (rows, hash)


class BackupError(RuntimeError):
    pass


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".manifest.json")


def pg_tool(name: str) -> str:
    """The newest Debian binary (pg_dump must not be older than the server)."""
    for bin_dir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        candidate = Path(bin_dir) / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found: apt-get install postgresql-client")
    return found


def _pg_env(conn: BaseDatabaseWrapper) -> tuple[list[str], dict[str, str]]:
    s = conn.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} failed: {done.stderr.strip()[-2000:]}")


def _tables(conn: BaseDatabaseWrapper) -> list[str]:
    with conn.cursor() as cursor:
        return sorted(conn.introspection.table_names(cursor))


PG_TABLE_HASH = (
    "SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), '')) "
    "FROM (SELECT md5(t::text) AS h FROM {} t) rows"
)


def pg_manifest(conn: BaseDatabaseWrapper) -> Manifest:
    """Order-independent row hashes computed in the database (no rows travel)."""
    out: Manifest = {}
    qn = conn.ops.quote_name
    with conn.cursor() as cursor:
        for table in _tables(conn):
            # Only a table name from introspection, quoted, goes into the text.
            cursor.execute(PG_TABLE_HASH.format(qn(table)))  # nosec B608
            count, digest = cursor.fetchone()
            out[table] = (int(count), str(digest))
    return out


def sqlite_manifest(db: sqlite3.Connection) -> Manifest:
    out: Manifest = {}
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]

    def q(name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    for table in sorted(names):
        # quote() gives the stored value as an SQL literal: no type converters of the
        # connection (Django's turn timestamps into datetimes) change what is hashed.
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({q(table)})")]
        select = " || ',' || ".join(f"quote({q(c)})" for c in columns) or "''"
        hashes = sorted(
            hashlib.sha256(row[0].encode()).hexdigest()
            for row in db.execute(f"SELECT {select} FROM {q(table)}")  # noqa: S608  # nosec
        )
        out[table] = (len(hashes), hashlib.sha256("".join(hashes).encode()).hexdigest())
    return out


def current_manifest(conn: BaseDatabaseWrapper = connection) -> Manifest:
    conn.ensure_connection()
    if conn.vendor == "postgresql":
        return pg_manifest(conn)
    return sqlite_manifest(conn.connection)


@contextmanager
def _pg_snapshot(conn: BaseDatabaseWrapper) -> Iterator[str]:
    """A REPEATABLE READ transaction whose snapshot pg_dump shares (--snapshot)."""
    conn.ensure_connection()
    raw: Any = conn.connection
    previous = raw.autocommit
    raw.autocommit = False
    try:
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            yield str(cursor.fetchone()[0])
    finally:
        raw.rollback()
        raw.autocommit = previous


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    bytes: int


def backup(out: Path, conn: BaseDatabaseWrapper = connection) -> BackupResult:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    conn.ensure_connection()
    if conn.vendor == "postgresql":
        args, env = _pg_env(conn)
        with _pg_snapshot(conn) as snapshot:
            manifest = pg_manifest(conn)
            _run(
                [
                    pg_tool("pg_dump"),
                    "-Fc",
                    "--no-owner",
                    "--no-acl",
                    "--snapshot",
                    snapshot,
                    "--file",
                    str(out),
                    *args,
                ],
                env,
            )
    elif conn.vendor == "sqlite":
        tmp = out.with_name(out.name + ".part")
        target = sqlite3.connect(tmp)
        try:
            conn.connection.backup(target)
            manifest = sqlite_manifest(target)
        finally:
            target.close()
        tmp.replace(out)
    else:
        raise BackupError(f"unsupported database {conn.vendor}")
    manifest_path(out).write_text(
        json.dumps({"vendor": conn.vendor, "tables": manifest}, indent=1), encoding="utf-8"
    )
    return BackupResult(
        out, len(manifest), sum(r for r, _ in manifest.values()), out.stat().st_size
    )


@dataclass
class RestoreResult:
    tables: int
    rows: int
    different: list[str]


def restore(src: Path, conn: BaseDatabaseWrapper = connection) -> RestoreResult:
    src = src.resolve()
    if not src.exists():
        raise BackupError(f"{src} does not exist")
    conn.ensure_connection()
    if conn.vendor == "postgresql":
        args, env = _pg_env(conn)
        conn.close()  # pg_restore --clean drops tables: hold no locks on them
        _run(
            [
                pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(src),
            ],
            env,
        )
    elif conn.vendor == "sqlite":
        source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        try:
            source.backup(conn.connection)
        finally:
            source.close()
    else:
        raise BackupError(f"unsupported database {conn.vendor}")
    now = current_manifest(conn)
    expected: Manifest = {}
    mpath = manifest_path(src)
    if mpath.exists():
        stored = json.loads(mpath.read_text(encoding="utf-8"))["tables"]
        expected = {t: (int(v[0]), str(v[1])) for t, v in stored.items()}
    different = sorted(t for t in set(expected) | set(now) if expected.get(t) != now.get(t))
    if not mpath.exists():
        different = ["(no manifest next to the backup: nothing to compare)"]
    return RestoreResult(len(now), sum(r for r, _ in now.values()), different)
