"""Hostile uploads are refused before any parser sees them: fast, with a clear message."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import pytest
from django.test import override_settings

from teilhabe.transfer.safety import UnsafeFile, check_upload
from tests.transfer import files

pytestmark = pytest.mark.django_db

HOSTILE: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "zip bomb": ("liste.xlsx", lambda: files.zip_bomb(500), "Zip-Bombe"),
    "xml bomb": ("liste.xlsx", files.xml_bomb, "XML"),
    "xxe": ("liste.xlsx", files.xxe, "XML"),
    "xlsm renamed": ("liste.xlsx", files.xlsm_renamed, "Makros"),
    "xlsm by name": ("liste.xlsm", lambda: files.person_xlsx(1), "Makros"),
    "xls by name": ("liste.xls", lambda: b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".xls"),
    "wrong magic": ("liste.xlsx", lambda: b"%PDF-1.7 not a workbook", "keine gültige Excel"),
    "xlsx as csv": ("liste.csv", lambda: files.person_xlsx(1), "keine CSV"),
    "oversize": ("liste.csv", lambda: b"a;b\r\n" * (13 * 1024 * 1024), "größer als 10 MB"),
    "other type": ("liste.pdf", lambda: b"%PDF", "Nur Excel"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_file_is_refused_quickly_with_bounded_memory(case: str) -> None:
    name, build, expected = HOSTILE[case]
    content = build()
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(UnsafeFile) as refused:
        check_upload(name, content)
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert expected in str(refused.value)
    assert seconds < 5
    assert peak < 50 * 1024 * 1024


def test_ordinary_workbook_and_csv_pass_the_checks() -> None:
    assert check_upload("liste.xlsx", files.person_xlsx(3)).file_format == "xlsx"
    text = files.csv_text(files.PERSON_HEADER, [files.person_row(1)])
    assert check_upload("Liste.CSV", text.encode("cp1252")).file_format == "csv"


@override_settings(TEILHABE={"IMPORT_MAX_BYTES": 1000, "PAGE_SIZE": 25})
def test_size_limit_comes_from_the_settings() -> None:
    with pytest.raises(UnsafeFile):
        check_upload("liste.xlsx", files.person_xlsx(20))
