"""The page of a background export (`core.export_jobs`): its progress, polled by htmx, then
the download. A job is its user's alone: any other id answers 404."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from teilhabe.core.downloads import file_download
from teilhabe.core.export_jobs import jobs_for, keep_hours
from teilhabe.core.models import ExportJob
from teilhabe.core.tabular import XLSX_TYPE
from teilhabe.core.web import AllianceRequest, alliance_view

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE}


def _job(request: AllianceRequest, job_id: uuid.UUID) -> ExportJob:
    return get_object_or_404(jobs_for(request.user).filter(alliance=request.alliance), pk=job_id)


@alliance_view("member")
@require_GET
def export_job(request: AllianceRequest, job_id: uuid.UUID) -> HttpResponse:
    job = _job(request, job_id)
    context = {"job": job, "keep_hours": keep_hours()}
    if request.htmx:  # the polled progress alone
        return TemplateResponse(request, "core/_export_progress.html", context)
    return TemplateResponse(request, "core/export_job.html", context)


@alliance_view("member")
@require_GET
def export_job_file(request: AllianceRequest, job_id: uuid.UUID) -> HttpResponseBase:
    job = _job(request, job_id)
    if job.status != ExportJob.Status.DONE:
        raise Http404
    name = f"{slugify(job.title) or 'export'}.{job.fmt}"
    return file_download(job.file, filename=name, content_type=CONTENT_TYPES[job.fmt])
