"""`teilhabe restore IN`: replace the database with a backup and verify every table."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from teilhabe.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `teilhabe backup` (replaces the current data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("src", type=Path, help="backup file")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        name = connection.settings_dict["NAME"]
        if opts["interactive"]:
            answer = input(f"Replace all data of database {name} with {opts['src']}? [yes/no] ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        started = time.perf_counter()
        try:
            result = restore(opts["src"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        took = time.perf_counter() - started
        if result.different:
            raise CommandError(
                f"restored, but {len(result.different)} tables differ from the backup's "
                f"manifest: {', '.join(result.different[:20])}"
            )
        self.stdout.write(
            f"restore {name}: {result.tables} tables, {result.rows} rows, every table "
            f"identical to the backup's manifest, {took:.1f} s"
        )
