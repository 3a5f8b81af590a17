"""`teilhabe seed_demo --profile small|nrw|nrw10 --seed N`: deterministic demo data."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from teilhabe.demo.common import DEMO_PASSWORD
from teilhabe.demo.seed import PROFILES, seed_demo
from teilhabe.demo.steps import APPS


class Command(BaseCommand):
    help = "Load deterministic demo data (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profile", choices=PROFILES, default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--only",
            help=f"comma-separated apps whose demo data to add (default: all of "
            f"{','.join(APPS)}), e.g. offers,trajectories for the careers benchmark",
        )
        parser.add_argument(
            "--quiet-logins", action="store_true", help="do not print the demo logins"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        verbose = opts["verbosity"] > 1
        result = seed_demo(
            profile=opts["profile"],
            seed=opts["seed"],
            progress=(lambda m: self.stdout.write(m)) if verbose else (lambda _m: None),
            only=set(opts["only"].split(",")) if opts["only"] else None,
        )
        took = time.perf_counter() - started
        self.stdout.write(
            f"seed_demo {opts['profile']} (seed {opts['seed']}): {result.alliances} Bündnisse, "
            f"{result.organisations} Organisationen, {result.persons} Personen, "
            f"{result.cases} Fälle, {result.status_entries} Aufenthaltsstatus-Einträge, "
            f"{result.users} neue Benutzer – {took:.1f} s"
        )
        if opts["profile"] == "small" and not opts["quiet_logins"]:
            self.stdout.write(f"\nDemo-Anmeldungen (Passwort für alle: {DEMO_PASSWORD}):")
            for email, role, where in result.logins:
                self.stdout.write(f"  {email:<40} {role:<18} {where}")
