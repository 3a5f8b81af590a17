"""`teilhabe careers_check INPUT.json`: the Maßnahme-Karriere rules over exported data.

Exit status 2 and one line on stderr for malformed input; nothing on stdout then.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from teilhabe.trajectories.cli import main


class Command(BaseCommand):
    help = "Apply the Maßnahme-Karriere rules (spec v1) to a JSON input and print the result."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="JSON file, or - for standard input")

    def handle(self, *args: Any, **opts: Any) -> None:
        code = main([opts["input"]], sys.stdout, sys.stderr)
        if code:
            sys.exit(code)
