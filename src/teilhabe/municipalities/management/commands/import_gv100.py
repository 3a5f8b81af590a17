"""`teilhabe import_gv100 FILE [--land 05 | --all]`: import a Destatis GV100AD edition."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from teilhabe.municipalities.gv100 import Gv100Error, check_land_key
from teilhabe.municipalities.services import NRW, ImportResult, gv100_import

ABORTED = "Import abgebrochen; die Datenbank ist unverändert."


def german_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def summary(result: ImportResult, land: str | None) -> str:
    scope = f"Land {land}" if land else "alle Länder"
    lines = [
        f"GV100AD importiert ({scope}): Länder {german_int(result.laender)}, "
        f"Regierungsbezirke {german_int(result.bezirke)}, "
        f"Kreise und kreisfreie Städte {german_int(result.kreise)}, "
        f"Gemeinden {german_int(result.gemeinden)}, "
        f"Einwohner {german_int(result.population_total)}.",
    ]
    if result.outside_kreise:
        lines.append(
            f"{german_int(result.outside_kreise)} gemeindefreie Gebiete ohne Kreis übersprungen."
        )
    lines.append(result.source_line)
    return "\n".join(lines)


def run_import(command: BaseCommand, *, path: Path, land: str | None) -> None:
    """Shared by import_gv100 and load_reference: import, report, or fail loudly."""
    try:
        result = gv100_import(path=path, land=land)
    except Gv100Error as exc:
        command.stderr.write(str(exc))
        raise CommandError(ABORTED) from exc
    command.stdout.write(summary(result, land))


class Command(BaseCommand):
    help = (
        "Importiert ein Gemeindeverzeichnis GV100AD von Destatis (.zip wie veröffentlicht "
        "oder die entpackte .txt). Bestehende Einträge werden über ihren Schlüssel "
        "aktualisiert, nichts wird gelöscht."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="GV100AD*.zip oder GV100AD*.txt")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument(
            "--land",
            default=NRW,
            help="zweistelliger Landesschlüssel (Standard: 05 = Nordrhein-Westfalen)",
        )
        scope.add_argument(
            "--all", action="store_true", dest="all_laender", help="alle Länder importieren"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        land: str | None = None if options.get("all_laender") else str(options["land"])
        try:
            check_land_key(land)
        except ValueError as exc:
            raise CommandError(f"--land erwartet zwei Ziffern, z. B. 05, nicht {land!r}") from exc
        if not path.is_file():
            raise CommandError(f"Datei nicht gefunden: {path}")
        run_import(self, path=path, land=land)
