"""Driving an import through the pages, as a case manager does."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.transfer.models import ImportJob
from tests.conftest import World


def upload(
    client: Client,
    world: World,
    content: bytes,
    name: str = "liste.xlsx",
    kind: str = "persons",
    organisation: Any = None,
) -> Any:
    """Upload as a case manager of the office (persons, participations) or as the
    coordinator of the lead office (offers, partners), unless `organisation` is given."""
    if organisation is None:
        coordinated = kind in ("offers", "partners")
        organisation = world.a.lead_office if coordinated else world.a.tm_office
    return client.post(
        reverse("transfer:upload", args=[world.a.alliance.slug]),
        {
            "organisation": organisation.pk,
            "kind": kind,
            "file": SimpleUploadedFile(name, content),
        },
    )


def last_job() -> ImportJob:
    with scopes_disabled():
        return ImportJob.objects.order_by("-created_at").first()  # type: ignore[return-value]


def job_url(world: World, job: ImportJob, name: str = "transfer:job") -> str:
    return reverse(name, args=[world.a.alliance.slug, job.pk])


def map_and_check(client: Client, world: World, job: ImportJob, **options: Any) -> ImportJob:
    """Post the guessed mapping back (the form shows it preselected); the check runs at once
    in tests (immediate task backend)."""
    data = {f"col_{name}": str(index) for name, index in job.mapping.items()}
    data.update({k: "on" for k, v in options.items() if v})
    response = client.post(job_url(world, job), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    job.refresh_from_db()
    return job


def commit(client: Client, world: World, job: ImportJob) -> ImportJob:
    response = client.post(job_url(world, job, "transfer:commit"))
    assert response.status_code == 302
    job.refresh_from_db()
    return job
