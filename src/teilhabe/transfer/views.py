"""Pages of the list import: upload, column mapping with a preview, the check with its
progress bar and error report, and the commit.

Case managers import persons and participations into their own organisation, coordinators
the alliance's offers and partners (core.roles.IMPORT_ROLES). A job is visible only to the
user who uploaded it, and only while they hold that role in its organisation; anyone else
gets 404 (the preview shows personal data from the file).
"""

from __future__ import annotations

import itertools
import re
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.core import tabular
from teilhabe.core.exports import export_record, export_response
from teilhabe.core.roles import Principal, import_kinds
from teilhabe.core.web import AllianceRequest
from teilhabe.offers.selectors import maintainable_providers
from teilhabe.transfer import repair, selectors, services
from teilhabe.transfer.fields import TARGETS, targets_for
from teilhabe.transfer.forms import MappingForm, UploadForm, initial_mapping
from teilhabe.transfer.models import ImportJob, ImportKind
from teilhabe.transfer.parsing import read_rows, shown
from teilhabe.transfer.safety import UnsafeFile, max_bytes, too_large_message
from teilhabe.transfer.tasks import import_commit_task, import_validate_task
from teilhabe.transfer.template import template_workbook

PREVIEW_ROWS = 10
CELL_NAME = re.compile(r"z(\d+)s(\d+)")
Status = ImportJob.Status


def _kinds(request: AllianceRequest) -> list[str]:
    """The kinds of list the user may import here (core.roles.IMPORT_ROLES); none: 404."""
    kinds = import_kinds(request.principal)
    if not kinds:
        raise Http404
    return kinds


def _job(request: AllianceRequest, job_id: uuid.UUID) -> ImportJob:
    principal: Principal = request.principal
    return selectors.get_own_job(principal, job_id)


@require_GET
def job_list(request: AllianceRequest) -> HttpResponse:
    kinds = _kinds(request)
    principal: Principal = request.principal
    jobs = selectors.own_jobs(principal).select_related("organisation").defer("errors")[:50]
    templates = [(kind, ImportKind(kind).label) for kind in kinds]
    return TemplateResponse(
        request, "transfer/job_list.html", {"jobs": jobs, "templates": templates}
    )


@require_http_methods(["GET", "POST"])
def job_create(request: AllianceRequest) -> HttpResponse:
    _kinds(request)
    form = UploadForm(principal=request.principal)
    if request.method == "POST":
        # Refuse an oversize body before Django spools it to disk.
        if int(request.META.get("CONTENT_LENGTH") or 0) > max_bytes() + 64 * 1024:
            context = {**_upload_context(form), "upload_error": too_large_message()}
            return TemplateResponse(request, "transfer/upload.html", context, status=400)
        form = UploadForm(request.POST, request.FILES, principal=request.principal)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > max_bytes():
                    raise UnsafeFile(too_large_message())
                job = services.job_create(
                    principal=request.principal,
                    organisation=form.cleaned_data["organisation"],
                    kind=form.cleaned_data["kind"],
                    filename=upload.name,
                    content=upload.read(),
                )
            except UnsafeFile as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("transfer:job", request.alliance.slug, job.pk)
    return TemplateResponse(request, "transfer/upload.html", _upload_context(form))


