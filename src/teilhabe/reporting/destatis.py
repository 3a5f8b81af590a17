"""Parser for the GENESIS-Online flat CSV of table 12531-0043 (protection seekers).

Pure Python, no database. Reads the file as Destatis publishes it: the .zip as downloaded
(one `12531-0043_*_flat.csv` member) or the extracted .csv; `;`-separated, UTF-8 with BOM.
Columns are found by their header names and the variables by their Destatis codes
(KREISE, SCHST2, GES), never by position, so a new edition that reorders them still reads.
Every other variable of the file (the nationality STAAG5) is summed over.

The file is streamed: memory grows with the number of distinct Kreis × status × sex cells,
not with the number of lines. Errors are German (the operator reads them) and start with
"Zeile N:".
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

STATISTIC = "12531"
KREIS_VAR = "KREISE"
STATUS_VAR = "SCHST2"
SEX_VAR = "GES"
MEMBER_PATTERN = re.compile(r"^12531-0043.*\.csv$", re.IGNORECASE)
MAX_BYTES = 512 * 1024 * 1024  # the real file has 33 MB; this only refuses a hostile archive
REQUIRED_COLUMNS = ("statistics_code", "time", "value", "value_unit")
KREIS_KEY = re.compile(r"^[0-9]{5}$")
# Destatis' special characters instead of a number ("Zeichenerklärung"): "-" is exactly
# nothing; the others mean not known / secret / not applicable and carry no count.
ZERO_SIGNS = frozenset({"-"})
NO_VALUE_SIGNS = frozenset({".", "x", "/", "...", "…"})


class DestatisError(Exception):
    """Any reason why a file cannot be imported."""


class DestatisFormatError(DestatisError):
    def __init__(self, line_no: int, message: str) -> None:
        self.line_no = line_no
        self.message = message
        super().__init__(f"Zeile {line_no}: {message}")


@dataclass
class SeekerData:
    """Sums per (Stichtag, Kreis key, status code, sex code), plus the labels seen."""

    counts: dict[tuple[date, str, str, str], int] = field(default_factory=dict)
    kreis_names: dict[str, str] = field(default_factory=dict)
    status_labels: dict[str, str] = field(default_factory=dict)
    lines: int = 0
    without_value: int = 0  # cells with a Destatis sign instead of a number

    @property
    def stichtage(self) -> list[date]:
        return sorted({key[0] for key in self.counts})


def _open_text(path: Path) -> Iterator[IO[str]]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if MEMBER_PATTERN.match(Path(i.filename).name)]
            if len(members) != 1:
                raise DestatisError(
                    "Das Archiv enthält keine (oder mehrere) Dateien 12531-0043*.csv."
                )
            if members[0].file_size > MAX_BYTES:
                raise DestatisError("Die Datei im Archiv ist zu groß.")
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        return
    if path.stat().st_size > MAX_BYTES:
        raise DestatisError("Die Datei ist zu groß.")
    with open(path, "rb") as raw:
        yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def read_seekers(path: Path, *, land: str | None = None) -> SeekerData:
    """Parse and check the whole file; `land` ("05") keeps only that Land's Kreise."""
    for handle in _open_text(path):
        try:
            return _parse(handle, land=land)
        except UnicodeDecodeError as exc:
            raise DestatisError("Die Datei ist nicht UTF-8-kodiert.") from exc
    raise DestatisError("Datei nicht lesbar.")  # pragma: no cover - generator always yields


def _variable_columns(header: list[str]) -> dict[str, tuple[int, int, int]]:
    """Destatis variable code → (attribute code, attribute label) column indexes."""
    found: dict[str, tuple[int, int, int]] = {}
    for i, name in enumerate(header):
        match = re.fullmatch(r"(\d+)_variable_code", name)
        if not match:
            continue
        prefix = match.group(1)
        try:
            found[prefix] = (
                i,
                header.index(f"{prefix}_variable_attribute_code"),
                header.index(f"{prefix}_variable_attribute_label"),
            )
        except ValueError as exc:
            raise DestatisFormatError(1, f"Spalten zur Variable {prefix} fehlen.") from exc
    return found


