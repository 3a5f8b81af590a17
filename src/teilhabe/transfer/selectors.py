"""Reads of import jobs: a job is visible only to the user who started it, and only while
they hold the role its kind needs (core.roles.IMPORT_ROLES) in its organisation (404
otherwise)."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from django.http import Http404

from teilhabe.core.roles import Principal, import_kinds, import_organisations
from teilhabe.transfer.models import ImportJob


def own_jobs(principal: Principal) -> QuerySet[ImportJob]:
    allowed = Q(pk__in=[])
    for kind in import_kinds(principal):
        allowed |= Q(kind=kind, organisation__in=import_organisations(principal, kind))
    return ImportJob.objects.filter(allowed, created_by_id=principal.user.pk).defer(
        "content", "rest_content"
    )


def get_own_job(principal: Principal, job_id: uuid.UUID) -> ImportJob:
    job = own_jobs(principal).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


def job_content(job: ImportJob) -> bytes:
    """The uploaded file of a job already read through `get_own_job` (deferred there)."""
    return bytes(ImportJob.objects.values_list("content", flat=True).get(pk=job.pk))


def job_rest(job: ImportJob) -> bytes:
    """The rows a commit left out (deferred on the job like the file)."""
    return bytes(ImportJob.objects.values_list("rest_content", flat=True).get(pk=job.pk))
