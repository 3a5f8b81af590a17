"""Import jobs: upload, column mapping, validation and the all-or-nothing commit.

Validation runs every row under the same rules as the pages (intake and residence status
through people.intake.bulk, which shares them with the single-person services, a constant
number of queries per chunk; participations see transfer.participations) inside
transactions that are rolled back, in chunks so that the progress bar can move between them.
The commit runs all rows again in ONE durable transaction that also creates the
ImportedRecord rows, writes the import audit event and sets status=committed. The runner
locks the job row first and returns at once for a committed job: a retry after a crash
(kill -9, a lost worker) imports exactly once, because either the whole transaction is
visible, status included, or none of it."""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from teilhabe.core import events
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation, Role
from teilhabe.core.roles import IMPORT_ROLES, Principal, import_organisations
from teilhabe.people.intake.services import duplicate_check_record
from teilhabe.transfer import offers, participations, partners, persons, repair
from teilhabe.transfer.context import RowContext
from teilhabe.transfer.fields import CellError, Target, convert_cell, guess_mapping, targets_for
from teilhabe.transfer.models import ImportedRecord, ImportJob
from teilhabe.transfer.parsing import Row, read_rows, shown
from teilhabe.transfer.safety import UnsafeFile, check_upload
from teilhabe.transfer.template import is_example

Status = ImportJob.Status
HANDLERS: dict[str, Callable[[RowContext, dict[str, Any], int], list[tuple[str, uuid.UUID]]]] = {
    "persons": persons.import_row,
    "participations": participations.import_row,
    "offers": offers.import_row,
    "partners": partners.import_row,
}
# Kinds whose row handler only stages its objects: `prepare` runs once before a chunk's
# rows (its lookups), `flush` after them (bulk inserts), so a chunk costs a constant number
# of queries. Their rows need no savepoint: a failing row has written nothing.
BATCHED: dict[str, tuple[Callable[[RowContext, list[dict[str, Any]]], None],
                         Callable[[RowContext], None]]] = {
    "persons": (persons.prepare, persons.flush),
}  # fmt: skip
# Kinds that check a row whose cells did not all convert, so that one pass reports every
# error of the row (the failed fields are passed; their errors are reported already).
CHECKERS: dict[str, Callable[[RowContext, dict[str, Any], int, frozenset[str]], None]] = {
    "persons": persons.check_row,
    "offers": offers.check_row,
    "partners": partners.check_row,
}
FIELD_OF = {
    "persons": persons.FIELD_OF,
    "participations": participations.FIELD_OF,
    "offers": offers.FIELD_OF,
    "partners": partners.FIELD_OF,
}
CHUNK = 250


def job_create(
    *, principal: Principal, organisation: Organisation, kind: str, filename: str, content: bytes
) -> ImportJob:
    """Check the upload (raises UnsafeFile) and keep it with a guessed column mapping."""
    if kind not in IMPORT_ROLES or organisation not in import_organisations(principal, kind):
        raise PermissionDenied
    checked = check_upload(filename, content)
    header, _rows = read_rows(checked.file_format, checked.content)
    assert isinstance(principal.user, User)
    job = ImportJob(
        alliance=organisation.alliance,
        organisation=organisation,
        created_by=principal.user,
        kind=kind,
        filename=filename[-200:],
        file_format=checked.file_format,
        file_sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        header=header,
        mapping=guess_mapping(kind, header, repair.remembered(organisation, kind)),
    )
    job.full_clean(exclude=["content"])
    job.save()
    return job


def mapping_errors(kind: str, header: list[str], mapping: dict[str, int]) -> list[str]:
    errors = []
    targets = targets_for(kind)
    for name, target in targets.items():
        if target.required and name not in mapping:
            errors.append(_("Choose the column for “%(field)s”.") % {"field": target.label})
    columns = [index for index in mapping.values()]
    if len(columns) != len(set(columns)):
        errors.append(_("Each column can be assigned to one field only."))
    if any(not 0 <= index < len(header) for index in columns) or set(mapping) - set(targets):
        errors.append(_("The assignment does not fit the file. Upload it again."))
    return errors


