"""The reporting pages open for the right people and show figures."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse, reverse_lazy

pytestmark = pytest.mark.django_db


def test_coordinator_sees_the_dashboard_with_a_table_per_indicator(world: Any, login: Any) -> None:
    response = login("coord_a").get(reverse("reporting_alliance:dashboard", args=["buendnis-a"]))
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("reach", "status", "age", "sex", "careers_rate", "closures", "transitions"):
        assert f'data-testid="table-{key}"' in html


def test_state_view_suppresses_small_counts(world: Any, login: Any) -> None:
    response = login("state").get(reverse("reporting_state:monitoring"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bündnis A" in html
    # Each alliance has one or two persons in casework: never published.
    assert ">1</td>" not in html and ">2</td>" not in html


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("coord_a", reverse_lazy("reporting_alliance:dashboard", args=["buendnis-a"])),
        ("state", reverse_lazy("reporting_state:monitoring")),
    ],
)
@pytest.mark.parametrize("export", ["", "&format=csv", "&format=xlsx"])
def test_a_period_ending_in_year_150_shows_the_error_at_the_field_and_exports_nothing(
    world: Any, login: Any, user: str, url: str, export: str
) -> None:
    response = login(user).get(f"{url}?start=2026-01-01&end=0150-01-01{export}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Bitte geben Sie ein Datum ab dem 01.01.1900 ein." in html
    assert 'id="id_end"' in html and 'aria-invalid="true"' in html
