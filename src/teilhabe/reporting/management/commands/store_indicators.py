"""`teilhabe store_indicators [--year 2024 ...]`: store the figures of the grid periods now.

The task worker does this nightly, after an early-warning run and after an import, for this
year and the last; this command also reaches older years (after a late import of history)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from teilhabe.reporting.models import IndicatorSnapshot
from teilhabe.reporting.services import indicator_snapshots_record


class Command(BaseCommand):
    help = (
        "Berechnet die Kennzahlen der Berichtszeiträume (Jahr, Halbjahre, Quartale) für alle "
        "Bündnisse und speichert sie als neue Fassung (Standard: dieses und voriges Jahr)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", type=int, action="append", help="Jahr, z. B. 2024")

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            stored = indicator_snapshots_record(
                trigger=IndicatorSnapshot.Trigger.MANUAL, years=options["year"]
            )
        self.stdout.write(f"{stored} Berichtszeiträume gespeichert.")
