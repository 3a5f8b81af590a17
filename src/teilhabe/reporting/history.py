"""Selectors of a scope's report schedules and of a report's download history.

The download history is the audit log's: every download is already an export event on the
report (`services.report_download_record`), so no second table records it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404

from teilhabe.core.models import Alliance, AuditEvent
from teilhabe.reporting.models import Report, ReportSchedule

DOWNLOAD_PURPOSE = "report download "  # + "pdf" or "xlsx"
DOWNLOADS_PER_PAGE = 20
FORMATS = ("pdf", "xlsx")


def report_schedules_of(alliance: Alliance | None) -> QuerySet[ReportSchedule]:
    return ReportSchedule.objects.filter(alliance=alliance).select_related("set_by")


def report_schedule_of(alliance: Alliance | None, schedule_id: Any) -> ReportSchedule:
    """The scope's schedule, 404 for any other (another alliance's, or a malformed id)."""
    try:
        return report_schedules_of(alliance).get(pk=schedule_id)
    except (ReportSchedule.DoesNotExist, ValidationError) as missing:  # or no UUID at all
        raise Http404 from missing


def report_downloads(report: Report, *, fmt: str = "", oldest_first: bool = False) -> Any:
    """Who downloaded the report's files and when, newest first (or oldest), one format
    or both; one query for the page's rows (the user joined) and one for the count."""
    events = AuditEvent.objects.filter(
        object_type="reporting.report",
        object_id=report.pk,
        action=AuditEvent.Action.EXPORT,
        purpose__startswith=DOWNLOAD_PURPOSE,
    )
    if fmt in FORMATS:
        events = events.filter(purpose=DOWNLOAD_PURPOSE + fmt)
    order = ("at", "id") if oldest_first else ("-at", "-id")
    return events.select_related("actor").order_by(*order)


def downloads_page(report: Report, params: Any) -> tuple[Page[AuditEvent], str, bool]:
    """(page, chosen format, oldest first) from the query string ("datei", "reihenfolge",
    "seite")."""
    fmt = params.get("datei", "")
    fmt = fmt if fmt in FORMATS else ""
    oldest = params.get("reihenfolge") == "alt"
    events = report_downloads(report, fmt=fmt, oldest_first=oldest)
    return Paginator(events, DOWNLOADS_PER_PAGE).get_page(params.get("seite")), fmt, oldest


def download_format(event: AuditEvent) -> str:
    return event.purpose.removeprefix(DOWNLOAD_PURPOSE)
