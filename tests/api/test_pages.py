"""Every list endpoint pages through `teilhabe.api.pages.Pages`."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from teilhabe.api.pages import MAX_PAGE
from tests.conftest import World


@pytest.mark.django_db
@pytest.mark.parametrize("page", [str(2**63 - 1), str(MAX_PAGE + 1), "0"])
def test_a_page_number_out_of_range_is_refused_as_input_not_a_server_error(
    world: World, login: Any, page: str
) -> None:
    client = login("cm_a")
    url = reverse("api:person_list", args=[world.a.alliance.slug])
    assert client.get(url, {"page": page}).status_code == 422


@pytest.mark.django_db
def test_the_last_allowed_page_is_an_empty_page(world: World, login: Any) -> None:
    client = login("cm_a")
    url = reverse("api:person_list", args=[world.a.alliance.slug])
    answer = client.get(url, {"page": MAX_PAGE})
    assert answer.status_code == 200
    assert answer.json()["items"] == []
    assert answer.json()["count"] == 1