@transaction.atomic
def job_map(
    *, job: ImportJob, mapping: dict[str, int], confirm_age: bool, confirm_duplicates: bool
) -> ImportJob:
    if job.status not in (Status.UPLOADED, Status.MAPPED, Status.VALID, Status.INVALID):
        raise ValidationError(_("This import can no longer be changed."))
    errors = mapping_errors(job.kind, job.header, mapping)
    if errors:
        raise ValidationError(errors)
    job.mapping, job.status = mapping, Status.MAPPED
    job.confirm_age, job.confirm_duplicates = confirm_age, confirm_duplicates
    job.errors, job.done, job.skip_rows = [], 0, []
    job.save(update_fields=["mapping", "status", "confirm_age", "confirm_duplicates", "errors",
                            "done", "skip_rows", "updated_at"])  # fmt: skip
    repair.remember(job)
    return job


def _principal(job: ImportJob) -> tuple[Principal, Organisation]:
    """The job's creator in the role its kind needs (core.roles.IMPORT_ROLES) in the job's
    organisation, checked again at run time: a membership ended since the upload stops
    the import."""
    principal = Principal.for_alliance(job.created_by, job.alliance)
    for organisation in import_organisations(principal, job.kind):
        if organisation.pk == job.organisation_id:
            return principal, organisation
    raise PermissionDenied


def _no_longer(job: ImportJob) -> str:
    if IMPORT_ROLES[job.kind] == Role.COORDINATOR:
        return _("You are no longer a coordinator of this organisation.")
    return _("You are no longer a case manager of this organisation.")


def _error(job: ImportJob, row: Row, name: str, message: str) -> dict[str, Any]:
    """One error: the row, the column and the value found in it, and the message. The
    value travels with the error (the case manager corrects it from the report); the job
    and its errors are deleted with the job (privacy.retention)."""
    name = FIELD_OF[job.kind].get(name, name)
    index = job.mapping.get(name)
    column = job.header[index] if index is not None else ""
    value = shown(row.values[index]) if index is not None and index < len(row.values) else ""
    return {"row": row.number, "field": name, "column": column, "value": value,
            "message": message}  # fmt: skip


