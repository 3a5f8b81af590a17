"""Matrix rows of the recognition area: the owning case manager writes; the Jobcenter A,
which reads person A's education through the consent, sees the procedures on the person
page and through the API but opens none of these forms."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import CASE_MANAGER_A, PERSON_A
from tests.recognition.helpers import certificate, procedure

EXPECTED: dict[str, dict[str, int]] = {
    "recognition:procedure_open": CASE_MANAGER_A,
    "recognition:procedure_decide": CASE_MANAGER_A,
    "recognition:procedure_withdraw": CASE_MANAGER_A,
    "api:certificate_list": {**PERSON_A, "anon": 401},
}


def url_kwargs(world: World) -> dict[str, Any]:
    return {"procedure_id": procedure(certificate(world.a.person)).pk}
