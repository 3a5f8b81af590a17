"""The key figure cards: German figures, the change in words, a trend line with its text."""

from __future__ import annotations

import re

from teilhabe.reporting.cards import cards, number, sparkline
from teilhabe.reporting.key_figures import KeyFigure

TREND = (("2021", 40), ("2022", None), ("2023", 1180), ("2024", 1200), ("2025", 1234))


def test_figures_are_written_the_german_way() -> None:
    assert number(1234, is_rate=False) == "1.234"
    assert number(12.5, is_rate=True) == "12,5 %"
    assert number(-3, is_rate=False, signed=True) == "−3"
    assert number(0, is_rate=False, signed=True) == "±0"
    assert number(None, is_rate=False) == "–"


def test_a_card_says_the_change_since_the_period_before() -> None:
    count, rate, hidden = cards(
        [
            KeyFigure("persons", "Personen", 1234, 1200, False, TREND),
            KeyFigure("into_work", "Anteil", 12.5, 14.0, True, (("2024", 14.0), ("2025", 12.5))),
            KeyFigure("careers", "Befund", 5, None, False, (("2024", None), ("2025", 5))),
        ]
    )
    assert (count.value, count.change, count.direction) == ("1.234", "+34 gegenüber 2024", "up")
    assert (rate.change, rate.direction) == ("−1,5 Prozentpunkte gegenüber 2024", "down")
    assert (hidden.change, hidden.direction) == ("kein Vergleich mit 2024 möglich", "")


def test_the_trend_line_leaves_a_marked_gap_and_reads_every_period() -> None:
    svg = str(sparkline(KeyFigure("persons", "Personen", 1234, 1200, False, TREND)))
    title = re.search(r"<title>(.*)</title>", svg)
    assert title and title.group(1) == (
        "Verlauf: 2021: 40; 2022: nicht veröffentlicht; 2023: 1.180; 2024: 1.200; 2025: 1.234"
    )
    assert 'role="img"' in svg
    # 2021 stands alone before the gap: one line, from 2023 to 2025, and one ring.
    assert svg.count("<polyline") == 1 and svg.count('class="rp-spark__gap"') == 1
