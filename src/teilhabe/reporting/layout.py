"""How a report's table fits its page: A4 landscape, column widths from the longest word of
each heading and the longest figure, headings that wrap, and a table too wide for one page
split into parts that each repeat the row heading ("Teil 1 von 2").

Columns whose headings share a prefix ("Duldung: Personen", "Duldung: Zielgruppe") form a
group: the prefix is written once above them and a group is never split across parts, so
the heading of each column stays short ("Personen") and its figures stay together.

The widths are an estimate from DejaVu Sans' widths (the report's font); the table is laid
out with these widths fixed, so even a wrong estimate never pushes a column off the page:
a heading wraps (hyphenated, German) inside its column instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from teilhabe.core.suppression import Value
from teilhabe.reporting.tables import Row, Table

# The page (mm): A4 landscape and its margins; the template's @page uses these numbers.
PAGE_WIDTH, PAGE_HEIGHT = 297, 210
MARGIN_X, MARGIN_Y = 12, 14
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FONT_PT = 7.5
# mm per character at FONT_PT: DejaVu Sans ~0.6 em, its bold up to ~0.75 em (1 pt = 0.353 mm)
CHAR_MM, BOLD_MM = 0.62 * FONT_PT * 0.353, 0.76 * FONT_PT * 0.353
PADDING_MM = 3.2  # 1.5 mm either side and the rule
ROW_HEADING_MM = (28, 52)  # the alliance names wrap within these bounds


@dataclass
class Part:
    caption: str  # "" for a table that fits, else "Teil 1 von 2"
    row_heading: str
    widths: list[float]  # mm: the row heading, then each column
    header: list[str]
    groups: list[tuple[str, int]] = field(default_factory=list)  # (prefix, columns) or []
    rows: list[Row] = field(default_factory=list)

    @property
    def width(self) -> float:
        return sum(self.widths)


def parts(table: Table, width: float = CONTENT_WIDTH) -> list[Part]:
    """The table as one part, or as several parts that each fit `width` mm."""
    prefixes, labels = _split_headings(table.header)
    needs = [
        _need(labels[i], [r.cells[i] for r in table.rows if i < len(r.cells)])
        for i in range(len(table.header))
    ]
    head = _row_heading_width(table)
    chunks = _pack(_groups(prefixes), needs, width - head)
    out = []
    for n, (start, stop) in enumerate(chunks, 1):
        grouped = any(prefixes[start:stop])
        out.append(
            Part(
                caption=_("Part %(n)d of %(of)d") % {"n": n, "of": len(chunks)}
                if len(chunks) > 1
                else "",
                row_heading=table.row_heading,
                widths=[head, *needs[start:stop]],
                header=labels[start:stop] if grouped else table.header[start:stop],
                groups=_spans(prefixes[start:stop]) if grouped else [],
                rows=[Row(r.label, r.cells[start:stop], r.total) for r in table.rows],
            )
        )
    return out


def _split_headings(header: list[str]) -> tuple[list[str], list[str]]:
    """(group prefix or "", the heading under it) per column; a prefix counts only where at
    least two neighbouring columns share it."""
    pairs = [h.split(": ", 1) if ": " in h else ["", h] for h in header]
    prefixes = [p for p, _l in pairs]
    shared = [
        bool(p)
        and ((i > 0 and prefixes[i - 1] == p) or (i + 1 < len(prefixes) and prefixes[i + 1] == p))
        for i, p in enumerate(prefixes)
    ]
    return (
        [p if ok else "" for p, ok in zip(prefixes, shared, strict=True)],
        [label if ok else h for (_p, label), h, ok in zip(pairs, header, shared, strict=True)],
    )


def _groups(prefixes: list[str]) -> list[tuple[int, int]]:
    """(start, stop) of each run of columns that must stay on one part."""
    runs: list[tuple[int, int]] = []
    for i, p in enumerate(prefixes):
        if runs and p and prefixes[i - 1] == p:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _pack(runs: list[tuple[int, int]], needs: list[float], room: float) -> list[tuple[int, int]]:
    """Consecutive runs into parts no wider than `room`; a run wider than a page alone is
    cut by column (each column fits: its width comes from its longest word)."""
    chunks: list[tuple[int, int]] = []
    start, used = 0, 0.0
    for a, b in runs:
        run = sum(needs[a:b])
        if used and used + run > room:
            chunks.append((start, a))
            start, used = a, 0.0
        if run > room:
            for i in range(a, b):
                if used and used + needs[i] > room:
                    chunks.append((start, i))
                    start, used = i, 0.0
                used += needs[i]
        else:
            used += run
    if start < len(needs) or not chunks:
        chunks.append((start, len(needs)))
    return chunks


def _spans(prefixes: list[str]) -> list[tuple[str, int]]:
    spans: list[tuple[str, int]] = []
    for i, p in enumerate(prefixes):
        if spans and p and prefixes[i - 1] == p:
            spans[-1] = (p, spans[-1][1] + 1)
        else:
            spans.append((p, 1))
    return spans


def _need(heading: str, cells: list[Value]) -> float:
    word = max((len(w) for w in heading.split()), default=1)
    figure = max((len(str(c)) for c in cells), default=1)
    return round(max(word * BOLD_MM, figure * CHAR_MM, 10.0) + PADDING_MM, 1)


def _row_heading_width(table: Table) -> float:
    low, high = ROW_HEADING_MM
    longest = max((len(r.label) for r in table.rows), default=0)
    word = max((len(w) for r in table.rows for w in r.label.split()), default=0)
    return round(min(high, max(low, longest * BOLD_MM / 2, word * BOLD_MM)) + PADDING_MM, 1)
