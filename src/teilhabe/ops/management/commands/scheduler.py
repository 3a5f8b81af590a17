"""`teilhabe scheduler [--once]`: the scheduler process beside the web server and the task
worker (systemd unit teilhabe-scheduler, `make run`). Every 30 seconds it claims what is
due and queues it for the worker; `--once` ticks once and ends (tests, cron users)."""

from __future__ import annotations

import signal
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from teilhabe.ops.scheduling import JOBS, tick


class Command(BaseCommand):
    help = "Run the scheduled jobs (follow-ups, early warning, retention, digests, reports)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="tick once and stop")
        parser.add_argument("--interval", type=int, default=30, help="seconds between ticks")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["once"]:
            self._tick(fresh_connection=False)
            return
        scheduler = BlockingScheduler()
        scheduler.add_job(
            self._tick,
            IntervalTrigger(seconds=opts["interval"]),
            max_instances=1,
            coalesce=True,
            next_run_time=None,
        )

        def stop(signum: int, frame: Any) -> None:
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"scheduler: {len(JOBS)} jobs, a tick every {opts['interval']} s")
        self._tick()
        scheduler.start()

    def _tick(self, fresh_connection: bool = True) -> None:
        if fresh_connection:  # a long-lived process: no connection older than its limit
            close_old_connections()
        for run in tick():
            self.stdout.write(f"scheduler: queued {run.job} for {run.slot:%Y-%m-%d %H:%M}")
        if fresh_connection:
            close_old_connections()
