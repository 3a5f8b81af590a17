"""Excel export of the funding overview, through teilhabe.core.tabular (which neutralises
cells a spreadsheet would read as a formula: an alliance name such as "=HYPERLINK(...)"
must never run in the recipient's Excel)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from teilhabe.alliances.selectors import FundingOverview
from teilhabe.core.tabular import Table, neutralise, xlsx_bytes

__all__ = ["funding_tables", "funding_workbook", "neutralise"]


def funding_tables(overview: FundingOverview) -> list[Table]:
    alliances = Table(
        _("Alliances"),
        [
            _("Alliance"),
            _("Allocated (EUR)"),
            _("Spent (EUR)"),
            _("Remaining (EUR)"),
            _("Posts funded (full-time equivalents)"),
        ],
        [
            *([r.alliance.name, r.allocated, r.spent, r.remaining, r.posts_fte]
              for r in overview.rows),
            [
                _("Total"),
                overview.allocated_total,
                overview.spent_total,
                overview.allocated_total - overview.spent_total,
                sum((r.posts_fte for r in overview.rows), Decimal("0")),
            ],
        ],
    )  # fmt: skip
    years = Table(
        _("Years"),
        [_("Year"), _("Budget (EUR)"), _("Allocated (EUR)"), _("Spent (EUR)"), _("FTE")],
        [
            *([y["year"], y["budget"], y["allocated"], y["spent"], y["fte"]]
              for y in overview.years),
            [_("Total"), overview.budget_total, overview.allocated_total, overview.spent_total],
        ],
    )  # fmt: skip
    return [alliances, years]


def funding_workbook(overview: FundingOverview) -> bytes:
    return xlsx_bytes(funding_tables(overview))