def _convert(
    job: ImportJob, targets: dict[str, Target], row: Row
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    values: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    for name, index in job.mapping.items():
        try:
            values[name] = convert_cell(targets[name], row.values[index])
        except CellError as exc:
            errors.append(_error(job, row, name, str(exc)))
    return values, errors


def _handle(
    job: ImportJob, ctx: RowContext, row: Row, values: dict[str, Any], savepoint: bool
) -> tuple[list[dict[str, Any]], list[tuple[str, uuid.UUID]]]:
    errors: list[dict[str, Any]] = []
    try:
        # A savepoint for a handler that writes: a failed row leaves nothing behind.
        with transaction.atomic() if savepoint else contextlib.nullcontext():
            return [], HANDLERS[job.kind](ctx, values, row.number)
    except ValidationError as exc:
        errors.extend(_errors_of(job, row, exc))
        return errors, []


def _errors_of(
    job: ImportJob, row: Row, exc: ValidationError, known: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """A service's errors as list errors, leaving out fields in `known` (reported already)."""
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    field_of = FIELD_OF[job.kind]
    return [
        _error(job, row, name, str(message))
        for name, messages in by_field.items()
        if field_of.get(name, name) not in known
        for message in messages
    ]


def _check_failed(
    job: ImportJob, ctx: RowContext, row: Row, values: dict[str, Any], errors: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The further errors of a row some of whose cells did not convert."""
    checker = CHECKERS.get(job.kind)
    if checker is None:
        return []
    failed = frozenset(e["field"] for e in errors)
    try:
        checker(ctx, values, row.number, failed)
    except ValidationError as exc:
        return _errors_of(job, row, exc, known=failed)
    return []


Outcome = tuple[Row, list[dict[str, Any]], list[tuple[str, uuid.UUID]]]


def _process_chunk(
    job: ImportJob, ctx: RowContext, targets: dict[str, Target], rows: list[Row]
) -> list[Outcome]:
    """Every row of a chunk: its errors and what it created, in row order."""
    converted = [(row, *_convert(job, targets, row)) for row in rows]
    batched = BATCHED.get(job.kind)
    if batched:
        batched[0](ctx, [values for _row, values, errors in converted if not errors])
    outcomes: list[Outcome] = []
    for row, values, errors in converted:
        if errors:
            outcomes.append((row, errors + _check_failed(job, ctx, row, values, errors), []))
        else:
            outcomes.append((row, *_handle(job, ctx, row, values, savepoint=not batched)))
    if batched:
        batched[1](ctx)
    return outcomes


def _chunks(rows: Iterable[Row]) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _rows(job: ImportJob) -> Iterable[Row]:
    """The rows to check or import: the file with the browser's corrections laid over it,
    without the rows left out of the commit and without the template's example row."""
    _header, rows = read_rows(job.file_format, bytes(job.content))
    rows = (r for r in rows if not is_example(job.kind, job.mapping, r.values))
    return repair.corrected(job, rows, skip=frozenset(job.skip_rows))


def _fail(job_id: uuid.UUID, message: str) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        status=Status.FAILED,
        errors=[{"row": 0, "field": "", "column": "", "message": message}],
        updated_at=timezone.now(),
    )


def _load(job_id: uuid.UUID | str) -> ImportJob:
    with scopes_disabled():
        return ImportJob.objects.select_related("alliance", "created_by").get(pk=job_id)


def job_validate(*, job_id: uuid.UUID | str) -> ImportJob:
    """Check every row; nothing stays in the database. Sets VALID or INVALID with errors."""
    job = _load(job_id)
    with scope(alliance=job.alliance):
        if job.status not in (Status.MAPPED, Status.VALIDATING):
            return job
        try:
            principal, organisation = _principal(job)
            total = sum(1 for _row in _rows(job))
        except PermissionDenied:
            _fail(job.pk, _no_longer(job))
            return _load(job_id)
        except UnsafeFile as exc:
            _fail(job.pk, str(exc))
            return _load(job_id)
        ImportJob.objects.filter(pk=job.pk).update(status=Status.VALIDATING, total=total, done=0)
        ctx = RowContext(job, principal, organisation)
        targets = targets_for(job.kind)
        errors: list[dict[str, Any]] = []
        done = 0
        for chunk in _chunks(_rows(job)):
            with transaction.atomic():
                for _row, row_errors, _created in _process_chunk(job, ctx, targets, chunk):
                    errors.extend(row_errors)
                transaction.set_rollback(True)
            done += len(chunk)
            ImportJob.objects.filter(pk=job.pk).update(done=done, updated_at=timezone.now())
        _record_hints(job, ctx)
        ImportJob.objects.filter(pk=job.pk).update(
            status=Status.INVALID if errors else Status.VALID,
            errors=errors,
            total=done,
            updated_at=timezone.now(),
        )
    return _load(job_id)


def job_commit_start(
    *, job: ImportJob, unchecked: bool = False, only_valid: bool = False
) -> ImportJob:
    """Mark a checked job for the commit (the worker or `teilhabe import_run` runs it).
    `unchecked` also accepts a job whose check has not run: the commit checks every row
    anyway and stores nothing on any error (one pass instead of two, for scripts).
    `only_valid` imports the rows of a checked list that had no errors and leaves the
    others out (they stay for correcting); the commit is all-or-nothing for those rows."""
    ready = [Status.VALID, Status.MAPPED, Status.VALIDATING] if unchecked else [Status.VALID]
    skip: list[int] = []
    if only_valid and job.status == Status.INVALID and job.valid_count:
        ready, skip = [Status.INVALID], job.failed_rows
    with scope(alliance=job.alliance_id):
        changed = ImportJob.objects.filter(pk=job.pk, status__in=ready).update(
            status=Status.COMMITTING, done=0, skip_rows=skip, updated_at=timezone.now()
        )
    if not changed:
        raise ValidationError(_("Only a checked list without errors can be imported."))
    return _load(job.pk)


def job_commit(*, job_id: uuid.UUID | str) -> ImportJob:
    """The all-or-nothing commit; idempotent (see the module docstring). Whoever started
    the import is told it has finished, whatever the outcome."""
    job = _commit_job(job_id)
    events.import_finished.send(sender=ImportJob, instance=job)
    return job


def _commit_job(job_id: uuid.UUID | str) -> ImportJob:
    job = _load(job_id)
    with scope(alliance=job.alliance):
        try:
            principal, organisation = _principal(job)
        except PermissionDenied:
            _fail(job.pk, _no_longer(job))
            return _load(job_id)
        ctx = RowContext(job, principal, organisation)
        try:
            errors = _commit(job, ctx)
        except UnsafeFile as exc:  # a sheet that breaks halfway: nothing was stored
            _fail(job.pk, str(exc))
            return _load(job_id)
        _record_hints(job, ctx)
        if errors:
            # Unchecked, or the data changed since the check (a person taken in meanwhile).
            ImportJob.objects.filter(pk=job.pk).update(
                status=Status.INVALID, errors=errors, updated_at=timezone.now()
            )
    return _load(job_id)


def _record_hints(job: ImportJob, ctx: RowContext) -> None:
    """A run that told the organisation of possible entries in another organisation leaves
    one event, as the intake form does (`duplicate_check_record`): the check itself was
    rolled back, the warning was shown."""
    if ctx.hints:
        duplicate_check_record(
            actor=ctx.principal.user,  # type: ignore[arg-type]
            alliance=job.alliance,
            organisation=ctx.organisation,
        )


def _commit(job: ImportJob, ctx: RowContext) -> list[dict[str, Any]]:
    """The one transaction: every row, the records, the audit event and status=committed;
    rolled back whole on any row error. Returns the row errors."""
    errors: list[dict[str, Any]] = []
    principal, organisation = ctx.principal, ctx.organisation
    with transaction.atomic(durable=True):
        job = ImportJob.objects.select_for_update().select_related("alliance").get(pk=job.pk)
        if job.status != Status.COMMITTING:
            return []  # committed before (a retry), or not ready: nothing to do
        ctx.job = job
        targets = targets_for(job.kind)
        records: list[ImportedRecord] = []
        for chunk in _chunks(_rows(job)):
            for row, row_errors, created in _process_chunk(job, ctx, targets, chunk):
                errors.extend(row_errors)
                if not row_errors and created:
                    object_type, object_id = created[0]
                    records.append(
                        ImportedRecord(
                            alliance=job.alliance,
                            job=job,
                            row=row.number,
                            object_type=object_type,
                            object_id=object_id,
                        )
                    )
        if errors:
            transaction.set_rollback(True)
            return errors
        ImportedRecord.objects.bulk_create(records, batch_size=500)
        if job.skip_rows:  # before the file goes: the rows left out, to correct them
            job.rest_content, job.rest_count = repair.rest_workbook(job), len(job.skip_rows)
        job.status, job.content = Status.COMMITTED, b""
        job.created_count = job.done = len(records)
        job.committed_at = timezone.now()
        job.save(update_fields=["status", "content", "created_count", "done", "committed_at",
                                "rest_content", "rest_count", "updated_at"])  # fmt: skip
        audit_record(
            action=AuditEvent.Action.IMPORT,
            actor=principal.user,
            alliance=job.alliance,
            organisation=organisation,
            obj=job,
            purpose=f"{job.kind}: {len(records)} rows",
        )
    return []


def job_run(*, job_id: uuid.UUID | str) -> ImportJob:
    """What `teilhabe import_run JOB_ID` does: commit a prepared job in one pass (the commit
    checks every row and stores nothing on any error); a committed job stays as it is."""
    job = _load(job_id)
    if job.status in (Status.MAPPED, Status.VALIDATING, Status.VALID):
        job = job_commit_start(job=job, unchecked=True)
    if job.status == Status.COMMITTING:
        job = job_commit(job_id=job.pk)
    return job
