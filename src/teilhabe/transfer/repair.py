"""Getting the rest of a list in: the column titles an organisation assigned before, cells
corrected in the browser, and the rows with errors as a file with an error column.

The corrections are kept beside the file and laid over it whenever it is read, so the file
stays as uploaded and a check or commit sees exactly what the user confirmed. The rest file
is written in the commit transaction of an "import the valid rows now", from the same rows,
and replaces the file (which is wiped): the database keeps only what is not imported yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core import tabular
from teilhabe.core.models import Organisation
from teilhabe.core.roles import Principal
from teilhabe.transfer.matching import fold
from teilhabe.transfer.models import ColumnMemory, ImportJob
from teilhabe.transfer.parsing import MAX_CELL, Row, read_rows

Status = ImportJob.Status
# The rows with errors one correction form shows (the rest: in the next round or the file).
CORRECTABLE_ROWS = 50


def remembered(organisation: Organisation, kind: str) -> dict[str, str]:
    """Folded column title -> field, as the organisation assigned them last time."""
    return dict(
        ColumnMemory.objects.filter(organisation=organisation, kind=kind).values_list(
            "title", "field"
        )
    )


def remember(job: ImportJob) -> None:
    """Keep the job's assignment for the organisation's next list (one title, one field)."""
    titles = {fold(job.header[index])[:200]: name for name, index in job.mapping.items()}
    titles.pop("", None)
    existing = ColumnMemory.objects.filter(organisation_id=job.organisation_id, kind=job.kind)
    existing.filter(title__in=titles).delete()
    existing.filter(field__in=titles.values()).delete()
    ColumnMemory.objects.bulk_create(
        ColumnMemory(
            alliance_id=job.alliance_id,
            organisation_id=job.organisation_id,
            kind=job.kind,
            title=title,
            field=name,
        )
        for title, name in titles.items()
    )


def corrected(job: ImportJob, rows: Iterable[Row], skip: frozenset[int]) -> Iterator[Row]:
    """The rows with the browser's corrections laid over them, without the `skip` rows."""
    fixes: dict[str, dict[str, str]] = job.corrections or {}
    for row in rows:
        if row.number in skip:
            continue
        fix = fixes.get(str(row.number))
        if fix:
            values = list(row.values)
            for column, text in fix.items():
                values[int(column)] = text.strip() or None
            row = Row(row.number, values)
        yield row


def failed_rows(job: ImportJob, limit: int | None = None) -> list[tuple[Row, list[dict[str, Any]]]]:
    """The rows with errors (corrections laid over them) and their errors, in row order."""
    by_row: dict[int, list[dict[str, Any]]] = {}
    for error in job.errors:
        if error.get("row"):
            by_row.setdefault(error["row"], []).append(error)
    if not by_row or not job.content:
        return []
    _header, rows = read_rows(job.file_format, bytes(job.content))
    found = []
    for row in corrected(job, rows, skip=frozenset()):
        if row.number in by_row:
            found.append((row, by_row[row.number]))
            if limit is not None and len(found) >= limit:
                break
    return found


def _error_text(errors: list[dict[str, Any]]) -> str:
    return " ".join(
        f"{e['column']}: {e['message']}" if e.get("column") else e["message"] for e in errors
    )


def rest_table(job: ImportJob) -> tabular.Table:
    """The rows with errors as they are in the file, and a last column with their errors."""
    header = [*job.header, _("Errors")]
    rows = [[*row.values, _error_text(errors)] for row, errors in failed_rows(job)]
    return tabular.Table(_("Rows with errors"), header, rows)


def rest_workbook(job: ImportJob) -> bytes:
    return tabular.xlsx_bytes([rest_table(job)])


@transaction.atomic
def job_correct(
    *, job: ImportJob, principal: Principal, cells: dict[tuple[int, int], str]
) -> ImportJob:
    """Lay the corrected cells ((row, column index) -> text) over the file and queue the
    list for a new check. Only rows with errors of a checked list can be corrected."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != Status.INVALID or job.created_by_id != principal.user.pk:
        raise ValidationError(_("This import can no longer be changed."))
    failed = set(job.failed_rows)
    fixes: dict[str, dict[str, str]] = dict(job.corrections or {})
    for (row, column), text in cells.items():
        if row not in failed or not 0 <= column < len(job.header):
            raise ValidationError(_("The assignment does not fit the file. Upload it again."))
        fixes.setdefault(str(row), {})[str(column)] = text[: MAX_CELL + 1]
    job.corrections, job.status, job.errors, job.done = fixes, Status.MAPPED, [], 0
    job.save(update_fields=["corrections", "status", "errors", "done", "updated_at"])
    return job


@transaction.atomic
def job_from_rest(*, job: ImportJob, principal: Principal) -> ImportJob:
    """A new import of the rows an earlier commit left out (their file, error column and
    all), with the earlier job's assignment and options, ready for its check (the caller
    queues it) — to be corrected and imported like any list."""
    from teilhabe.transfer.services import job_create, job_map

    if job.status != Status.COMMITTED or not job.rest_count:
        raise ValidationError(_("This import has no rows left to import."))
    organisation = Organisation.objects.get(pk=job.organisation_id)
    created = job_create(
        principal=principal,
        organisation=organisation,
        kind=job.kind,
        filename=_("rest of %(file)s") % {"file": job.filename.rsplit(".", 1)[0]} + ".xlsx",
        content=bytes(job.rest_content),
    )
    ImportJob.objects.filter(pk=job.pk).update(rest_content=b"", rest_count=0)
    # The rest file has the list's own columns first: the same assignment fits.
    return job_map(
        job=created,
        mapping=job.mapping,
        confirm_age=job.confirm_age,
        confirm_duplicates=job.confirm_duplicates,
    )
