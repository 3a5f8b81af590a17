"""GV100AD parser, import service and commands, against the real Destatis file."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from teilhabe.municipalities.gv100 import (
    Gv100FileError,
    Gv100FormatError,
    read_gv100,
)
from teilhabe.municipalities.models import Edition, Gemeinde, Kreis, Land, Regierungsbezirk
from teilhabe.municipalities.services import (
    SHIPPED_FILE,
    Gv100StaleEditionError,
    ImportResult,
    gv100_import,
    load_shipped_reference,
)
from tests.municipalities.conftest import WriteGv100, line_no_of, snapshot

SOURCE_LINE = (
    "Quelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV100AD, Stand 31.08.2025"
)
NRW_POPULATION = 18_034_454


def with_stand(line: str, stand: str) -> str:
    return line[:2] + stand + line[10:]


def replace(line: str, start: int, end: int, value: str) -> str:
    """Overwrite the 1-based, inclusive positions start..end, keeping the width."""
    width = end - start + 1
    return line[: start - 1] + value.ljust(width)[:width] + line[end:]


# --- parser (no database) -----------------------------------------------------------------


def test_parser_reads_nrw_from_the_shipped_zip() -> None:
    data = read_gv100(SHIPPED_FILE, land="05")
    assert data.file_name == "GV100AD_31082025.txt"
    assert data.stand == dt.date(2025, 8, 31)
    assert [(land.key, land.name) for land in data.laender] == [("05", "Nordrhein-Westfalen")]
    assert [b.key for b in data.bezirke] == ["051", "053", "055", "057", "059"]
    assert len(data.kreise) == 53
    assert sum(k.is_kreisfrei for k in data.kreise) == 22
    aachen = next(k for k in data.kreise if k.key == "05334")
    assert (aachen.name, aachen.text_code, aachen.is_kreisfrei) == (
        "Städteregion Aachen",
        "43",
        False,
    )
    assert len(data.gemeinden) == 396
    assert sum(g.population for g in data.gemeinden) == NRW_POPULATION
    stadt = next(g for g in data.gemeinden if g.ags == "05334002")
    assert (stadt.name, stadt.kreis_key, stadt.postal_code) == ("Aachen, Stadt", "05334", "52058")


def test_parser_reads_all_of_germany() -> None:
    data = read_gv100(SHIPPED_FILE)
    assert len(data.laender) == 16
    assert len(data.kreise) == 400
    # Länder without Satzart 20 get their Land as a derived Regierungsbezirk "<Land>0".
    derived = {b.key: b.name for b in data.bezirke if b.derived}
    assert derived["010"] == "Schleswig-Holstein"
    assert derived["110"] == "Berlin"
    # Küstengewässer and the German-Luxembourg condominium belong to no Kreis.
    assert sorted(g.ags for g in data.outside_kreise) == ["07000999", "13000999"]
    assert len(data.gemeinden) == 10_950
    assert sum(g.population for g in data.gemeinden) == 83_577_140


def test_parser_accepts_the_plain_txt(shipped_lines: list[str], write_gv100: WriteGv100) -> None:
    path = write_gv100(shipped_lines, as_zip=False)
    assert len(read_gv100(path, land="05").gemeinden) == 396


def test_zip_without_gv100_member_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Hinweise.txt", "nichts")
    with pytest.raises(Gv100FileError, match="GV100AD"):
        read_gv100(path)


def test_land_key_must_have_two_digits() -> None:
    with pytest.raises(ValueError, match="two digits"):
        read_gv100(SHIPPED_FILE, land="5")


def test_mixed_gebietsstand_is_rejected(shipped_lines: list[str], write_gv100: WriteGv100) -> None:
    lines = list(shipped_lines)
    lines[40] = with_stand(lines[40], "20260101")
    with pytest.raises(Gv100FormatError, match=r"^Zeile 41: Gebietsstand"):
        read_gv100(write_gv100(lines))


# --- import service -----------------------------------------------------------------------


@pytest.mark.django_db
def test_import_nrw(nrw: ImportResult) -> None:
    assert nrw == ImportResult(
        laender=1,
        bezirke=5,
        kreise=53,
        gemeinden=396,
        population_total=NRW_POPULATION,
        stand=dt.date(2025, 8, 31),
    )
    assert list(Land.objects.values_list("key", flat=True)) == ["05"]
    assert Regierungsbezirk.objects.count() == 5
    assert Kreis.objects.filter(kind=Kreis.Kind.KREISFREIE_STADT).count() == 22
    assert Kreis.objects.filter(kind=Kreis.Kind.KREIS).count() == 31
    assert Kreis.objects.get(key="05334").kind == Kreis.Kind.KREIS
    assert Gemeinde.objects.count() == 396
    assert Gemeinde.objects.get(ags="05334002").kreis_id == "05334"
    assert sum(Gemeinde.objects.values_list("population", flat=True)) == NRW_POPULATION
    edition = Edition.objects.get()
    assert (edition.file_name, edition.records) == ("GV100AD3108.zip", 1 + 5 + 53 + 396)
    assert Edition.current_source_line() == SOURCE_LINE == nrw.source_line


@pytest.mark.django_db
def test_importing_twice_changes_nothing(nrw: ImportResult) -> None:
    before = snapshot()
    assert load_shipped_reference() == nrw
    assert snapshot() == before


@pytest.mark.django_db
def test_new_edition_updates_in_place(
    nrw: ImportResult, shipped_lines: list[str], write_gv100: WriteGv100
) -> None:
    lines = [with_stand(line, "20260831") for line in shipped_lines]
    aachen = line_no_of(lines, "60", "05334002") - 1
    lines[aachen] = replace(lines[aachen], 23, 72, "Aachen, Kaiserstadt")
    lines[aachen] = replace(lines[aachen], 140, 150, "00000250000")
    # A Gemeinde new in this edition, right after its Kreis's first Gemeinde.
    new = replace(replace(lines[aachen], 11, 18, "05334099"), 23, 72, "Neu-Aachen")
    lines.insert(aachen + 1, new)
    kreis_before = list(Kreis.objects.order_by("key").values_list())

    result = gv100_import(path=write_gv100(lines, member="GV100AD_31082026.txt"), land="05")

    assert result.stand == dt.date(2026, 8, 31)
    assert result.gemeinden == 397
    stadt = Gemeinde.objects.get(ags="05334002")
    assert (stadt.name, stadt.population) == ("Aachen, Kaiserstadt", 250_000)
    assert Gemeinde.objects.get(ags="05334099").kreis_id == "05334"
    assert Gemeinde.objects.count() == 397
    assert list(Kreis.objects.order_by("key").values_list()) == kreis_before
    assert Edition.objects.count() == 2
    assert Edition.current_source_line().endswith("Stand 31.08.2026")
    # The older edition cannot overwrite the newer figures afterwards.
    with pytest.raises(Gv100StaleEditionError):
        load_shipped_reference()
    assert Gemeinde.objects.get(ags="05334002").name == "Aachen, Kaiserstadt"


def _truncate(line: str) -> str:
    return line[:150]


def _letters_in_population(line: str) -> str:
    return replace(line, 140, 150, "0000001x345")


def _satzart_99(line: str) -> str:
    return "99" + line[2:]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "damage", "message"),
    [
        ("05334002", _truncate, "Satzlänge 150 statt 220"),
        ("05334002", _letters_in_population, "Bevölkerung insgesamt"),
        ("05334002", _satzart_99, "unbekannte Satzart '99'"),
        # A damaged line of another Land also stops an NRW import: the file is rejected.
        ("09162000", _letters_in_population, "Bevölkerung insgesamt"),
    ],
)
def test_bad_line_aborts_and_leaves_the_database_unchanged(
    nrw: ImportResult,
    shipped_lines: list[str],
    write_gv100: WriteGv100,
    key: str,
    damage: object,
    message: str,
) -> None:
    lines = [with_stand(line, "20260831") for line in shipped_lines]
    line_no = line_no_of(lines, "60", key)
    lines[line_no - 1] = damage(lines[line_no - 1])  # type: ignore[operator]
    before = snapshot()

    with pytest.raises(Gv100FormatError) as excinfo:
        gv100_import(path=write_gv100(lines), land="05")

    assert excinfo.value.line_no == line_no
    assert str(excinfo.value).startswith(f"Zeile {line_no}: ")
    assert message in str(excinfo.value)
    assert snapshot() == before


@pytest.mark.django_db
def test_land_filter_imports_bavaria_only() -> None:
    result = gv100_import(path=SHIPPED_FILE, land="09")
    assert (result.laender, result.bezirke, result.kreise) == (1, 7, 96)
    assert result.gemeinden > 2000
    assert list(Land.objects.values_list("key", flat=True)) == ["09"]
    assert not Gemeinde.objects.filter(ags__startswith="05").exists()
    assert Gemeinde.objects.count() == result.gemeinden


# --- commands -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_command_reports_the_imported_edition() -> None:
    out = io.StringIO()
    call_command("import_gv100", SHIPPED_FILE, land="05", stdout=out)
    text = out.getvalue()
    assert "Gemeinden 396" in text
    assert "Einwohner 18.034.454" in text
    assert SOURCE_LINE in text
    assert Kreis.objects.count() == 53


@pytest.mark.django_db
def test_load_reference_command_is_idempotent() -> None:
    call_command("load_reference", stdout=io.StringIO())
    before = snapshot()
    call_command("load_reference", stdout=io.StringIO())
    assert snapshot() == before
    assert before[0]["Gemeinde"] == 396


@pytest.mark.django_db
def test_import_command_reports_the_bad_line(
    nrw: ImportResult, shipped_lines: list[str], write_gv100: WriteGv100
) -> None:
    lines = list(shipped_lines)
    lines[16] = _satzart_99(lines[16])
    before = snapshot()
    err = io.StringIO()
    with pytest.raises(CommandError, match="unverändert"):
        call_command("import_gv100", str(write_gv100(lines)), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith("Zeile 17: unbekannte Satzart '99'")
    assert snapshot() == before


@pytest.mark.django_db
def test_import_command_rejects_a_bad_land_key() -> None:
    with pytest.raises(CommandError, match="zwei Ziffern"):
        call_command("import_gv100", SHIPPED_FILE, land="NRW")
