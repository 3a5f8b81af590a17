"""`teilhabe status_followups [--date YYYY-MM-DD]`: the daily run that gives every open case
whose person's current residence status expires within STATUS_EXPIRY_FOLLOWUP_DAYS its
follow-up. Idempotent: a second run creates nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from teilhabe.people.intake.selectors import expiry_days
from teilhabe.people.intake.status_services import status_followups_create_due


class Command(BaseCommand):
    help = "Create follow-ups for residence statuses that expire soon (daily, idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            default=None,
            help="run as if today were this date (YYYY-MM-DD)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        created, present = status_followups_create_due(today=opts["date"])
        self.stdout.write(
            f"status_followups: {created} created, {present} already present "
            f"(window {expiry_days()} days)"
        )
