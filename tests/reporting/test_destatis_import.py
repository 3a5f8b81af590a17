"""The importer reads the real GENESIS flat file of table 12531-0043 as published."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from teilhabe.reporting.destatis import DestatisError, DestatisFormatError, read_seekers
from teilhabe.reporting.models import SeekerCount, SeekerImport
from teilhabe.reporting.population import land_totals
from teilhabe.reporting.services import SHIPPED_FILE, seeker_import

STICHTAG = dt.date(2024, 12, 31)


def _lines() -> list[str]:
    with zipfile.ZipFile(SHIPPED_FILE) as archive:
        name = archive.namelist()[0]
        return archive.read(name).decode("utf-8-sig").splitlines()


def _write(tmp_path: Path, lines: list[str], name: str = "12531-0043_test_flat.csv") -> Path:
    path = tmp_path / name
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def test_the_whole_german_file_parses_with_nrw_as_published() -> None:
    data = read_seekers(SHIPPED_FILE)
    assert data.lines == 116_738
    # 393 Kreise carry figures (the README speaks of 400 Kreise in the table).
    assert len({k[1] for k in data.counts}) == 393
    top = ("SCHUTZST-OF", "SCHUTZST-AK-1", "SCHUTZST-X")
    nrw = {k: v for k, v in data.counts.items() if k[1].startswith("05")}
    assert sum(v for k, v in nrw.items() if k[2] in top) == 802_190
    assert sum(v for k, v in nrw.items() if k[2] == "AUSRPFL-G") == 30_180
    # Destatis rounds every cell to a multiple of 5; sums keep that.
    assert all(v % 5 == 0 for v in data.counts.values())


@pytest.mark.django_db
def test_import_stores_kreis_status_sex_and_gives_the_acceptance_figures() -> None:
    result = seeker_import(path=SHIPPED_FILE)
    assert result.added == [STICHTAG]
    totals = land_totals("05", STICHTAG)
    assert totals["total"] == 802_190
    assert totals["duldung"] == 30_180
    assert totals["gestattung"] == 77_550
    assert (
        SeekerCount.objects.filter(kreis_key__startswith="05")
        .values("kreis_key")
        .distinct()
        .count()
        == 53
    )
    assert SeekerImport.current_source_line().endswith("Tabelle 12531-0043, Stand 31.12.2024")


@pytest.mark.django_db
def test_a_stichtag_already_imported_is_never_overwritten(tmp_path: Path) -> None:
    seeker_import(path=SHIPPED_FILE, land="05")
    before = list(SeekerCount.objects.values_list("pk", "count"))
    lines = _lines()
    changed = [lines[0]] + [line.replace(";10;Anzahl;", ";999;Anzahl;") for line in lines[1:200]]
    result = seeker_import(path=_write(tmp_path, changed), land="05")
    assert result.added == [] and result.kept == [STICHTAG]
    assert list(SeekerCount.objects.values_list("pk", "count")) == before


@pytest.mark.django_db
def test_a_new_stichtag_is_added_beside_the_old_one(tmp_path: Path) -> None:
    seeker_import(path=SHIPPED_FILE, land="05")
    lines = _lines()
    newer = [lines[0]] + [line.replace(";2024-12-31;", ";2025-12-31;") for line in lines[1:]]
    result = seeker_import(path=_write(tmp_path, newer), land="05")
    assert result.added == [dt.date(2025, 12, 31)]
    assert land_totals("05", STICHTAG)["total"] == 802_190
    assert land_totals("05", dt.date(2025, 12, 31))["total"] == 802_190
    assert SeekerImport.objects.count() == 2


@pytest.mark.django_db
def test_a_bad_line_names_its_number_and_nothing_is_stored(tmp_path: Path) -> None:
    lines = _lines()[:100]
    parts = lines[57].split(";")
    parts[-4] = "zwölf"
    lines[57] = ";".join(parts)
    with pytest.raises(DestatisFormatError, match=r"^Zeile 58: Wert 'zwölf' ist keine Anzahl"):
        seeker_import(path=_write(tmp_path, lines))
    assert not SeekerCount.objects.exists() and not SeekerImport.objects.exists()


@pytest.mark.django_db
def test_a_short_line_and_a_wrong_table_are_refused(tmp_path: Path) -> None:
    lines = _lines()[:10]
    with pytest.raises(DestatisFormatError, match="Zeile 4: 24 statt 25 Spalten"):
        seeker_import(path=_write(tmp_path, [*lines[:3], lines[3].rsplit(";", 1)[0], *lines[4:]]))
    wrong = [lines[0], lines[1].replace("12531;", "12411;", 1)]
    with pytest.raises(DestatisFormatError, match="Zeile 2: Statistik"):
        seeker_import(path=_write(tmp_path, wrong))
    with pytest.raises(DestatisError):
        seeker_import(path=_write(tmp_path, ["a;b;c"]))
    assert not SeekerCount.objects.exists()


def test_destatis_signs_count_as_zero_or_no_value(tmp_path: Path) -> None:
    lines = _lines()[:4]
    dash = lines[1].split(";")
    dash[-4] = "-"
    dot = lines[2].split(";")
    dot[-4] = "."
    data = read_seekers(_write(tmp_path, [lines[0], ";".join(dash), ";".join(dot), lines[3]]))
    assert data.without_value == 1 and data.lines == 3


@pytest.mark.django_db
def test_the_command_imports_the_shipped_file_and_reports_the_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("import_destatis", "--shipped", "--land", "05")
    out = capsys.readouterr().out
    assert "802.190 Schutzsuchende" in out
    assert "Quelle: Statistisches Bundesamt (Destatis)" in out
