"""The reporting pages open for the right people and show figures."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

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
