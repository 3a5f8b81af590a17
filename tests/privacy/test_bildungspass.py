"""Bildungspass PDFs in all five languages: text present, right to left for ar/fa."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.privacy import bildungspass
from tests.conftest import World
from tests.privacy.seed import seed_person

pytestmark = pytest.mark.django_db
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")


def words_with_x(pdf: Path, page: int) -> list[tuple[str, float]]:
    """Words of one page with their left edge (pdftotext -bbox). poppler writes the letters
    of a right-to-left word in visual order; they are turned back to logical order."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (
            m.group(2)[::-1] if re.search("[\u0600-\u06ff]", m.group(2)) else m.group(2),
            float(m.group(1)),
        )
        for m in re.finditer(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', out)
    ]


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout


def first_page_of(pdf: Path, lang_title: str) -> int:
    pages = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
            ).stdout,
        ).group(1)
    )
    return next(p for p in range(1, pages + 1) if lang_title in page_text(pdf, p))


@pytest.fixture
def seeded(world: World) -> Any:
    with scopes_disabled():
        return seed_person(world.a.tm_office, "BP", closed_on=None)


@pytest.mark.skipif(not POPPLER, reason="poppler-utils missing")
@pytest.mark.parametrize("second", ["en", "fr", "ar", "fa"])
def test_the_bildungspass_renders_german_and_the_second_language(
    world: World, seeded: Any, tmp_path: Path, second: str
) -> None:
    with scopes_disabled():
        pdf_bytes = bildungspass.render_pdf(seeded.person, world.a.tm_office, second)
    pdf = tmp_path / f"bp-{second}.pdf"
    pdf.write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p*.png"))
    assert len(pngs) >= 2 and all(p.stat().st_size > 1000 for p in pngs)
    german = page_text(pdf, 1)
    assert "Bildungspass" in german and "Deutschkurse" in german
    # Content as entered, in both parts.
    assert "CanaryBPGiven" in german
    labels = bildungspass.labels(second)
    page = first_page_of(pdf, labels["intro"].split()[-1])
    text = page_text(pdf, page)
    for key in ("skills", "work", "certificates"):
        # pdftotext drops the zero-width non-joiner of Persian words.
        assert labels[key].split()[-1].replace("\u200c", "") in text, (key, text[:400])
    assert "CanaryBPGiven" in text
    if second in {"ar", "fa"}:
        # The glyphs are real (an Arabic-script font is embedded, no tofu boxes) ...
        assert re.search(r"Naskh|Arabic", fonts(pdf)), fonts(pdf)
        # ... and the title runs right to left: its first word stands right of its second.
        first, second_word = labels["title"].split()[:2]
        xs: dict[str, float] = {}
        for word, x in words_with_x(pdf, page):
            xs.setdefault(word, x)  # the first occurrence: the title
        assert first in xs and second_word in xs, xs
        assert xs[first] > xs[second_word]
        # ... from the right margin (an A4 page is 595 pt wide).
        assert min(xs[first], xs[second_word]) > 595 / 2


def test_an_unknown_second_language_is_refused(world: World, seeded: Any) -> None:
    with scopes_disabled(), pytest.raises(ValueError):
        bildungspass.render_html(seeded.person, world.a.tm_office, "xx")


@pytest.mark.skipif(not POPPLER, reason="poppler-utils missing")
def test_the_order_check_would_catch_a_left_to_right_layout(
    world: World, seeded: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Negative control: laid out left to right, the Arabic title starts at the left margin
    (the words themselves still run right to left: the Unicode bidi algorithm)."""
    monkeypatch.setattr(bildungspass, "RTL", set())
    with scopes_disabled():
        pdf_bytes = bildungspass.render_pdf(seeded.person, world.a.tm_office, "ar")
    pdf = tmp_path / "ltr.pdf"
    pdf.write_bytes(pdf_bytes)
    labels = bildungspass.labels("ar")
    page = first_page_of(pdf, labels["intro"].split()[-1])
    first, second_word = labels["title"].split()[:2]
    xs: dict[str, float] = {}
    for word, x in words_with_x(pdf, page):
        xs.setdefault(word, x)
    assert xs[first] > xs[second_word]
    assert min(xs[first], xs[second_word]) < 595 / 2


def test_the_case_manager_gets_the_pdf_and_it_is_audited(
    world: World, seeded: Any, login: Any
) -> None:
    from django.urls import reverse

    url = reverse("privacy:bildungspass_pdf", args=[world.a.alliance.slug, seeded.person.pk])
    response = login("cm_a").get(url, {"sprache": "fa"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert login("dpo_a").get(url).status_code == 404
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            object_id=seeded.person.pk, action="export", purpose="bildungspass fa"
        ).exists()
