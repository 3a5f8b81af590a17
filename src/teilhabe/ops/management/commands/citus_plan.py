"""Print the key migration for Citus (teilhabe.ops.citus_keys) for this database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from teilhabe.ops.citus_keys import citus_calls, plan


class Command(BaseCommand):
    help = "Print the SQL that puts alliance_id into every distributed table's keys."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--with-citus", action="store_true", help="append create_*_table calls")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            p = plan(connection)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        lines = [f"{s};" for s in p.statements]
        if options["with_citus"]:
            lines += [f"{s};" for s in citus_calls(p)]
        self.stdout.write("BEGIN;\n" + "\n".join(lines) + "\nCOMMIT;")
        summary = ", ".join(f"{k}: {v}" for k, v in p.counts.items())
        self.stderr.write(f"-- {summary}")
        for c in p.conflicts:
            self.stderr.write(f"-- conflict (not distributable as is): {c}")
