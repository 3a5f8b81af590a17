"""`teilhabe backup OUT`: the whole database into one file plus OUT.manifest.json."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from teilhabe.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump for PostgreSQL, the backup API for SQLite)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help="file to write")

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        try:
            result = backup(opts["out"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"backup {result.path}: {result.tables} tables, {result.rows} rows, "
            f"{result.bytes / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s"
        )