def _upload_context(form: UploadForm) -> dict[str, Any]:
    return {"form": form, "max_mb": max_bytes() // (1024 * 1024)}


def _preview(job: ImportJob) -> dict[str, Any]:
    content = selectors.job_content(job)
    if not content or not job.mapping:
        return {}
    try:
        _header, rows = read_rows(job.file_format, content)
        sample = list(itertools.islice(rows, PREVIEW_ROWS))
    except UnsafeFile:
        return {}
    targets = [t for t in TARGETS[job.kind] if t.name in job.mapping]
    return {
        "preview_header": [t.label for t in targets],
        "preview_rows": [
            (row.number, [shown(row.values[job.mapping[t.name]]) for t in targets])
            for row in sample
        ],
    }


# The fields that name a row's entry in the correction table, per kind of list.
ENTRY_FIELDS = {"offers": ("title",), "partners": ("name",)}
PERSON_FIELDS = ("given_name", "family_name")


def _correctable(job: ImportJob) -> list[dict[str, Any]]:
    """The cells with errors of the rows with errors, as the correction table shows them:
    row, the entry (a person's name, an offer's title) as read, the field, its input (name,
    text) and its errors. An error that belongs to no column of the file has no input."""
    targets = targets_for(job.kind)
    lines = []
    for row, errors in repair.failed_rows(job, limit=repair.CORRECTABLE_ROWS):
        person = " ".join(
            shown(row.values[job.mapping[name]])
            for name in ENTRY_FIELDS.get(job.kind, PERSON_FIELDS)
            if name in job.mapping
        )
        by_field: dict[str, list[str]] = {}
        for error in errors:
            by_field.setdefault(error["field"], []).append(error["message"])
        for name, texts in by_field.items():
            index = job.mapping.get(name)
            target = targets.get(name)
            lines.append(
                {
                    "row": row.number,
                    "person": person,
                    "label": target.label if target else "",
                    "input": f"z{row.number}s{index}" if index is not None else "",
                    "text": shown(row.values[index]) if index is not None else "",
                    "errors": texts,
                }
            )
    return lines


@require_http_methods(["GET", "POST"])
def job_detail(request: AllianceRequest, import_job_id: uuid.UUID) -> HttpResponse:
    job = _job(request, import_job_id)
    can_map = job.status in (Status.UPLOADED, Status.VALID, Status.INVALID)
    if request.method == "POST":
        if not can_map:
            raise Http404
        form = MappingForm(request.POST, kind=job.kind, header=job.header)
        if form.is_valid():
            try:
                services.job_map(
                    job=job,
                    mapping=form.mapping(),
                    confirm_age=form.cleaned_data.get("confirm_age", False),
                    confirm_duplicates=form.cleaned_data.get("confirm_duplicates", False),
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                import_validate_task.enqueue(str(job.pk))
                return redirect("transfer:job", request.alliance.slug, job.pk)
    else:
        form = MappingForm(
            initial={
                **initial_mapping(job.mapping),
                "confirm_age": job.confirm_age,
                "confirm_duplicates": job.confirm_duplicates,
            },
            kind=job.kind,
            header=job.header,
        )
    return TemplateResponse(
        request,
        "transfer/job_detail.html",
        {
            "job": job,
            "form": form,
            "can_map": can_map,
            "correctable_rows": repair.CORRECTABLE_ROWS,
            "correctable": _correctable(job) if job.status == Status.INVALID else [],
            **(_preview(job) if can_map else {}),
        },
    )


@require_GET
def job_progress(request: AllianceRequest, import_job_id: uuid.UUID) -> HttpResponse:
    job = _job(request, import_job_id)
    response = TemplateResponse(request, "transfer/_progress.html", {"job": job})
    if request.htmx and not job.is_running:
        # Done: reload the page, which now shows the result.
        response["HX-Refresh"] = "true"
    return response


def job_commit(request: AllianceRequest, import_job_id: uuid.UUID) -> HttpResponse:
    job = _job(request, import_job_id)  # 404 before 405: nothing about foreign jobs leaks
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.job_commit_start(job=job, only_valid=request.POST.get("nur_fehlerfreie") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        import_commit_task.enqueue(str(job.pk))
    return redirect("transfer:job", request.alliance.slug, job.pk)


def job_correct(request: AllianceRequest, import_job_id: uuid.UUID) -> HttpResponse:
    """The corrected cells of the rows with errors (inputs named z<row>s<column>)."""
    job = _job(request, import_job_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    cells: dict[tuple[int, int], str] = {}
    for name in request.POST:
        if match := CELL_NAME.fullmatch(name):
            cells[(int(match.group(1)), int(match.group(2)))] = request.POST.get(name, "")
    try:
        repair.job_correct(job=job, principal=request.principal, cells=cells)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        import_validate_task.enqueue(str(job.pk))
    return redirect("transfer:job", request.alliance.slug, job.pk)


@require_GET
def error_report(request: AllianceRequest, import_job_id: uuid.UUID) -> HttpResponseBase:
    """The rows with errors as they are in the file, with an error column, to correct them
    in Excel and upload them again."""
    job = _job(request, import_job_id)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in tabular.FORMATS or not job.failed_rows:
        raise Http404
    return export_response(
        request,
        fmt=fmt,
        filename=_("import errors"),
        list_name="import error report",
        tables=[repair.rest_table(job)],
        organisation=job.organisation,
    )


@require_GET
def rest_download(request: AllianceRequest, import_job_id: uuid.UUID) -> HttpResponse:
    """The rows an "import the valid rows now" left out, with their error column."""
    job = _job(request, import_job_id)
    content = selectors.job_rest(job)
    if not content:
        raise Http404
    export_record(
        request,
        list_name="import rest",
        fmt="xlsx",
        rows=job.rest_count,
        organisation=job.organisation,
    )
    response = HttpResponse(content, content_type=tabular.XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="import-rest.xlsx"'
    return response


def rest_import(request: AllianceRequest, import_job_id: uuid.UUID) -> HttpResponse:
    """Start a new import with the rows left out, to correct them here."""
    job = _job(request, import_job_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        created = repair.job_from_rest(job=job, principal=request.principal)
    except (ValidationError, UnsafeFile) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("transfer:job", request.alliance.slug, job.pk)
    import_validate_task.enqueue(str(created.pk))
    return redirect("transfer:job", request.alliance.slug, created.pk)


@require_GET
def import_template(request: AllianceRequest) -> HttpResponseBase:
    """The list to fill in, with the column titles the import recognises at once: as Excel
    with dropdowns, an example row and an explanation sheet (transfer.template), as CSV the
    column titles only."""
    kinds = _kinds(request)
    kind, fmt = request.GET.get("kind", kinds[0]), request.GET.get("format", "xlsx")
    if kind not in kinds or fmt not in tabular.FORMATS:
        raise Http404
    if fmt == "csv":
        header = [str(t.label) for t in TARGETS[kind]]  # in the active language
        return tabular.response(fmt, _("import template"), [tabular.Table(kind, header, [])])
    places = request.alliance.gemeinden().order_by("name").values_list("name", flat=True)
    providers: list[str] = []
    if kind == ImportKind.OFFERS:
        providers = [o.name for o in maintainable_providers(request.principal)]
    workbook = template_workbook(kind, places=list(places), providers=providers)
    response = HttpResponse(workbook, content_type=tabular.XLSX_TYPE)
    name = slugify(f"{_('import template')} {ImportKind(kind).label}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
