"""The Auswertung in Chromium at 1280 and 375 px: key figures on top, the questions as jump
links, every chart drawn with each label inside its drawing, tables folded beneath; axe-core
finds nothing, and the page never scrolls sideways."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.journey import no_sideways_scroll, signed_in
from tests.conftest import World
from tests.reporting.data import build
from tests.reporting.test_key_figures import _history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")

# Every <text> of a chart (category names, figures, axis) lies inside its drawing.
CLIPPED = """() => {
  const out = [];
  document.querySelectorAll('.rp-chart svg, svg.rp-spark').forEach((svg) => {
    const box = svg.getBoundingClientRect();
    svg.querySelectorAll('text').forEach((t) => {
      const r = t.getBoundingClientRect();
      if (r.width && (r.left < box.left - 1 || r.right > box.right + 1 ||
                      r.top < box.top - 1 || r.bottom > box.bottom + 1)) {
        out.push(t.textContent);
      }
    });
  });
  return out;
}"""
SMALL_TEXT = """() => [...document.querySelectorAll('.rp-chart svg text')]
  .filter((t) => parseFloat(getComputedStyle(t).fontSize) < 12).map((t) => t.textContent)"""


def _look(page: Any, name: str) -> dict[int, int]:
    heights = {}
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(400)  # vega redraws to the container's new width
        assert no_sideways_scroll(page), (name, width)
        assert page.evaluate(CLIPPED) == [], (name, width)
        assert page.evaluate(SMALL_TEXT) == [], (name, width)
        heights[width] = page.evaluate("document.documentElement.scrollHeight")
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SHOTS) / f"{name}_{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    print(f"{name} page height: {heights}")
    return heights


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("coord_a", "/b/buendnis-a/auswertung/?start=2026-01-01&end=2026-06-30"),
        ("state", "/land/auswertung/?start=2026-01-01&end=2026-06-30"),
    ],
)
def test_the_auswertung_reads_from_key_figures_to_folded_tables(
    world: World, live_server: Any, page: Any, persona: str, url: str
) -> None:
    build(world)
    _history(world)
    signed_in(page, live_server, world.users[persona])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + url)
    page.wait_for_selector(".rp-chart svg")
    assert page.get_by_test_id("key-figures").get_by_role("listitem").count() == 5
    sparkline = page.get_by_test_id("key-persons").get_by_role("img")
    assert sparkline.get_attribute("role") == "img"
    assert page.locator(".rp-chart svg").count() >= 13
    assert axe_violations(page) == []
    name = "dashboard" if persona == "coord_a" else "state"
    heights = _look(page, name)
    # was 10,900 px (issue #18); the three building-block-5 figure tables add ~1,300 px
    assert heights[1280] < 9000

    # A jump link leads to its question; the table opens beneath the chart.
    page.get_by_role("navigation", name="Fragen auf dieser Seite").get_by_role(
        "link", name="Personen nach Geschlecht"
    ).click()
    assert page.url.endswith("#chart-sex")
    table = page.get_by_test_id("table-sex")
    assert not table.is_visible()
    page.locator("#chart-sex summary").click()
    assert table.is_visible()
    assert page.locator("#chart-sex").get_by_role("link", name="Excel").is_visible()
    assert axe_violations(page) == []
    _look(page, f"{name}_table_open")
    assert page.console_errors == []
