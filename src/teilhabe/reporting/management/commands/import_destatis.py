"""`teilhabe import_destatis FILE | --shipped [--land 05]`: import table 12531-0043."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from teilhabe.reporting.destatis import DestatisError
from teilhabe.reporting.services import SHIPPED_FILE, seeker_import

ABORTED = "Import abgebrochen; die Datenbank ist unverändert."


def german_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Importiert die GENESIS-Flat-Datei der Tabelle 12531-0043 (Schutzsuchende nach "
        "Kreisen) von Destatis (.zip wie veröffentlicht oder die entpackte .csv). Ein neuer "
        "Stichtag wird ergänzt, ein vorhandener bleibt unverändert."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, nargs="?", help="12531-0043*_flat.zip oder .csv")
        parser.add_argument(
            "--shipped", action="store_true", help="die mitgelieferte Datei importieren"
        )
        parser.add_argument(
            "--land", default=None, help="nur ein Land, z. B. 05 (Standard: ganz Deutschland)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = SHIPPED_FILE if options["shipped"] else options.get("file")
        if path is None:
            raise CommandError("Datei angeben oder --shipped.")
        path = Path(path)
        if not path.is_file():
            raise CommandError(f"Datei nicht gefunden: {path}")
        try:
            result = seeker_import(path=path, land=options.get("land"))
        except ValueError as exc:
            raise CommandError("--land erwartet zwei Ziffern, z. B. 05") from exc
        except DestatisError as exc:
            self.stderr.write(str(exc))
            raise CommandError(ABORTED) from exc
        for stichtag in result.kept:
            self.stdout.write(f"Stichtag {stichtag:%d.%m.%Y} ist bereits importiert; unverändert.")
        for stichtag in result.added:
            total = result.total_by_stichtag.get(stichtag, 0)
            self.stdout.write(
                f"Stichtag {stichtag:%d.%m.%Y} importiert: {german_int(result.cells)} Zellen "
                f"aus {german_int(result.lines)} Zeilen, {german_int(total)} Schutzsuchende."
            )
        self.stdout.write("\n".join(result.source_lines()))
