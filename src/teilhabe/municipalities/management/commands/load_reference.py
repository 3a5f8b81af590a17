"""`teilhabe load_reference`: import the GV100AD edition shipped with the code, for NRW.

Idempotent: a second run rewrites the same values and leaves the edition row alone.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from teilhabe.municipalities.management.commands.import_gv100 import run_import
from teilhabe.municipalities.services import NRW, SHIPPED_FILE


class Command(BaseCommand):
    help = (
        "Lädt das mitgelieferte Gemeindeverzeichnis GV100AD (Stand 31.08.2025) "
        "für Nordrhein-Westfalen; wiederholbar ohne Änderung."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run_import(self, path=SHIPPED_FILE, land=NRW)
