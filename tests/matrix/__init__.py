"""The permission matrix: expected status per URL name and persona.

Each area keeps its rows in `tests/<app>[/<subpackage>]/access_matrix.py` with a module-level
`EXPECTED` dict and, if its URLs take parameters, `url_kwargs(world) -> dict` (objects of
alliance A). `tests/matrix/test_permission_matrix.py` merges them, checks each URL × persona
as one test case and fails on any URL without a row.
Statuses: 200 ok, 302 redirect (to login, or a start page), 401 API without login,
404 hidden, 405 wrong method.
"""

from __future__ import annotations

import fnmatch
import importlib
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

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


def _walk(resolver: URLResolver, prefix: str = "", ns: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            sub_ns = ns
            if p.namespace:
                sub_ns = f"{ns}:{p.namespace}" if ns else p.namespace
            found.update(_walk(p, prefix + str(p.pattern), sub_ns))
        elif isinstance(p, URLPattern) and p.name:
            found[f"{ns}:{p.name}" if ns else p.name] = prefix + str(p.pattern)
    return found


def url_patterns() -> dict[str, str]:
    """URL name (with namespaces) → its route pattern, for every named URL."""
    return _walk(get_resolver())


def all_url_names() -> list[str]:
    return sorted(url_patterns())


def url_parameters(pattern: str) -> list[str]:
    return [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern)]


@cache
def _expected() -> dict[str, dict[str, int]]:
    return collect_expected()


def expected_for(name: str) -> dict[str, int] | None:
    """The row of a URL name: its own, or the first wildcard row (`app:*`) it matches."""
    rows = _expected()
    if name in rows:
        return rows[name]
    for key, value in rows.items():
        if "*" in key and fnmatch.fnmatch(name, key):
            return value
    return None


def kwargs_for(name: str, candidates: dict[str, Any]) -> dict[str, Any] | None:
    """Fill URL parameters with objects of alliance A; None if the URL can't be built."""
    needed = url_parameters(url_patterns()[name])
    if any(arg not in candidates for arg in needed):
        return None
    return {arg: candidates[arg] for arg in needed}
