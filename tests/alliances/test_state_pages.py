"""State pages: declarations through the form, the decision, the letter download, funding
with its Excel export, the statewide problem fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook

from teilhabe.alliances.models import (
    DeclarationStatus,
    ExpenditureReport,
    FieldOfAction,
    FundingAllocation,
    JoinDeclaration,
    Programme,
)
from teilhabe.alliances.services import (
    expenditure_report_create,
    funding_allocation_set,
    funding_budget_set,
    problem_report_create,
    workshop_create,
)
from teilhabe.core.models import Alliance, AuditEvent
from teilhabe.core.roles import Principal
from tests.alliances.conftest import pdf
from tests.conftest import World, login_with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def state(state_user: Any) -> Client:
    return login_with_mfa(Client(), state_user)


def test_the_state_coordinator_records_a_declaration_through_the_form_and_accepts_it(
    nrw: None, state: Client
) -> None:
    form_page = state.get(reverse("alliances_state:declaration_new")).content.decode()
    assert 'enctype="multipart/form-data"' in form_page and "Rheine" in form_page
    response = state.post(
        reverse("alliances_state:declaration_new"),
        {
            "body": "05566",
            "received_on": "2018-10-17",
            "signed_by_name": "Dr. Martin Sommer",
            "signed_by_function": "kreisdirektor",
            "lead_office_type": "ki",
            "lead_office_name": "",
            "letter": pdf(),
        },
    )
    assert response.status_code == 302
    declaration = JoinDeclaration.objects.get()
    assert declaration.is_late
    detail = state.get(response["Location"]).content.decode()
    assert "kern-badge" not in detail or "late" in detail or "verspätet" in detail.lower()
    letter = state.get(reverse("alliances_state:declaration_letter", args=[declaration.pk]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert (
        state.post(reverse("alliances_state:declaration_accept", args=[declaration.pk])).status_code
        == 302
    )
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.ACCEPTED
    assert Alliance.objects.get(slug="kreis-steinfurt").organisations.get().is_lead_office
    listing = state.get(reverse("alliances_state:declaration_list")).content.decode()
    assert "Kreis Steinfurt" in listing and "kern-badge--warning" in listing


def test_a_declaration_without_consent_is_refused_on_the_form_naming_the_field(
    nrw: None, state: Client
) -> None:
    response = state.post(
        reverse("alliances_state:declaration_new"),
        {
            "body": "05566076",
            "received_on": "2018-10-10",
            "signed_by_name": "Bürgermeister",
            "signed_by_function": "buergermeister",
            "lead_office_type": "ki",
            "letter": pdf(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["kreis_consent_on"]
    assert not JoinDeclaration.objects.exists()


def test_the_bodies_page_lists_every_nrw_body(
    nrw: None, state: Client, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(12):
        html = state.get(reverse("alliances_state:bodies")).content.decode()
    assert "Kreis Steinfurt" in html and "Rheine" in html and "Köln" in html
    assert html.count('<tr class="kern-table__row">') == 54  # header + 53 Kreis-level units


def _funding(world: World, state_user: Any, principal: Callable[[str], Principal]) -> None:
    programme = Programme.objects.get()
    for year in (2019, 2020, 2021, 2022):
        funding_budget_set(
            actor=state_user, programme=programme, year=year, amount=Decimal("3300000")
        )
    funding_budget_set(actor=state_user, programme=programme, year=2022, amount=Decimal("3350000"))
    world.a.alliance.name = '=HYPERLINK("http://evil";"x")'
    world.a.alliance.save(update_fields=["name"])
    funding_allocation_set(
        actor=state_user,
        programme=programme,
        alliance=world.a.alliance,
        year=2019,
        amount=Decimal("140000"),
        posts_fte=Decimal("2"),
    )
    funding_allocation_set(
        actor=state_user,
        programme=programme,
        alliance=world.b.alliance,
        year=2019,
        amount=Decimal("70000"),
        posts_fte=Decimal("1"),
    )
    with scope(alliance=world.a.alliance):
        expenditure_report_create(
            principal=principal("coord_a"),
            year=2019,
            amount=Decimal("130000.50"),
            document=pdf("beleg.pdf"),
        )


def test_the_funding_overview_shows_allocated_and_spent_and_the_announced_figure(
    world: World, state_user: Any, principal: Callable[[str], Principal], state: Client
) -> None:
    _funding(world, state_user, principal)
    html = state.get(reverse("alliances_state:funding")).content.decode()
    assert "13.250.000" in html and "13.200.000" in html
    assert "210.000,00" in html and "130.000,50" in html
    with scope(alliance=world.a.alliance):
        report = ExpenditureReport.objects.get()
    evidence = state.get(reverse("alliances_state:state_evidence", args=[report.pk]))
    assert evidence.status_code == 200
    with scope(alliance=world.a.alliance):
        assert FundingAllocation.objects.get(year=2019).amount == Decimal("140000")


def test_the_by_alliance_table_shows_the_posts_of_one_year_not_the_sum_of_all_years(
    world: World, state_user: Any, state: Client
) -> None:
    programme = Programme.objects.get()
    for year in (2019, 2020, 2021, 2022):
        funding_allocation_set(
            actor=state_user,
            programme=programme,
            alliance=world.a.alliance,
            year=year,
            amount=Decimal("100000"),
            posts_fte=Decimal("3"),
        )
    html = state.get(reverse("alliances_state:funding")).content.decode()
    assert "Geförderte Stellen 2022 (Vollzeitäquivalente)" in html
    assert ">3,00</td>" in html and "12,00" not in html
    response = state.get(reverse("alliances_state:funding_export"))
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "Summe")
    assert row[4] == 3 and row[1] == 400000


def test_the_posts_stand_for_the_current_year_or_the_latest_before_it() -> None:
    from teilhabe.alliances.selectors import fte_year_of

    assert fte_year_of({2019, 2020, 2027}, dt.date(2026, 5, 1)) == 2020
    assert fte_year_of({2027, 2028}, dt.date(2026, 5, 1)) == 2027
    assert fte_year_of(set(), dt.date(2026, 5, 1)) is None


def test_a_budget_outside_the_initiative_is_refused(state: Client, programme: Programme) -> None:
    response = state.post(reverse("alliances_state:budget_new"), {"year": "2030", "amount": "1"})
    assert response.context["form"].errors["year"]


def test_the_excel_export_neutralises_formula_cells_and_is_audited(
    world: World, state_user: Any, principal: Callable[[str], Principal], state: Client
) -> None:
    _funding(world, state_user, principal)
    response = state.get(reverse("alliances_state:funding_export"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    evil = next(n for n in names if "HYPERLINK" in str(n))
    assert evil.startswith("'=")
    cell = next(row[0] for row in sheet.iter_rows(min_row=2) if "HYPERLINK" in str(row[0].value))
    assert cell.data_type == "s"
    assert sheet.cell(row=sheet.max_row, column=2).value == 210000
    assert AuditEvent.objects.filter(
        action="export", object_type="alliances.funding_overview", actor=state_user
    ).exists()


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_dangerous_prefix_is_neutralised(value: str) -> None:
    from teilhabe.alliances.export import neutralise

    assert neutralise(value) == "'" + value
    assert neutralise("Köln") == "Köln" and neutralise(Decimal("1.5")) == 1.5


def test_the_researcher_reads_aggregates_but_no_declaration(
    world: World, login: Callable[[str], Client]
) -> None:
    client = login("researcher")
    for name in ("coverage", "problem_fields", "funding", "initiative", "funding_export"):
        assert client.get(reverse(f"alliances_state:{name}")).status_code == 200
    for name in ("declaration_list", "declaration_new", "budget_new"):
        assert client.get(reverse(f"alliances_state:{name}")).status_code == 404


def test_statewide_problem_fields_are_counts_only(
    world: World, principal: Callable[[str], Principal], login: Callable[[str], Client]
) -> None:
    mobility = FieldOfAction.objects.get(key="mobility")
    for side, persona in (("a", "coord_a"), ("b", "coord_b")):
        alliance = getattr(world, side).alliance
        with scope(alliance=alliance):
            w = workshop_create(
                principal=principal(persona, side),
                kind="starter",
                title="W",
                held_on=dt.date(2019, 3, 1),
                place="P",
                organiser="jmd",
            )
            problem_report_create(
                principal=principal(persona, side),
                workshop=w,
                field=mobility,
                description=f"Geheimer Text {side}",
                reported_by_kind="jmd",
            )
    html = login("researcher").get(reverse("alliances_state:problem_fields")).content.decode()
    assert "Geheimer Text" not in html
    assert ">2<" in html  # two reports, from two alliances


def _declare(actor: Any, programme: Programme, keys: list[str]) -> None:
    from teilhabe.alliances.services import join_declaration_accept, join_declaration_record

    for key in keys:
        d = join_declaration_record(
            actor=actor,
            programme=programme,
            body_key=key,
            received_on=dt.date(2018, 10, 1),
            signed_by_name="Landrat",
            signed_by_function="landrat",
            lead_office_type="ki",
        )
        join_declaration_accept(actor=actor, declaration=d)
        funding_allocation_set(
            actor=actor,
            programme=programme,
            alliance=Alliance.objects.get(join_declaration=d),
            year=2019,
            amount=Decimal("1000"),
            posts_fte=Decimal("1"),
        )


@pytest.mark.parametrize("name", ["declaration_list", "funding", "coverage", "bodies"])
def test_state_list_pages_need_the_same_number_of_queries_for_2_and_20_bodies(
    nrw: None, state_user: Any, state: Client, programme: Programme, name: str
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from teilhabe.municipalities.models import Kreis

    kreise = list(Kreis.objects.filter(kind="kreis").order_by("key").values_list("key", flat=True))
    _declare(state_user, programme, kreise[:2])
    state.get(reverse(f"alliances_state:{name}"))
    with CaptureQueriesContext(connection) as few:
        assert state.get(reverse(f"alliances_state:{name}")).status_code == 200
    _declare(state_user, programme, kreise[2:20])
    with CaptureQueriesContext(connection) as many:
        assert state.get(reverse(f"alliances_state:{name}")).status_code == 200
    assert len(many) == len(few)
