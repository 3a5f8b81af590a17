"""The permission matrix: expected status per URL name and persona.

Each area keeps its rows in `tests/<app>[/<subpackage>]/access_matrix.py` with a module-level
`EXPECTED` dict and, if its URLs take parameters, `url_kwargs(world) -> dict` (objects of
alliance A).
`tests/matrix/test_permission_matrix.py` merges them and fails on any URL without a row.
Statuses: 200 ok, 302 redirect (to login, or a start page), 401 API without login,
404 hidden, 405 wrong method.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from tests.conftest import PERSONAS, World

ALL = {p: 200 for p in PERSONAS}


def row(default: int, **overrides: int) -> dict[str, int]:
    return {p: overrides.get(p, default) for p in PERSONAS}


LOGGED_IN_OK = row(200, anon=302)
ANON_ONLY = row(302, anon=200)  # allauth entrance pages redirect signed-in users
CASE_MANAGER_A = row(404, anon=302, cm_a=200)
# Person A: their case manager, and the Jobcenter A through the person's consent.
PERSON_A = row(404, anon=302, cm_a=200, partner_a=200)
MEMBERS_A = row(
    404,
    anon=302,
    cm_a=200,
    coord_a=200,
    partner_a=200,
    abh_a=200,
    cm_a_jmd=200,
    volunteer_a=200,
    dpo_a=200,
)
# The data-protection officer of Teilhabemanagement A (issue 7): the privacy pages.
DPO_A = row(404, anon=302, dpo_a=200)
# Partner staff see persons only through a consent; until casework brings consents they
# have a person list that is empty, not a 404. Coordinators have no person list at all.
PERSON_LIST_A = row(404, anon=302, cm_a=200, partner_a=200, abh_a=200, cm_a_jmd=200)
COORD_A = row(404, anon=302, coord_a=200)
STATE = row(404, anon=302, state=200, researcher=200)
# Home: one alliance → redirect to its start page; state roles → state overview.
HOME = row(302)
POST_ONLY = row(405, anon=302)
NO_AUTHENTICATOR = row(404, anon=302)  # allauth: nothing to show before TOTP is set up


def access_modules() -> list[Any]:
    """Every tests/**/access_matrix.py, ordered by its folder's name (as before the move)."""
    tests_dir = Path(__file__).parent.parent
    found = sorted(tests_dir.rglob("access_matrix.py"), key=lambda p: (p.parent.name, str(p)))
    names = [".".join(p.relative_to(tests_dir.parent).with_suffix("").parts) for p in found]
    return [importlib.import_module(name) for name in names]


def collect_expected() -> dict[str, dict[str, int]]:
    merged: dict[str, dict[str, int]] = {}
    for module in access_modules():
        overlap = set(merged) & set(module.EXPECTED)
        assert not overlap, f"URL rows defined twice: {overlap}"
        merged.update(module.EXPECTED)
    return merged


def collect_kwargs(world: World) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    for module in access_modules():
        if hasattr(module, "url_kwargs"):
            kwargs.update(module.url_kwargs(world))
    return kwargs
