"""Parser for the Destatis Gemeindeverzeichnis GV100AD (fixed-width records, 220 characters).

Pure Python, no database: it turns the file Destatis publishes (the .zip as downloaded or
the extracted .txt) into typed records and rejects anything that does not match the
"Datensatzbeschreibung GV100AD". Positions below are the 1-based, inclusive "Satzstellen"
of that description, so each field can be checked against the PDF line by line.

Error messages are German on purpose: they are read by the operator running the import
command, and they start with "Zeile N:" so the bad line can be found in the file.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TypeVar

RECORD_LENGTH = 220
# Destatis names the member after the territorial status (GV100AD_31082025.txt); a new
# edition must be found without code changes, so match the pattern, not the name.
MEMBER_PATTERN = re.compile(r"^GV100AD.*\.txt$", re.IGNORECASE)
# The real file has 3.5 MB; the cap only guards against a wrong or hostile archive.
MAX_BYTES = 64 * 1024 * 1024
LAND_KEY_PATTERN = re.compile(r"^[0-9]{2}$")
_DIGITS = re.compile(r"^[0-9]+$")  # str.isdigit() would also accept "²" and other digits

# Satzarten the description defines but this project does not store: 30 Region (only
# Baden-Württemberg), 50 Gemeindeverband. They are validated like all lines, then skipped.
SKIPPED_SATZARTEN = frozenset({"30", "50"})

# Textkennzeichen of Satzart 40 -> kreisfrei? An unknown code is an error rather than a
# guess: a wrong classification would silently change the counts of kreisfreie Städte.
KREIS_TEXT_CODES: dict[str, bool] = {
    "41": True,  # Kreisfreie Stadt
    "42": True,  # Stadtkreis (Baden-Württemberg's name for a kreisfreie Stadt)
    "43": False,  # Kreis (NRW: also the Städteregion Aachen)
    "44": False,  # Landkreis
    "45": False,  # Regionalverband (Saarbrücken)
}


class Gv100Error(Exception):
    """Any reason why a file cannot be imported."""


class Gv100FileError(Gv100Error):
    """The file as a whole is unusable (no GV100AD member, empty, too large)."""


class Gv100FormatError(Gv100Error):
    """One line does not match the record description."""

    def __init__(self, line_no: int, message: str) -> None:
        self.line_no = line_no
        self.message = message
        super().__init__(f"Zeile {line_no}: {message}")


@dataclass(frozen=True, slots=True)
class LandRecord:  # Satzart 10
    line_no: int
    stand: date
    key: str  # 2 digits
    name: str
    seat: str

    @property
    def land_key(self) -> str:
        return self.key


@dataclass(frozen=True, slots=True)
class BezirkRecord:  # Satzart 20
    line_no: int
    stand: date
    key: str  # 3 digits: Land + Regierungsbezirk
    name: str
    seat: str
    # True for the stand-in of a Land without Regierungsbezirke (see read_gv100).
    derived: bool = False

    @property
    def land_key(self) -> str:
        return self.key[:2]


@dataclass(frozen=True, slots=True)
class KreisRecord:  # Satzart 40
    line_no: int
    stand: date
    key: str  # 5 digits: Land + Regierungsbezirk + Kreis
    name: str
    seat: str
    text_code: str
    is_kreisfrei: bool

    @property
    def land_key(self) -> str:
        return self.key[:2]

    @property
    def bezirk_key(self) -> str:
        return self.key[:3]


@dataclass(frozen=True, slots=True)
class GemeindeRecord:  # Satzart 60
    line_no: int
    stand: date
    ags: str  # 8 digits: Kreis + Gemeinde
    name: str
    text_code: str
    area_ha: int
    population: int
    population_male: int
    postal_code: str

    @property
    def land_key(self) -> str:
        return self.ags[:2]

    @property
    def kreis_key(self) -> str:
        return self.ags[:5]


Record = LandRecord | BezirkRecord | KreisRecord | GemeindeRecord
R = TypeVar("R", LandRecord, BezirkRecord, KreisRecord, GemeindeRecord)


@dataclass(slots=True)
class Gv100Data:
    """A whole (possibly Land-filtered) file, checked for consistent keys."""

    file_name: str
    stand: date
    laender: list[LandRecord] = field(default_factory=list)
    bezirke: list[BezirkRecord] = field(default_factory=list)
    kreise: list[KreisRecord] = field(default_factory=list)
    gemeinden: list[GemeindeRecord] = field(default_factory=list)
    # Satzart 60 records outside any Kreis (Kreis digits 00, no Satzart 40); not imported.
    outside_kreise: list[GemeindeRecord] = field(default_factory=list)

    @property
    def records(self) -> int:
        """Records taken from the file (derived Regierungsbezirke are not in it)."""
        source_bezirke = sum(1 for b in self.bezirke if not b.derived)
        return len(self.laender) + source_bezirke + len(self.kreise) + len(self.gemeinden)


# --- reading the file -------------------------------------------------------------------


def read_text(path: Path) -> tuple[str, str]:
    """Return (member or file name, decoded text) of a GV100AD .zip or .txt."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir() and MEMBER_PATTERN.match(PurePosixPath(info.filename).name)
            ]
            if len(members) != 1:
                found = ", ".join(m.filename for m in members) or "keine"
                raise Gv100FileError(
                    f"{path.name}: genau eine Datei GV100AD*.txt erwartet, gefunden: {found}"
                )
            member = members[0]
            if member.file_size > MAX_BYTES:
                raise Gv100FileError(f"{member.filename}: Datei ist zu groß")
            name = PurePosixPath(member.filename).name
            data = archive.read(member)
    else:
        if path.stat().st_size > MAX_BYTES:
            raise Gv100FileError(f"{path.name}: Datei ist zu groß")
        name = path.name
        data = path.read_bytes()
    return name, _decode(data)


