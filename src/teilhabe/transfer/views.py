"""Pages of the list import: upload, column mapping with a preview, the check with its
progress bar and error report, and the commit.

Case managers import into their own organisation. A job is visible only to the case manager
who uploaded it, and only while they are case manager of its organisation; anyone else gets
404 (the preview shows personal data from the file).
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.core import tabular
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation, Role
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest
from teilhabe.transfer import selectors, services
from teilhabe.transfer.fields import TARGETS, targets_for
from teilhabe.transfer.forms import MappingForm, UploadForm, initial_mapping
from teilhabe.transfer.models import ImportJob
from teilhabe.transfer.parsing import read_rows
from teilhabe.transfer.safety import UnsafeFile, max_bytes, too_large_message
from teilhabe.transfer.tasks import import_commit_task, import_validate_task

PREVIEW_ROWS = 10
Status = ImportJob.Status


def _organisations(request: AllianceRequest) -> list[Organisation]:
    principal: Principal = request.principal
    organisations = principal.organisations(Role.CASE_MANAGER)
    if not organisations:
        raise Http404
    return organisations


def _job(request: AllianceRequest, job_id: uuid.UUID) -> ImportJob:
    principal: Principal = request.principal
    return selectors.get_own_job(principal, _organisations(request), job_id)


@require_GET
def job_list(request: AllianceRequest) -> HttpResponse:
    organisations = _organisations(request)
    principal: Principal = request.principal
    jobs = (
        selectors.own_jobs(principal, organisations)
        .select_related("organisation")
        .defer("errors")[:50]
    )
    return TemplateResponse(request, "transfer/job_list.html", {"jobs": jobs})


@require_http_methods(["GET", "POST"])
def job_create(request: AllianceRequest) -> HttpResponse:
    organisations = _organisations(request)
    form = UploadForm(organisations=organisations)
    if request.method == "POST":
        # Refuse an oversize body before Django spools it to disk.
        if int(request.META.get("CONTENT_LENGTH") or 0) > max_bytes() + 64 * 1024:
            context = {**_upload_context(form), "upload_error": too_large_message()}
            return TemplateResponse(request, "transfer/upload.html", context, status=400)
        form = UploadForm(request.POST, request.FILES, organisations=organisations)
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
            (row.number, [_shown(row.values[job.mapping[t.name]]) for t in targets])
            for row in sample
        ],
    }


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _errors_shown(job: ImportJob, limit: int = 100) -> list[dict[str, Any]]:
    targets = targets_for(job.kind)
    shown = []
    for error in job.errors[:limit]:
        target = targets.get(error["field"])
        shown.append({**error, "label": target.label if target else ""})
    return shown


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
            "errors_shown": _errors_shown(job),
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
        services.job_commit_start(job=job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        import_commit_task.enqueue(str(job.pk))
    return redirect("transfer:job", request.alliance.slug, job.pk)


@require_GET
def error_report(request: AllianceRequest, import_job_id: uuid.UUID) -> HttpResponseBase:
    job = _job(request, import_job_id)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in tabular.FORMATS or not job.errors:
        raise Http404
    targets = targets_for(job.kind)
    rows = [
        [
            e["row"] or "",
            e.get("column", ""),
            str(targets[e["field"]].label) if e["field"] in targets else "",
            e["message"],
        ]
        for e in job.errors
    ]
    table = tabular.Table(
        _("Errors"), [_("Row"), _("Column in the file"), _("Field"), _("Message")], rows
    )
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=request.user,
        alliance=request.alliance,
        organisation=job.organisation,
        obj=job,
        purpose="import error report",
    )
    return tabular.response(fmt, _("import errors"), [table])


@require_GET
def import_template(request: AllianceRequest) -> HttpResponseBase:
    """An empty list with the column titles the import recognises at once."""
    _organisations(request)
    kind, fmt = request.GET.get("kind", "persons"), request.GET.get("format", "xlsx")
    if kind not in TARGETS or fmt not in tabular.FORMATS:
        raise Http404
    header = [str(t.label) for t in TARGETS[kind]]  # in the active language
    return tabular.response(fmt, _("import template"), [tabular.Table(kind, header, [])])
