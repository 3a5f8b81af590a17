"""Backup/restore drill at scale: `teilhabe backup` then `teilhabe restore` of the seeded
database, with the per-table hash check of every table (RTO figure for docs/performance.md)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def backup_restore_drill(profile: str) -> list[dict]:
    from teilhabe.ops.backup import backup, restore

    with tempfile.TemporaryDirectory(prefix="teilhabe-bench-") as tmp:
        out = Path(tmp) / f"{profile}.backup"
        started = time.perf_counter()
        made = backup(out)
        backed_up = time.perf_counter() - started
        started = time.perf_counter()
        restored = restore(out)
        took = time.perf_counter() - started
    verdict = "0 tables differ" if not restored.different else f"DIFFER: {restored.different}"
    return [
        {
            "measure": "backup (pg_dump + per-table hashes)",
            "size": f"{made.tables} tables, {made.rows:,} rows",
            "seconds": round(backed_up, 1),
            "reference": None,
            "ratio": None,
            "note": f"{made.bytes / 1e6:,.0f} MB",
        },
        {
            "measure": "restore (pg_restore + hash check)",
            "size": f"{restored.tables} tables, {restored.rows:,} rows",
            "seconds": round(took, 1),
            "reference": round(backed_up, 1),
            "ratio": round(took / backed_up, 2) if backed_up else None,
            "note": verdict,
        },
    ]


MEASURES: list[Callable[[str], list[dict]]] = [backup_restore_drill]
