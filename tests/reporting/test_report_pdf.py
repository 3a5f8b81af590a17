"""The report PDF fits its pages: every page rendered to PNG (pdftoppm), every word's
position (pdftotext -bbox) inside the page's content box (only the page counter sits in the
bottom margin), the margins of every PNG blank, and every chart's axis labels in full.

A chart's SVG may draw beyond its own box (`overflow: visible`), so a label the chart
measured too short is not clipped silently: it reaches into the margin and fails here.
Set TEILHABE_SCREENSHOTS=/tmp/shots-reports to keep the PNGs."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django_scopes import scopes_disabled
from PIL import Image

from teilhabe.core.models import Alliance
from teilhabe.reporting import documents, layout, services
from teilhabe.reporting.key_figures import key_figures
from teilhabe.reporting.models import Report
from teilhabe.reporting.selectors import Filters
from tests import factories as f
from tests.reporting.data import build

pytestmark = pytest.mark.django_db

PT_PER_MM = 72 / 25.4
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
TOLERANCE = 0.5  # pt: a glyph's box may start a hair before its origin


@dataclass
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def words(pdf: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages, found = [], []
    for n, chunk in enumerate(xml.split("<page ")[1:]):
        width, height = PAGE.match("<page " + chunk).groups()  # type: ignore[union-attr]
        pages.append((float(width), float(height)))
        for x0, y0, x1, y1, text in WORD.findall(chunk):
            found.append(Word(n, float(x0), float(y0), float(x1), float(y1), _unescape(text)))
    return pages, found


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def render_pngs(pdf: Path, out: Path, stem: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / stem)], check=True)
    return sorted(out.glob(f"{stem}-*.png"))


def outside_content_box(pages: list[tuple[float, float]], found: list[Word]) -> list[Word]:
    """Words outside the box the margins leave; the page counter ("3 / 20") alone may stand
    in the bottom margin, inside the page."""
    mx, my = layout.MARGIN_X * PT_PER_MM, layout.MARGIN_Y * PT_PER_MM
    bad = []
    for w in found:
        width, height = pages[w.page]
        in_page = w.x0 >= -TOLERANCE and w.x1 <= width + TOLERANCE and w.y0 >= 0
        in_page = in_page and w.y1 <= height + TOLERANCE
        footer = w.y0 >= height - my and re.fullmatch(r"\d+|/", w.text) is not None
        inside = mx - TOLERANCE <= w.x0 and w.x1 <= width - mx + TOLERANCE
        inside = inside and my - TOLERANCE <= w.y0 and w.y1 <= height - my + TOLERANCE
        if not in_page or not (inside or footer):
            bad.append(w)
    return bad


def inked_margin(png: Path) -> int:
    """Dark pixels in the left, right and top margins of a rendered page."""
    image = Image.open(png).convert("L")
    width, height = image.size
    mx = int(width * layout.MARGIN_X / layout.PAGE_WIDTH) - 1
    my = int(height * layout.MARGIN_Y / layout.PAGE_HEIGHT) - 1
    pixels = image.load()
    strips = [(0, 0, mx, height), (width - mx, 0, width, height), (0, 0, width, my)]
    return sum(
        1
        for x0, y0, x1, y1 in strips
        for x in range(x0, x1)
        for y in range(y0, y1)
        if pixels[x, y] < 200
    )


def shots(tmp_path: Path) -> Path:
    return Path(os.environ.get("TEILHABE_SCREENSHOTS") or tmp_path)


def generated(alliance: Alliance | None) -> tuple[Report, Path]:
    report = services.report_request(
        actor=None,
        alliance=alliance,
        organisation=None,
        period="year",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
    )
    assert report.status == Report.Status.DONE
    return report, Path(report.pdf.path)


def many_alliances() -> None:
    """A statewide table as long and as wide as NRW's: names that wrap, two pages of rows."""
    for n in range(40):
        f.AllianceFactory(name=f"Städteregion Rhein-Sieg-Kreis Nummer {n:02d}", slug=f"s{n}")


def check_every_page(report: Report, pdf: Path, out: Path, stem: str) -> list[Path]:
    pages, found = words(pdf)
    pngs = render_pngs(pdf, out, stem)
    assert len(pngs) == len(pages) > 1
    assert outside_content_box(pages, found) == []
    assert {png.name: inked_margin(png) for png in pngs} == {png.name: 0 for png in pngs}
    text = " ".join(w.text for w in found)
    with scopes_disabled():
        tables = documents.report_tables(report)
    labels = [str(d["category"]) for t in tables for d in t.chart]
    assert labels
    clipped = [label for label in labels if " ".join(label.split()) not in text]
    assert clipped == []
    return pngs


def test_every_page_of_the_state_report_keeps_its_text_on_the_page(
    world: Any, tmp_path: Path
) -> None:
    build(world)
    many_alliances()
    report, pdf = generated(None)
    check_every_page(report, pdf, shots(tmp_path), "land")
    _pages, found = words(pdf)
    text = " ".join(w.text for w in found)
    # The widest table (reach: three status groups of three columns) is grouped, not cut.
    assert "Aufenthaltserlaubnis" in text and text.count("Erreichungsquote") >= 4
    assert "Teil 1 von 2" in text  # the categories of participations need two parts


def test_every_page_of_an_alliance_report_keeps_its_text_on_the_page(
    world: Any, tmp_path: Path
) -> None:
    build(world)
    report, pdf = generated(world.a.alliance)
    check_every_page(report, pdf, shots(tmp_path), "buendnis")
    _pages, found = words(pdf)
    first = " ".join(w.text for w in found if w.page == 0)
    # The summary page: the key figures of `key_figures`, this year against the last.
    figures = key_figures(world.a.alliance, Filters(start=report.start, end=report.end))
    assert "Kennzahlen" in first and "2026 2025 Veränderung" in first and "Inhalt" in first
    assert all(f.label in first for f in figures)
