"""`teilhabe careers_run [--alliance SLUG]`: the nightly early-warning run (for cron).

Queues the same task as the "check now" button; with the database task backend the worker
(`teilhabe db_worker`) executes it, `--now` runs it in this process instead.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance
from teilhabe.trajectories.models import CareerRun
from teilhabe.trajectories.services import careers_run_execute, careers_run_start


class Command(BaseCommand):
    help = "Detect Maßnahme-Karrieren for one alliance or the whole state and store the findings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--alliance", help="short name (slug); default: every alliance")
        parser.add_argument("--now", action="store_true", help="run here, not in the worker")

    def handle(self, *args: Any, **opts: Any) -> None:
        alliance = None
        with scopes_disabled():
            if opts["alliance"]:
                alliance = Alliance.objects.filter(slug=opts["alliance"]).first()
                if alliance is None:
                    raise CommandError(f"unknown alliance {opts['alliance']!r}")
            if opts["now"]:
                run = CareerRun.objects.create(alliance=alliance, today=_today())
                run = careers_run_execute(run.pk)
            else:
                run = careers_run_start(actor=None, alliance=alliance)  # type: ignore[arg-type]
        self.stdout.write(
            f"run {run.pk}: {run.status}, {run.done}/{run.total} persons, {run.flagged} flagged"
        )


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()
