"""The sharing rows of the permission matrix, walked on their own (the project-wide walk
in tests/core covers them too; this one fails closer to the cause)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.casework.sharing.access_matrix import EXPECTED
from tests.conftest import PERSONAS, World
from tests.matrix import collect_kwargs
from tests.matrix.test_permission_matrix import _kwargs_for


@pytest.mark.django_db
def test_every_sharing_url_answers_each_persona_as_the_matrix_says(
    world: World, login: Any
) -> None:
    candidates = collect_kwargs(world)
    clients = {persona: login(persona) for persona in PERSONAS}
    mismatches = []
    for name, expected in EXPECTED.items():
        kwargs = _kwargs_for(name, candidates)
        assert kwargs is not None, f"cannot build URL {name}"
        url = reverse(name, kwargs=kwargs)
        for persona in PERSONAS:
            status = clients[persona].get(url).status_code
            if status != expected[persona]:
                mismatches.append(
                    f"{name} {url} as {persona}: {status} (expected {expected[persona]})"
                )
    assert not mismatches, "\n".join(mismatches)
