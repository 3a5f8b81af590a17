"""Every list export goes through here: a list view asks `export_format(request)`; when the
request carries `format=csv|xlsx` it answers with `export_response(...)` instead of the
page — the same rows the page would show (same access helpers, same filters, all pages),
written by `core.tabular` (formula injection neutralised) and audited as one "export"
event with the row count only. Tables without a purpose-built export download through
`core.table_export` (`?tabelle=…&als=…`), which audits the same way."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise

from teilhabe.core import tabular
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation

MAX_EXPORT_ROWS = 50_000  # anti-automation: a list larger than this is filtered first
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
) -> None:
    """The audit event of one export: which list (and `detail`, e.g. the page of a table),
    which format, how many rows — never a value of a row."""
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=request.user,
        alliance=getattr(request, "alliance", None),
        organisation=organisation,
        object_type=list_name[:60],
        purpose=" ".join(filter(None, [list_name, detail, f"{fmt}: {rows} rows"]))[:200],
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
) -> HttpResponse:
    """One list (`header`, `rows`) or several `tables` as a file, audited."""
    if tables is None:
        tables = [tabular.Table(str(filename), list(header), rows)]
    capped, total = [], 0
    for table in tables:
        kept = [list(r) for r in itertools.islice(table.rows, MAX_EXPORT_ROWS)]
        capped.append(tabular.Table(table.title, table.header, kept))
        total += len(kept)
    export_record(
        request,
        list_name=list_name,
        fmt=fmt,
        rows=total,
        detail=detail,
        organisation=organisation,
    )
    return tabular.response(fmt, str(filename), capped)
