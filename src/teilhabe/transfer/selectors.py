"""Reads of import jobs: a job is visible only to the case manager who started it, within
the organisations they are case manager of here (404 otherwise)."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from teilhabe.core.models import Organisation
from teilhabe.core.roles import Principal
from teilhabe.transfer.models import ImportJob


def own_jobs(principal: Principal, organisations: list[Organisation]) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(
        created_by_id=principal.user.pk, organisation__in=organisations
    ).defer("content", "rest_content")


def get_own_job(
    principal: Principal, organisations: list[Organisation], job_id: uuid.UUID
) -> ImportJob:
    job = own_jobs(principal, organisations).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


def job_content(job: ImportJob) -> bytes:
    """The uploaded file of a job already read through `get_own_job` (deferred there)."""
    return bytes(ImportJob.objects.values_list("content", flat=True).get(pk=job.pk))


def job_rest(job: ImportJob) -> bytes:
    """The rows a commit left out (deferred on the job like the file)."""
    return bytes(ImportJob.objects.values_list("rest_content", flat=True).get(pk=job.pk))
