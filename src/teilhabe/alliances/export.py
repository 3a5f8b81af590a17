"""The alliance lists as CSV/Excel rows (partners, workshops, coverage; written by
`core.exports`) and the funding overview's workbook, all through `core.tabular` (which
neutralises cells a spreadsheet would read as a formula: an alliance name such as
"=HYPERLINK(...)" must never run in the recipient's Excel)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

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
            _("Posts funded in %(year)s (full-time equivalents)") % {"year": overview.fte_year},
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


def partner_rows(partners: Iterable[Any]) -> tuple[list[str], Iterable]:
    """The alliance's partners with their contact (partner staff, never a young person)."""
    header = [
        _("Organisation"),
        _("Type"),
        _("Lead office"),
        _("Contact person"),
        _("Function"),
        _("E-mail"),
        _("Phone"),
        _("Legal domain"),
        _("Joined on"),
    ]

    def rows() -> Iterable[list[Any]]:
        for org in partners:
            profile = getattr(org, "partner_profile", None)
            yield [
                org.name,
                org.get_kind_display(),
                org.is_lead_office,
                profile.contact_name if profile else "",
                profile.contact_function if profile else "",
                profile.contact_email if profile else "",
                profile.contact_phone if profile else "",
                profile.get_legal_domain_display() if profile else "",
                profile.joined_on if profile else None,
            ]

    return header, rows()


def workshop_rows(workshops: Iterable[Any]) -> tuple[list[str], Iterable]:
    header = [_("Title"), _("Kind"), _("Date"), _("Place"), _("Participants"), _("Problems")]
    rows = (
        [w.title, w.get_kind_display(), w.held_on, w.place, w.participants, w.problem_count]
        for w in workshops
    )
    return header, rows


def coverage_rows(report: Any) -> tuple[list[str], Iterable]:
    header = [pgettext("metric", "Measure"), _("Covered"), _("Total"), _("Share (%)")]
    r = report
    rows = [
        [_("District-level bodies"), r.kreis_level_joined, r.kreis_level_total,
         r.kreis_level_share],
        [_("Municipalities"), r.gemeinden_covered, r.gemeinden_total, r.gemeinden_share],
        [_("Population"), r.population_covered, r.population_total, r.population_share],
        [_("Protection seekers"), r.seekers_covered_rounded, r.seekers_total, r.seekers_share],
    ]  # fmt: skip
    return header, [[v if not isinstance(v, float) else round(v, 1) for v in row] for row in rows]
