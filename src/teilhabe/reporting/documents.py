"""The periodic report's files: a PDF (WeasyPrint, charts as SVG via vl-convert; A4
landscape, a summary page first, wide tables split by `layout`) and an Excel workbook (one
sheet per table, through core.tabular: counts and rates typed as numbers). State reports
contain the suppressed statewide tables only; alliance reports (for its coordinators) the
alliance's tables, suppressed as well."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from teilhabe.core import tabular
from teilhabe.core.models import Alliance
from teilhabe.core.pdf import html_to_pdf
from teilhabe.reporting import charts, layout
from teilhabe.reporting.models import Report, SeekerImport
from teilhabe.reporting.selectors import Filters
from teilhabe.reporting.summary import summary
from teilhabe.reporting.tables import Table, alliance_tables, state_tables


def report_tables(report: Report) -> list[Table]:
    f = Filters(start=report.start, end=report.end)
    with translation.override("de"):
        if report.alliance is not None:
            return alliance_tables(report.alliance, f, suppressed=True)
        return state_tables(list(Alliance.objects.order_by("name")), f)


def chart_svg(table: Table) -> str:
    return charts.svg(table) if table.chart else ""


def file_stem(report: Report) -> str:
    scope = report.alliance.slug if report.alliance else "nrw"
    return f"bericht-{scope}-{report.start:%Y%m%d}-{report.end:%Y%m%d}"


def title(report: Report) -> str:
    scope = report.alliance.name if report.alliance else _("North Rhine-Westphalia")
    return f"{capfirst(report.get_period_display())} – {scope}"


PAGE = {
    "width": layout.PAGE_WIDTH,
    "height": layout.PAGE_HEIGHT,
    "margin_x": layout.MARGIN_X,
    "margin_y": layout.MARGIN_Y,
    "font_pt": layout.FONT_PT,
    # A chart taller than a page (many categories, each name above its bar) is scaled down
    # to the page's content height less its title, never run off the page.
    "chart_height": layout.PAGE_HEIGHT - 2 * layout.MARGIN_Y - 16,
}


def render_pdf(report: Report, tables: list[Table], svgs: list[str]) -> bytes:
    with translation.override("de"):
        # A state chart draws the NRW row, an alliance chart the alliance's only row.
        scope = report.alliance.name if report.alliance else _("NRW (participating alliances)")
        sections = [
            {
                "table": table,
                "svg": svg,
                "chart_title": f"{table.chart_title or table.title} – {scope}",
                "parts": layout.parts(table),
            }
            for table, svg in zip(tables, svgs, strict=True)
        ]
        html = render_to_string(
            "reporting/report_pdf.html",
            {
                "report": report,
                "title": title(report),
                "sections": sections,
                "summary": summary(report),
                "page": PAGE,
                "generated": timezone.localtime(),
                "source": SeekerImport.current_source_line(),
                "suppressed": True,
            },
        )
    # The charts are inline SVG, the styles inline in the template.
    return html_to_pdf(html)


def as_tabular(tables: list[Table], source: str) -> list[tabular.Table]:
    out = [
        tabular.Table(
            title=t.title,
            header=[t.row_heading or _("Figure"), *t.header],
            rows=[*t.plain_rows(), *([[t.note]] if t.note else [])],
        )
        for t in tables
    ]
    if source:
        out.append(tabular.Table(title=_("Source"), header=[source], rows=[]))
    return out


def render_xlsx(report: Report, tables: list[Table]) -> bytes:
    """The summary's key figures first, then one sheet per table."""
    with translation.override("de"):
        sheets = as_tabular(tables, SeekerImport.current_source_line())
        return tabular.xlsx_bytes([summary(report).table(), *sheets])


__all__ = ["file_stem", "render_pdf", "render_xlsx", "report_tables", "slugify"]
