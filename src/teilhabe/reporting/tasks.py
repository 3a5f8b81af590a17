"""The periodic report as a background task: tables, charts (SVG), PDF and Excel.

Progress is written to the Report row after every step, so the page can poll it.
"""

from __future__ import annotations

import logging
import uuid

from django.core.files.base import ContentFile
from django_tasks import task

from teilhabe.core import events
from teilhabe.reporting import documents, services
from teilhabe.reporting.models import Report

logger = logging.getLogger(__name__)


@task()
def generate_report(report_id: str) -> None:
    report = Report.objects.select_related("alliance").get(pk=uuid.UUID(report_id))
    try:
        services.report_progress(report=report, status=Report.Status.RUNNING, done=0, total=1)
        tables = documents.report_tables(report)
        steps = len(tables) + 2
        services.report_progress(report=report, done=1, total=steps + 1)
        charts: list[str] = []
        for table in tables:
            charts.append(documents.chart_svg(table))
            services.report_progress(report=report, done=report.done + 1)
        name = documents.file_stem(report)
        pdf = documents.render_pdf(report, tables, charts)
        report.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        services.report_progress(report=report, pdf=report.pdf.name, done=report.done + 1)
        xlsx = documents.render_xlsx(report, tables)
        report.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
        services.report_progress(
            report=report, xlsx=report.xlsx.name, done=report.total, status=Report.Status.DONE
        )
        events.report_ready.send(sender=Report, instance=report)
    except Exception:
        logger.exception("report %s failed", report_id)
        services.report_progress(report=report, status=Report.Status.FAILED)
        raise


@task()
def refresh_indicators(trigger: str) -> int:
    """Store the indicators of the grid periods anew (`stored`): this year and the last."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        return services.indicator_snapshots_record(trigger=trigger)
