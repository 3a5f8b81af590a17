"""`teilhabe retention_run [--dry-run]`: apply every organisation's retention rules.

Meant for a nightly timer (cron / systemd) and for the step after a restore. Prints only
counts: the run's deletion records are content-free, and so is this output.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from teilhabe.core.models import Organisation
from teilhabe.people.models import Person
from teilhabe.privacy.services import retention_run_start


class Command(BaseCommand):
    help = "Anonymise persons whose retention period has run out (--dry-run: preview)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count only, change nothing")
        parser.add_argument("--alliance", default="", help="only this alliance (slug)")
        parser.add_argument("--today", default="", help="reference date YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        today = dt.date.fromisoformat(options["today"]) if options["today"] else None
        with scopes_disabled():
            owners = Person._base_manager.values_list("owner_id", flat=True).distinct()
            orgs = Organisation.objects.filter(pk__in=owners).select_related("alliance")
            if options["alliance"]:
                orgs = orgs.filter(alliance__slug=options["alliance"])
            for org in orgs.order_by("alliance__name", "name"):
                run = retention_run_start(
                    actor=None,
                    organisation=org,
                    dry_run=options["dry_run"],
                    today=today,
                    enqueue=False,
                )
                self.stdout.write(
                    f"{org.alliance.slug} / {org.name}: due {run.persons_due}, "
                    f"anonymised {run.persons_anonymised}, held {run.persons_held}, "
                    f"values {run.values_erased}, files {run.files_deleted}"
                    + (" (dry run)" if run.dry_run else "")
                )
