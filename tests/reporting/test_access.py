"""The reporting rows of the permission matrix, on their own (the full matrix in
tests/core runs them too, together with every other area)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import PERSONAS, World
from tests.matrix.test_permission_matrix import _kwargs_for, all_url_names
from tests.reporting import access_matrix


@pytest.mark.django_db
def test_every_reporting_url_answers_each_persona_as_the_matrix_says(
    world: World, login: Any
) -> None:
    names = [n for n in all_url_names() if n.startswith(("reporting_", "api:reporting_"))]
    assert sorted(names) == sorted(access_matrix.EXPECTED)
    candidates = {"alliance_slug": world.a.alliance.slug, "alliance": world.a.alliance.slug}
    candidates.update(access_matrix.url_kwargs(world))
    clients = {p: login(p) for p in PERSONAS}
    mismatches = []
    for name in names:
        kwargs = _kwargs_for(name, candidates)
        assert kwargs is not None, name
        url = reverse(name, kwargs=kwargs)
        for persona in PERSONAS:
            status = clients[persona].get(url).status_code
            if status != access_matrix.EXPECTED[name][persona]:
                mismatches.append(f"{name} as {persona}: {status}")
    assert mismatches == []
