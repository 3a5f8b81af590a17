"""The coverage report, fed with the real 2018 participation structure through the
joining services: 21 of 22 kreisfreie Städte, 24 of 31 Kreise with 253 member
municipalities, 6 Gemeinden without their Kreis → 45 of 53 Kreis-level bodies (84.9 %)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.alliances.coverage import SEEKERS_SOURCE, coverage_report
from teilhabe.alliances.models import Programme
from teilhabe.alliances.services import join_declaration_accept, join_declaration_record
from teilhabe.demo.seed import _nrw_bodies, _protection_seekers
from tests.conftest import login_with_mfa

pytestmark = pytest.mark.django_db

SIGNER = {
    "kreisfreie_stadt": "oberbuergermeister",
    "kreis": "landrat",
    "gemeinde": "buergermeister",
}


def enter_2018(actor: Any, programme: Programme) -> None:
    """The bodies the demo seed chooses (reused, not duplicated); of its Gemeinden acting
    alone, the six largest joined by 2018."""
    bodies = _nrw_bodies(_protection_seekers(), 70_000)
    gemeinden = [b for b in bodies if b.kind == "gemeinde"][:6]
    chosen = [b for b in bodies if b.kind != "gemeinde"] + gemeinden
    for body in chosen:
        key = body.gemeinde.ags if body.gemeinde else body.kreis.key  # type: ignore[union-attr]
        declaration = join_declaration_record(
            actor=actor,
            programme=programme,
            body_key=key,
            received_on=dt.date(2018, 10, 12),
            signed_by_name="Verwaltungsvorstand",
            signed_by_function=SIGNER[body.kind],
            lead_office_type="ki",
            kreis_consent_on=dt.date(2018, 10, 1) if body.gemeinde else None,
        )
        join_declaration_accept(
            actor=actor, declaration=declaration, decided_on=dt.date(2018, 11, 1)
        )


def test_the_2018_structure_gives_45_of_53_kreis_level_bodies(
    nrw: None, state_user: Any, programme: Programme, django_assert_max_num_queries: Any
) -> None:
    enter_2018(state_user, programme)
    with django_assert_max_num_queries(3):
        report = coverage_report()
    assert (report.cities_joined, report.cities_total) == (21, 22)
    assert (report.kreise_joined, report.kreise_total) == (24, 31)
    assert report.kreis_members == 253
    assert report.gemeinden_alone == 6
    assert (report.kreis_level_joined, report.kreis_level_total) == (45, 53)
    assert report.kreis_level_share == Decimal("84.9")
    assert report.more_than_80
    assert report.gemeinden_total == 396
    assert report.gemeinden_covered == 21 + 253 + 6
    assert report.gemeinden_share == Decimal("70.7")
    assert Decimal("0") < report.population_share < Decimal("100")
    assert Decimal("0") < report.seekers_share < Decimal("100")
    assert sum(r.kreis_level_total for r in report.regions) == 53
    assert sum(r.kreis_level_joined for r in report.regions) == 45
    print(
        f"2018: {report.kreis_level_joined}/{report.kreis_level_total} = "
        f"{report.kreis_level_share} %, Gemeinden {report.gemeinden_covered}/"
        f"{report.gemeinden_total} = {report.gemeinden_share} %, population "
        f"{report.population_share} %, protection seekers {report.seekers_share} %"
    )


def test_the_coverage_page_shows_the_figures_the_bars_and_the_destatis_source(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    enter_2018(state_user, programme)
    client = login_with_mfa(Client(), state_user)
    html = client.get(reverse("alliances_state:coverage")).content.decode()
    assert "45 von 53" in html and "84,9 %" in html
    assert "21 / 22" in html and "24 / 31" in html and "253" in html
    assert SEEKERS_SOURCE in html
    assert 'class="al-bar"' in html and "style=" not in html.split("<main", 1)[1]


def test_a_reference_date_counts_only_declarations_received_by_then(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    enter_2018(state_user, programme)
    late = join_declaration_record(
        actor=state_user,
        programme=programme,
        body_key="05916",  # Herne, the one city still missing
        received_on=dt.date(2019, 2, 1),
        signed_by_name="Oberbürgermeister",
        signed_by_function="oberbuergermeister",
        lead_office_type="ki",
    )
    assert late.is_late
    join_declaration_accept(actor=state_user, declaration=late)
    assert coverage_report().cities_joined == 22
    assert coverage_report(dt.date(2018, 10, 15)).cities_joined == 21
