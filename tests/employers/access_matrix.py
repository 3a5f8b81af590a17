"""Matrix rows of the employer directory: alliance A's staff read it (not volunteers, not the
data-protection officer), coordinators and case managers edit it; the archive is POST only.
Only coordinators see the young people per firm. The API list: the same staff, 401 without
login."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.employers.helpers import employer
from tests.matrix import COORD_A, row

STAFF_A = row(404, anon=302, cm_a=200, coord_a=200, partner_a=200, abh_a=200, cm_a_jmd=200)
EDITORS_A = row(404, anon=302, cm_a=200, coord_a=200, cm_a_jmd=200)

EXPECTED: dict[str, dict[str, int]] = {
    "employers:employer_list": STAFF_A,
    "employers:employer_detail": STAFF_A,
    "employers:employer_new": EDITORS_A,
    "employers:employer_edit": EDITORS_A,
    "employers:employer_archive": {k: 405 if v == 200 else v for k, v in STAFF_A.items()},
    "employers:placements": COORD_A,
    "api:employer_list": {**STAFF_A, "anon": 401},
}


def url_kwargs(world: World) -> dict[str, Any]:
    return {"employer_id": employer(world.a.alliance).pk}