def _parse(handle: IO[str], *, land: str | None) -> SeekerData:
    reader = csv.reader(handle, delimiter=";")
    try:
        header = next(reader)
    except StopIteration as exc:
        raise DestatisError("Die Datei ist leer.") from exc
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise DestatisFormatError(
            1, f"Kopfzeile ohne Spalte(n) {', '.join(missing)}; keine GENESIS-Flat-Datei?"
        )
    col = {name: header.index(name) for name in REQUIRED_COLUMNS}
    variables = _variable_columns(header)
    data = SeekerData()
    sums: defaultdict[tuple[date, str, str, str], int] = defaultdict(int)
    positions: dict[str, tuple[int, int, int]] | None = None
    width = len(header)
    dates: dict[str, date] = {}
    for line_no, row in enumerate(reader, start=2):
        if not row or row == [""]:
            continue
        if len(row) != width:
            raise DestatisFormatError(line_no, f"{len(row)} statt {width} Spalten.")
        if positions is None:
            positions = _locate(row, variables, line_no)
        if row[col["statistics_code"]] != STATISTIC:
            raise DestatisFormatError(
                line_no, f"Statistik {row[col['statistics_code']]!r} statt {STATISTIC}."
            )
        for code, (code_i, _attr, _label) in positions.items():
            if row[code_i] != code:
                raise DestatisFormatError(line_no, "Variablen in anderer Reihenfolge als Zeile 2.")
        kreis, kreis_name = row[positions[KREIS_VAR][1]], row[positions[KREIS_VAR][2]]
        status, status_label = row[positions[STATUS_VAR][1]], row[positions[STATUS_VAR][2]]
        sex = row[positions[SEX_VAR][1]]
        if not KREIS_KEY.match(kreis):
            raise DestatisFormatError(line_no, f"Kreisschlüssel {kreis!r} ist nicht fünfstellig.")
        if not status or not sex:
            raise DestatisFormatError(line_no, "Schutzstatus oder Geschlecht fehlt.")
        raw_date = row[col["time"]]
        stichtag = dates.get(raw_date)
        if stichtag is None:
            try:
                stichtag = date.fromisoformat(raw_date)
            except ValueError as exc:
                raise DestatisFormatError(
                    line_no, f"Stichtag {raw_date!r} ist kein Datum."
                ) from exc
            dates[raw_date] = stichtag
        value = row[col["value"]].strip()
        data.lines += 1
        if land is not None and not kreis.startswith(land):
            continue
        if value in ZERO_SIGNS:
            count = 0
        elif value in NO_VALUE_SIGNS or value == "":
            data.without_value += 1
            continue
        elif value.isascii() and value.isdigit():
            count = int(value)
        else:
            raise DestatisFormatError(line_no, f"Wert {value!r} ist keine Anzahl.")
        sums[(stichtag, kreis, status, sex)] += count
        data.kreis_names[kreis] = kreis_name
        data.status_labels[status] = status_label
    if data.lines == 0:
        raise DestatisError("Die Datei enthält keine Datenzeilen.")
    data.counts = dict(sums)
    return data


def _locate(
    row: list[str], variables: dict[str, tuple[int, int, int]], line_no: int
) -> dict[str, tuple[int, int, int]]:
    """Which numbered variable holds Kreis, status and sex (read from the first line)."""
    by_code = {row[cols[0]]: cols for cols in variables.values()}
    for needed in (KREIS_VAR, STATUS_VAR, SEX_VAR):
        if needed not in by_code:
            raise DestatisFormatError(line_no, f"Variable {needed} fehlt; falsche Tabelle?")
    return {code: by_code[code] for code in (KREIS_VAR, STATUS_VAR, SEX_VAR)}


def check_land(land: str | None) -> None:
    if land is not None and not re.fullmatch(r"[0-9]{2}", land):
        raise ValueError(land)
