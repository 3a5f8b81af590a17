"""Fixtures for the GV100AD import: the shipped file as lines, and writers for variants."""

from __future__ import annotations

import codecs
import hashlib
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from teilhabe.municipalities.gv100 import read_text
from teilhabe.municipalities.models import Edition, Gemeinde, Kreis, Land, Regierungsbezirk
from teilhabe.municipalities.services import SHIPPED_FILE, ImportResult, load_shipped_reference

WriteGv100 = Callable[..., Path]
MEMBER = "GV100AD_31082025.txt"


@pytest.fixture(scope="session")
def shipped_lines() -> list[str]:
    """The records of the shipped file; index i is line i + 1 of the file."""
    _name, text = read_text(SHIPPED_FILE)
    return text.removesuffix("\r\n").split("\r\n")


@pytest.fixture
def write_gv100(tmp_path: Path) -> WriteGv100:
    """Write records like Destatis does (UTF-8 with BOM, CRLF), as .zip or plain .txt."""

    def write(
        lines: list[str], *, member: str = "GV100AD_31082025.txt", as_zip: bool = True
    ) -> Path:
        data = codecs.BOM_UTF8 + ("\r\n".join(lines) + "\r\n").encode("utf-8")
        if not as_zip:
            path = tmp_path / member
            path.write_bytes(data)
            return path
        path = tmp_path / "GV100AD.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(member, data)
            archive.writestr("Hinweise.txt", "Vervielfältigung mit Quellenangabe gestattet.")
        return path

    return write


@pytest.fixture
def nrw(db: None) -> ImportResult:
    return load_shipped_reference()


def line_no_of(lines: list[str], satzart: str, key: str) -> int:
    """1-based line number of the record with this Satzart and Regionalschlüssel prefix."""
    for index, line in enumerate(lines):
        if line[:2] == satzart and line[10:18].startswith(key):
            return index + 1
    raise LookupError(key)


def snapshot() -> tuple[dict[str, int], str]:
    """Row counts and a checksum over every column of every reference row."""
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    for model in (Edition, Land, Regierungsbezirk, Kreis, Gemeinde):
        rows = list(model._default_manager.order_by("pk").values_list())
        counts[model.__name__] = len(rows)
        digest.update(repr(rows).encode())
    return counts, digest.hexdigest()
