"""Import a GV100AD edition into the reference tables.

The whole file is parsed and checked before the first write, and all writes happen in one
transaction: a bad line or a failing write leaves the database exactly as it was.
Rows are upserted by their official key, so a new edition renames, re-counts and adds
units in place. Units missing from a new edition are kept (other tables reference them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import models, transaction

from teilhabe.municipalities.gv100 import Gv100Data, Gv100Error, check_land_key, read_gv100
from teilhabe.municipalities.models import (
    SOURCE_TEMPLATE,
    Edition,
    Gemeinde,
    Kreis,
    Land,
    Regierungsbezirk,
)

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "GV100AD3108.zip"
NRW = "05"
# SQLite allows 32,766 variables per statement; 500 rows x 8 columns stays far below.
BATCH_SIZE = 500


class Gv100StaleEditionError(Gv100Error):
    """The file is older than an edition already imported.

    Importing it would overwrite newer names and figures while the source line kept
    naming the newer Stand, so it is refused.
    """


@dataclass(frozen=True, slots=True)
class ImportResult:
    laender: int
    bezirke: int  # includes the stand-ins for Länder without Regierungsbezirke
    kreise: int
    gemeinden: int
    population_total: int
    stand: date
    outside_kreise: int = 0  # Satzart 60 records without a Kreis, not imported

    @property
    def source_line(self) -> str:
        return SOURCE_TEMPLATE.format(stand=self.stand.strftime("%d.%m.%Y"))


def gv100_import(*, path: Path, land: str | None = NRW) -> ImportResult:
    """Import one GV100AD file (.zip as published or extracted .txt).

    `land` is a two-digit Land key ("05" = Nordrhein-Westfalen) or None for all of Germany.
    Raises Gv100Error (Gv100FormatError names the line) before anything is written.
    """
    check_land_key(land)
    data = read_gv100(path, land=land)
    with transaction.atomic():
        _refuse_older_edition(data.stand)
        _write(data)
        _record_edition(data, file_name=path.name)
    return ImportResult(
        laender=len(data.laender),
        bezirke=len(data.bezirke),
        kreise=len(data.kreise),
        gemeinden=len(data.gemeinden),
        population_total=sum(g.population for g in data.gemeinden),
        stand=data.stand,
        outside_kreise=len(data.outside_kreise),
    )


def load_shipped_reference(*, land: str | None = NRW) -> ImportResult:
    """Import the edition shipped with the code; running it again changes nothing."""
    return gv100_import(path=SHIPPED_FILE, land=land)


def _refuse_older_edition(stand: date) -> None:
    newest = Edition.objects.order_by("-stand").first()
    if newest is not None and newest.stand > stand:
        raise Gv100StaleEditionError(
            f"Stand {stand:%d.%m.%Y} ist älter als der bereits importierte Stand "
            f"{newest.stand:%d.%m.%Y}; Import abgelehnt."
        )


def _write(data: Gv100Data) -> None:
    # Parents first: the foreign keys are checked per statement on PostgreSQL.
    _upsert(
        Land,
        [Land(key=r.key, name=r.name, seat=r.seat) for r in data.laender],
        ["name", "seat"],
    )
    _upsert(
        Regierungsbezirk,
        [
            Regierungsbezirk(key=r.key, land_id=r.land_key, name=r.name, seat=r.seat)
            for r in data.bezirke
        ],
        ["land", "name", "seat"],
    )
    _upsert(
        Kreis,
        [
            Kreis(
                key=r.key,
                regierungsbezirk_id=r.bezirk_key,
                name=r.name,
                seat=r.seat,
                kind=Kreis.Kind.KREISFREIE_STADT if r.is_kreisfrei else Kreis.Kind.KREIS,
                text_code=r.text_code,
            )
            for r in data.kreise
        ],
        ["regierungsbezirk", "name", "seat", "kind", "text_code"],
    )
    _upsert(
        Gemeinde,
        [
            Gemeinde(
                ags=r.ags,
                kreis_id=r.kreis_key,
                name=r.name,
                text_code=r.text_code,
                area_ha=r.area_ha,
                population=r.population,
                population_male=r.population_male,
                postal_code=r.postal_code,
            )
            for r in data.gemeinden
        ],
        [
            "kreis",
            "name",
            "text_code",
            "area_ha",
            "population",
            "population_male",
            "postal_code",
        ],
    )


def _upsert(model: type[models.Model], rows: Sequence[Any], update_fields: list[str]) -> None:
    # INSERT ... ON CONFLICT (pk) DO UPDATE: one statement per batch on SQLite and
    # PostgreSQL, instead of a SELECT and a save() per row.
    model._default_manager.bulk_create(
        rows,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=[model._meta.pk.name],  # type: ignore[union-attr]
        update_fields=update_fields,
    )


def _record_edition(data: Gv100Data, *, file_name: str) -> None:
    edition, created = Edition.objects.get_or_create(
        stand=data.stand,
        defaults={"file_name": file_name[:200], "records": data.records},
    )
    # Saved only on a change, so re-importing the same file leaves imported_at alone.
    if not created and (edition.file_name, edition.records) != (file_name[:200], data.records):
        edition.file_name = file_name[:200]
        edition.records = data.records
        edition.save(update_fields=["file_name", "records", "imported_at"])
