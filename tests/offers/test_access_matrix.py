"""The offers rows of the permission matrix, walked on their own (the project-wide matrix
in tests/core walks them too, with every other area's URLs)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import PERSONAS, World
from tests.matrix.test_permission_matrix import _kwargs_for
from tests.offers import access_matrix


@pytest.mark.django_db
def test_every_offers_url_answers_each_persona_as_the_matrix_says(world: World, login: Any) -> None:
    candidates = {
        "alliance_slug": world.a.alliance.slug,
        "alliance": world.a.alliance.slug,
        "person_id": world.a.person.pk,
        **access_matrix.url_kwargs(world),
    }
    clients = {persona: login(persona) for persona in PERSONAS}
    mismatches = []
    for name, expected in access_matrix.EXPECTED.items():
        kwargs = _kwargs_for(name, candidates)
        assert kwargs is not None, name
        url = reverse(name, kwargs=kwargs)
        for persona in PERSONAS:
            status = clients[persona].get(url).status_code
            if status != expected[persona]:
                mismatches.append(f"{name} as {persona}: {status} (expected {expected[persona]})")
    assert not mismatches, "\n".join(mismatches)
