"""Excel export of the funding overview (openpyxl).

Cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a
carriage return) get a leading apostrophe and are stored as text: an alliance name such as
"=HYPERLINK(...)" must never run in the recipient's Excel.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell

from teilhabe.alliances.selectors import FundingOverview

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    if isinstance(value, Decimal):
        return float(value)
    return value


def _append(ws: Any, values: list[Any]) -> None:
    ws.append([neutralise(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell, Cell) and isinstance(cell.value, str):
            cell.data_type = "s"  # text, never a formula


def funding_workbook(overview: FundingOverview) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Alliances")[:31]
    _append(
        ws,
        [
            _("Alliance"),
            _("Allocated (EUR)"),
            _("Spent (EUR)"),
            _("Remaining (EUR)"),
            _("Posts funded (full-time equivalents)"),
        ],
    )
    for row in overview.rows:
        _append(
            ws,
            [row.alliance.name, row.allocated, row.spent, row.remaining, row.posts_fte],
        )
    _append(
        ws,
        [
            _("Total"),
            overview.allocated_total,
            overview.spent_total,
            overview.allocated_total - overview.spent_total,
            sum((r.posts_fte for r in overview.rows), Decimal("0")),
        ],
    )
    years = wb.create_sheet(_("Years")[:31])
    _append(
        years,
        [_("Year"), _("Budget (EUR)"), _("Allocated (EUR)"), _("Spent (EUR)"), _("FTE")],
    )
    for y in overview.years:
        _append(years, [y["year"], y["budget"], y["allocated"], y["spent"], y["fte"]])
    _append(
        years, [_("Total"), overview.budget_total, overview.allocated_total, overview.spent_total]
    )
    for sheet in (ws, years):
        sheet.column_dimensions["A"].width = 40
        for col in "BCDE":
            sheet.column_dimensions[col].width = 18
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
