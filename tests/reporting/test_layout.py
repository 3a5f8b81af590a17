"""reporting/layout.py: a report table as parts that fit the page, grouped headings kept
together, every column once and in order, the row heading repeated in every part."""

from __future__ import annotations

from teilhabe.reporting import layout
from teilhabe.reporting.tables import Row, Table


def table(header: list[str], rows: int = 3) -> Table:
    return Table(
        "t",
        "Titel",
        "Personen",
        header,
        "Bündnis",
        [Row(f"Städteregion Nummer {n}", list(range(len(header)))) for n in range(rows)],
    )


def test_a_narrow_table_is_one_part_without_a_caption() -> None:
    [part] = layout.parts(table(["Gestattung", "Duldung", "Summe"]))
    assert part.caption == "" and part.groups == []
    assert part.header == ["Gestattung", "Duldung", "Summe"]
    assert part.width < layout.CONTENT_WIDTH


def test_a_wide_table_is_split_into_parts_that_each_fit_and_repeat_the_row_heading() -> None:
    header = [f"Berufsvorbereitungsmaßnahme {n}" for n in range(12)]
    parts = layout.parts(table(header))
    assert len(parts) > 1
    assert [p.caption for p in parts] == [
        f"Teil {n} von {len(parts)}" for n in range(1, len(parts) + 1)
    ]
    assert all(p.width <= layout.CONTENT_WIDTH for p in parts)
    assert [h for p in parts for h in p.header] == header
    assert all(p.row_heading == "Bündnis" for p in parts)
    assert all([r.label for r in p.rows] == [r.label for r in parts[0].rows] for p in parts)
    cells = [[c for p in parts for c in p.rows[i].cells] for i in range(3)]
    assert cells == [list(range(12))] * 3


def test_columns_sharing_a_prefix_stay_together_under_one_heading() -> None:
    groups = ["Aufenthaltsgestattung", "Duldung", "Aufenthaltserlaubnis"]
    subs = ["Personen", "Zielgruppe", "Erreichungsquote"]
    header = [f"{g}: {s}" for g in groups for s in subs]
    [part] = layout.parts(table(header))
    assert part.groups == [(g, 3) for g in groups]
    assert part.header == subs * 3
    narrow = layout.parts(table(header), width=150)
    assert [p.groups for p in narrow] == [[(g, 3)] for g in groups]


def test_a_column_is_as_wide_as_its_longest_heading_word_or_figure() -> None:
    [part] = layout.parts(table(["Erreichungsquote", "a"]))
    _head, quote, short = part.widths
    assert quote > short >= 10
    assert quote >= len("Erreichungsquote") * layout.BOLD_MM