def _decode(data: bytes) -> str:
    # Same as "utf-8-sig", but with the BOM removed by hand the error offset refers to
    # `data`, so the bad line can be named.
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_no = data.count(b"\n", 0, exc.start) + 1
        raise Gv100FormatError(line_no, "kein gültiges UTF-8") from exc


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) without line ends; empty lines (e.g. after the last CRLF) are
    dropped. Split on "\\n" only: str.splitlines() would also split inside a name at
    characters such as U+2028."""
    for line_no, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if line:
            yield line_no, line


# --- parsing one line -------------------------------------------------------------------


def _text(line: str, start: int, end: int) -> str:
    return line[start - 1 : end].strip()


def _digits(line: str, line_no: int, start: int, end: int, label: str) -> str:
    value = line[start - 1 : end]
    if not _DIGITS.match(value):
        raise Gv100FormatError(
            line_no, f"{label} (Stellen {start}–{end}) ist nicht numerisch: {value!r}"
        )
    return value


def _number(line: str, line_no: int, start: int, end: int, label: str) -> int:
    return int(_digits(line, line_no, start, end, label))


def _name(line: str, line_no: int, label: str) -> str:
    name = _text(line, 23, 72)
    if not name:
        raise Gv100FormatError(line_no, f"{label} (Stellen 23–72) ist leer")
    return name


def _stand(line: str, line_no: int) -> date:
    raw = _digits(line, line_no, 3, 10, "Gebietsstand")
    try:
        return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
    except ValueError as exc:
        raise Gv100FormatError(line_no, f"Gebietsstand {raw!r} ist kein Datum") from exc


def _land(line: str, line_no: int, stand: date) -> LandRecord:
    return LandRecord(
        line_no=line_no,
        stand=stand,
        key=_digits(line, line_no, 11, 12, "Land"),
        name=_name(line, line_no, "Landbezeichnung"),
        seat=_text(line, 73, 122),
    )


def _bezirk(line: str, line_no: int, stand: date) -> BezirkRecord:
    return BezirkRecord(
        line_no=line_no,
        stand=stand,
        key=_digits(line, line_no, 11, 13, "Regionalschlüssel"),
        name=_name(line, line_no, "Regierungsbezirksbezeichnung"),
        seat=_text(line, 73, 122),
    )


def _kreis(line: str, line_no: int, stand: date) -> KreisRecord:
    text_code = _text(line, 123, 124)
    if text_code not in KREIS_TEXT_CODES:
        raise Gv100FormatError(line_no, f"unbekanntes Textkennzeichen {text_code!r} für Kreis")
    return KreisRecord(
        line_no=line_no,
        stand=stand,
        key=_digits(line, line_no, 11, 15, "Regionalschlüssel"),
        name=_name(line, line_no, "Kreisbezeichnung"),
        seat=_text(line, 73, 122),
        text_code=text_code,
        is_kreisfrei=KREIS_TEXT_CODES[text_code],
    )


def _gemeinde(line: str, line_no: int, stand: date) -> GemeindeRecord:
    postal_code = _text(line, 166, 170)
    if postal_code and not (len(postal_code) == 5 and _DIGITS.match(postal_code)):
        raise Gv100FormatError(line_no, f"Postleitzahl (Stellen 166–170) ungültig: {postal_code!r}")
    population = _number(line, line_no, 140, 150, "Bevölkerung insgesamt")
    population_male = _number(line, line_no, 151, 161, "Bevölkerung männlich")
    if population_male > population:
        raise Gv100FormatError(line_no, "Bevölkerung männlich ist größer als insgesamt")
    return GemeindeRecord(
        line_no=line_no,
        stand=stand,
        ags=_digits(line, line_no, 11, 18, "Amtlicher Gemeindeschlüssel"),
        name=_name(line, line_no, "Gemeindebezeichnung"),
        text_code=_digits(line, line_no, 123, 124, "Textkennzeichen"),
        area_ha=_number(line, line_no, 129, 139, "Fläche"),
        population=population,
        population_male=population_male,
        postal_code=postal_code,
    )


_PARSERS: dict[str, Callable[[str, int, date], Record]] = {
    "10": _land,
    "20": _bezirk,
    "40": _kreis,
    "60": _gemeinde,
}


def parse_line(line: str, line_no: int) -> Record | None:
    """One record, or None for a defined Satzart this project skips (30, 50)."""
    if len(line) != RECORD_LENGTH:
        raise Gv100FormatError(line_no, f"Satzlänge {len(line)} statt {RECORD_LENGTH} Zeichen")
    satzart = line[0:2]
    if satzart not in _PARSERS and satzart not in SKIPPED_SATZARTEN:
        raise Gv100FormatError(line_no, f"unbekannte Satzart {satzart!r}")
    stand = _stand(line, line_no)
    if satzart in SKIPPED_SATZARTEN:
        _digits(line, line_no, 11, 12, "Land")  # still needed for a consistent file
        return None
    return _PARSERS[satzart](line, line_no, stand)


# --- the whole file ---------------------------------------------------------------------


def check_land_key(land: str | None) -> None:
    if land is not None and not LAND_KEY_PATTERN.match(land):
        raise ValueError(f"Land key must be two digits (e.g. '05'), got {land!r}")


def _records(text: str, land: str | None) -> Iterator[Record]:
    first_stand = ""
    for line_no, line in iter_lines(text):
        record = parse_line(line, line_no)  # validates the Gebietsstand, too
        stand = line[2:10]
        if not first_stand:
            first_stand = stand
        elif stand != first_stand:
            raise Gv100FormatError(
                line_no, f"Gebietsstand {stand} weicht vom ersten Satz ab ({first_stand})"
            )
        if record is not None and (land is None or record.land_key == land):
            yield record


def read_gv100(path: Path, *, land: str | None = None) -> Gv100Data:
    """Parse the whole file and check that every unit's parent is in it.

    Länder without Regierungsbezirke (e.g. Schleswig-Holstein, the city states) have no
    Satzart 20; their Kreise carry the digit 0. The database needs a parent for each Kreis,
    so the Land stands in as a derived Regierungsbezirk "<Land>0" with the Land's name.
    Gemeinde records under a missing Kreis xx x00 belong to no Kreis and are set aside.
    """
    check_land_key(land)
    file_name, text = read_text(path)
    laender: dict[str, LandRecord] = {}
    bezirke: dict[str, BezirkRecord] = {}
    kreise: dict[str, KreisRecord] = {}
    gemeinden: dict[str, GemeindeRecord] = {}
    outside_kreise: list[GemeindeRecord] = []
    stand: date | None = None
    for record in _records(text, land):
        stand = record.stand
        match record:
            case LandRecord():
                _add(laender, record.key, record)
            case BezirkRecord():
                _require(laender, record.land_key, record, "Land")
                _add(bezirke, record.key, record)
            case KreisRecord():
                land_record = _require(laender, record.land_key, record, "Land")
                if record.bezirk_key not in bezirke:
                    if record.bezirk_key[2] != "0":
                        _require(bezirke, record.bezirk_key, record, "Regierungsbezirk")
                    bezirke[record.bezirk_key] = _derived_bezirk(land_record)
                _add(kreise, record.key, record)
            case GemeindeRecord():
                if record.kreis_key not in kreise and record.kreis_key[3:] == "00":
                    # Unpopulated areas outside any Kreis (Küstengewässer, the
                    # German-Luxembourg condominium): the model needs a Kreis, so skip.
                    outside_kreise.append(record)
                    continue
                _require(kreise, record.kreis_key, record, "Kreis")
                _add(gemeinden, record.ags, record)
    if stand is None:
        where = f" für Land {land}" if land else ""
        raise Gv100FileError(f"{file_name}: keine Datensätze{where} gefunden")
    return Gv100Data(
        file_name=file_name,
        stand=stand,
        laender=list(laender.values()),
        bezirke=sorted(bezirke.values(), key=lambda b: b.key),
        kreise=list(kreise.values()),
        gemeinden=list(gemeinden.values()),
        outside_kreise=outside_kreise,
    )


def _add(index: dict[str, R], key: str, record: R) -> None:
    if key in index:
        raise Gv100FormatError(
            record.line_no, f"Schlüssel {key} doppelt (zuerst in Zeile {index[key].line_no})"
        )
    index[key] = record


def _require(index: dict[str, R], key: str, record: Record, label: str) -> R:
    # The file is sorted by Regionalschlüssel, so a parent always precedes its children.
    try:
        return index[key]
    except KeyError:
        raise Gv100FormatError(
            record.line_no, f"{label} {key} fehlt (muss vor dieser Zeile stehen)"
        ) from None


def _derived_bezirk(land: LandRecord) -> BezirkRecord:
    return BezirkRecord(
        line_no=land.line_no,
        stand=land.stand,
        key=f"{land.key}0",
        name=land.name,
        seat=land.seat,
        derived=True,
    )
