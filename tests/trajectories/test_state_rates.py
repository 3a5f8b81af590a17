"""The statewide Maßnahme-Karriere rates (/land/verlaeufe/ and its CSV) are suppressed like
the statewide monitoring: a hidden alliance cannot be recomputed from NRW and the others."""

from __future__ import annotations

import csv
import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.trajectories.models import Finding
from teilhabe.trajectories.rates import state_rates
from tests import factories as f
from tests.conftest import Side, World

pytestmark = pytest.mark.django_db


def _persons(side: Side, *, flagged: int, clear: int) -> None:
    with scopes_disabled():
        for i in range(flagged + clear):
            person = f.PersonFactory(owner=side.tm_office)
            f.CaseFactory(person=person, opened_on=dt.date(2026, 1, 1))
            if i < flagged:
                Finding.objects.create(
                    alliance=side.alliance,
                    person=person,
                    rule="MK3",
                    explanation="x",
                    detected_on=dt.date(2026, 6, 1),
                )


def _recomputable(column: list[str]) -> list[int]:
    """Alliances (indexes) whose hidden figure is NRW minus every other alliance."""
    *alliances, nrw = column
    hidden = [i for i, v in enumerate(alliances) if v == "."]
    return hidden if len(hidden) == 1 and nrw != "." else []


def test_a_single_hidden_alliance_cannot_be_recomputed_from_the_nrw_total(
    world: World, login: Any
) -> None:
    _persons(world.a, flagged=1, clear=6)
    _persons(world.b, flagged=4, clear=6)
    response = login("state").get(reverse("trajectories_state:rates") + "?format=csv")
    _header, *rows = list(
        csv.reader(StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";")
    )
    assert len(rows) == 3  # two alliances and NRW
    assert rows[0][2] == "."  # alliance A's one flagged person is hidden …
    for column in (1, 2):  # … and neither it nor any other figure follows from NRW
        assert _recomputable([r[column] for r in rows]) == []
    assert all(r[3] == "." for r in rows if "." in (r[1], r[2]))  # no rate betrays a count


def test_the_page_and_the_csv_publish_the_same_figures(world: World, login: Any) -> None:
    _persons(world.a, flagged=1, clear=6)
    _persons(world.b, flagged=4, clear=6)
    client = login("state")
    html = client.get(reverse("trajectories_state:rates")).content.decode()
    body = client.get(reverse("trajectories_state:rates") + "?format=csv").getvalue()
    _header, *rows = list(csv.reader(StringIO(body.decode("utf-8-sig")), delimiter=";"))
    published = [
        [r.label, str(r.shown_persons), str(r.shown_flagged), r.rate] for r in state_rates()[0]
    ]
    assert rows == published
    for _label, persons, flagged, rate in published[:-1]:
        assert f">{persons}</td>" in html and f">{flagged}</td>" in html and f">{rate}</td>" in html
