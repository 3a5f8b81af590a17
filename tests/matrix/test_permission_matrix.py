"""Every resolvable URL × every persona against the expected status in tests/matrix/__init__.py.

A URL without a row fails: a new view must state who may open it.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS, World
from tests.matrix import collect_expected, collect_kwargs

EXPECTED = collect_expected()


def _walk(resolver: URLResolver, prefix: str = "", ns: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            sub_ns = ns
            if p.namespace:
                sub_ns = f"{ns}:{p.namespace}" if ns else p.namespace
            found += _walk(p, prefix + str(p.pattern), sub_ns)
        elif isinstance(p, URLPattern) and p.name:
            found.append((f"{ns}:{p.name}" if ns else p.name, prefix + str(p.pattern)))
    return found


def all_url_names() -> list[str]:
    return sorted({name for name, _ in _walk(get_resolver())})


def expected_for(name: str) -> dict[str, int] | None:
    if name in EXPECTED:
        return EXPECTED[name]
    for key, value in EXPECTED.items():
        if "*" in key and fnmatch.fnmatch(name, key):
            return value
    return None


def test_every_url_has_an_entry_in_the_matrix() -> None:
    missing = [n for n in all_url_names() if expected_for(n) is None]
    assert missing == [], f"URLs without an access entry: {missing}"


def _kwargs_for(name: str, candidates: dict[str, Any]) -> dict[str, Any] | None:
    """Fill URL parameters with objects of alliance A; None if the URL can't be built."""
    pattern = dict(_walk(get_resolver()))[name]
    needed = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern)
    kwargs = {}
    for a, b in needed:
        arg = a or b
        if arg not in candidates:
            return None
        kwargs[arg] = candidates[arg]
    return kwargs


@pytest.mark.django_db
def test_permission_matrix(world: World, login: Any) -> None:
    cells = 0
    mismatches: list[str] = []
    candidates = collect_kwargs(world)
    clients = {persona: login(persona) for persona in PERSONAS}
    for name in all_url_names():
        if name.startswith("admin:"):
            continue  # one sample below: the admin is staff-only as a whole
        kwargs = _kwargs_for(name, candidates)
        assert kwargs is not None, f"cannot build URL {name}"
        url = reverse(name, kwargs=kwargs)
        for persona in PERSONAS:
            status = clients[persona].get(url).status_code
            cells += 1
            want = expected_for(name)[persona]  # type: ignore[index]
            if status != want:
                mismatches.append(f"{name} {url} as {persona}: {status} (expected {want})")
    print(f"permission matrix: {cells} cells")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db
def test_admin_is_closed_to_every_persona(world: World, login: Any) -> None:
    for persona in PERSONAS:
        response = login(persona).get(reverse("admin:index"))
        assert response.status_code == 302
        assert "/verwaltung/login/" in response["Location"]
