"""Every list export goes through here: a list view asks `export_format(request)`; when the
request carries `format=csv|xlsx` it answers with `export_response(...)` instead of the
page — the same rows the page would show (same access helpers, same filters, all pages),
written by `core.tabular` (formula injection neutralised, streamed, one row in memory at a
time) and audited as one "export" event with the row count only. Tables without a
purpose-built export download through `core.table_export` (`?tabelle=…&als=…`), which
audits the same way."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.utils.functional import Promise

from teilhabe.core import export_jobs, tabular
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation

MAX_EXPORT_ROWS = 50_000  # anti-automation: a list larger than this is filtered first
# Rows an export reads from the database at a time (`queryset.iterator(chunk_size=…)`, also
# the prefetch batch): memory stays flat, a 50,000-row list costs 25 round trips.
EXPORT_CHUNK = 2_000
FORMAT_PARAM = "format"


def export_format(request: HttpRequest) -> str | None:
    params = request.POST if request.method == "POST" else request.GET
    fmt = params.get(FORMAT_PARAM, "")
    return fmt if fmt in tabular.FORMATS else None


def export_record(
    request: HttpRequest,
    *,
    list_name: str,
    fmt: str,
    rows: int,
    detail: str = "",
    organisation: Organisation | None = None,
    complete: bool = True,
) -> None:
    """The audit event of one export: which list (and `detail`, e.g. the page of a table),
    which format, how many rows — never a value of a row. `complete` False: the download
    was broken off after `rows` rows."""
    state = "" if complete else "incomplete"
    purpose = " ".join(filter(None, [list_name, detail, f"{fmt}: {rows} rows", state]))
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=request.user,
        alliance=getattr(request, "alliance", None),
        organisation=organisation,
        object_type=list_name[:60],
        purpose=purpose[:200],
    )


def export_response(
    request: HttpRequest,
    *,
    fmt: str,
    filename: str | Promise,
    list_name: str,
    header: Sequence[Any] = (),
    rows: Iterable[Sequence[Any]] = (),
    tables: Sequence[tabular.Table] | None = None,
    organisation: Organisation | None = None,
    detail: str = "",
    expected: QuerySet[Any] | None = None,
) -> HttpResponseBase:
    """One list (`header`, `rows`) or several `tables` as a file, audited. `rows` may be
    any iterable — a generator over `queryset.iterator()` keeps the memory flat — and is
    read once, lazily, at most MAX_EXPORT_ROWS per table.

    A view whose rows come from one queryset passes it as `expected`: when it counts more
    than BACKGROUND_EXPORT_ROWS the answer is the page of a background export
    (`core.export_jobs`), and nothing is read now; the worker replays this request, and
    then the file is written into the job (where nothing is counted again)."""
    count = export_jobs.expected_rows(request, expected, MAX_EXPORT_ROWS)
    if export_jobs.goes_to_background(request, count):
        title = str(filename)
        return export_jobs.start(
            request, list_name=list_name, title=title, fmt=fmt, expected=count or 0
        )
    if tables is None:
        tables = [tabular.Table(str(filename), list(header), rows)]
    capped = [
        tabular.Table(t.title, t.header, itertools.islice(t.rows, MAX_EXPORT_ROWS)) for t in tables
    ]

    # One event per export, recorded when the count is known: Excel before the response
    # leaves (the file is complete by then), CSV when its stream ends or is broken off.
    # Counting first instead would run every list's query twice, and the rows are not
    # always a queryset (a page's table, computed indicators).
    def written(count: int, complete: bool) -> None:
        export_record(
            request,
            list_name=list_name,
            fmt=fmt,
            rows=count,
            detail=detail,
            organisation=organisation,
            complete=complete,
        )

    job = export_jobs.job_of(request)
    if job is not None:
        return export_jobs.write_file(job, fmt, capped, written)
    return tabular.response(fmt, str(filename), capped, written=written)
