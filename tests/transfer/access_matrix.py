"""Matrix rows for the list import (transfer:*): case managers (persons, participations) and
the coordinator (offers, partners) of alliance A; a job only for the user who uploaded it."""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from teilhabe.transfer.models import ImportJob
from tests.conftest import World
from tests.matrix import CASE_MANAGER_A, row
from tests.transfer import files

IMPORTERS_A = row(404, anon=302, cm_a=200, cm_a_jmd=200, coord_a=200)

EXPECTED: dict[str, dict[str, int]] = {
    "transfer:job_list": IMPORTERS_A,
    "transfer:upload": IMPORTERS_A,
    "transfer:template": IMPORTERS_A,
    "transfer:job": CASE_MANAGER_A,
    "transfer:progress": CASE_MANAGER_A,
    "transfer:errors": CASE_MANAGER_A,
    # The job is looked up first: only its uploader learns that the page takes POST only.
    "transfer:commit": row(404, anon=302, cm_a=405),
    "transfer:correct": row(404, anon=302, cm_a=405),
    "transfer:rest": CASE_MANAGER_A,
    "transfer:rest_import": row(404, anon=302, cm_a=405),
}


def url_kwargs(world: World) -> dict[str, Any]:
    with scopes_disabled():
        job = ImportJob.objects.create(
            alliance=world.a.alliance,
            organisation=world.a.tm_office,
            created_by=world.users["cm_a"],
            kind="persons",
            status=ImportJob.Status.INVALID,
            filename="liste.xlsx",
            file_format="xlsx",
            file_sha256="0" * 64,
            content=files.person_xlsx(1),
            header=files.PERSON_HEADER,
            mapping={"given_name": 0},
            errors=[{"row": 2, "field": "sex", "column": "Geschlecht", "message": "x"}],
            rest_content=files.person_xlsx(1),
            rest_count=1,
        )
    return {"import_job_id": job.pk}
