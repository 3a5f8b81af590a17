"""The reporting API refuses an implausible period with a German 422 naming the field."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

MESSAGE = "Bitte geben Sie ein Datum ab dem 01.01.1900 ein."


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("coord_a", "/api/v1/buendnisse/buendnis-a/auswertung"),
        ("state", "/api/v1/land/auswertung"),
    ],
)
def test_a_period_ending_in_year_150_is_a_422_naming_the_field_not_a_500(
    world: Any, login: Any, user: str, url: str
) -> None:
    response = login(user).get(f"{url}?start=0100-01-01&end=0150-01-01")
    assert response.status_code == 422
    assert response.json()["fields"] == {"start": [MESSAGE], "end": [MESSAGE]}


def test_an_end_before_the_start_is_refused_like_on_the_page(world: Any, login: Any) -> None:
    response = login("state").get("/api/v1/land/auswertung?start=2026-06-30&end=2026-01-01")
    assert response.status_code == 422
    assert response.json()["detail"] == ["Das Ende des Zeitraums liegt vor seinem Beginn."]
