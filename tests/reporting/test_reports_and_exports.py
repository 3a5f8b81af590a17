"""Periodic reports (background task, stored, listed, audited downloads), table exports
and the aggregate API (suppressed once it leaves the alliance)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from teilhabe.core.models import AuditEvent
from teilhabe.reporting.models import Report
from tests.reporting.data import build

pytestmark = pytest.mark.django_db


def test_a_coordinator_generates_an_annual_report_with_pdf_and_excel(
    world: Any, login: Any
) -> None:
    build(world)
    client = login("coord_a")
    url = reverse("reporting_alliance:reports", args=["buendnis-a"])
    response = client.post(url, {"period": "year", "year": 2026, "quarter": ""})
    assert response.status_code == 302
    report = Report.objects.get(alliance=world.a.alliance)
    assert report.status == "done" and report.done == report.total > 3
    assert (report.start.isoformat(), report.end.isoformat()) == ("2026-01-01", "2026-12-31")
    # The coordinator who asked is told it is ready (in the bell; by default no e-mail).
    from teilhabe.notifications.models import Notification

    [ready] = Notification.objects.filter(user=world.users["coord_a"], kind="report_ready")
    assert ready.url == response["Location"] and ready.mail == "none"
    listing = client.get(url).content.decode()
    assert str(report.get_period_display()) in listing or "jährlich" in listing
    progress = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert b"hx-trigger" not in progress.content  # finished: polling stops
    pdf = client.get(reverse("reporting_alliance:report_pdf", args=["buendnis-a", report.pk]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = client.get(reverse("reporting_alliance:report_xlsx", args=["buendnis-a", report.pk]))
    workbook = load_workbook(BytesIO(b"".join(xlsx.streaming_content)))
    assert len(workbook.sheetnames) >= 14
    downloads = AuditEvent.objects.filter(action="export", object_id=report.pk)
    assert downloads.count() == 2


def test_a_quarterly_state_report_holds_suppressed_figures_only(world: Any, login: Any) -> None:
    build(world)
    client = login("state")
    response = client.post(
        reverse("reporting_state:reports"), {"period": "quarter", "year": 2026, "quarter": 1}
    )
    assert response.status_code == 302
    report = Report.objects.get(alliance=None)
    assert (report.start.isoformat(), report.end.isoformat()) == ("2026-01-01", "2026-03-31")
    xlsx = client.get(reverse("reporting_state:report_xlsx", args=[report.pk]))
    workbook = load_workbook(BytesIO(b"".join(xlsx.streaming_content)))
    # The summary's last column is a change: the difference of two figures published
    # beside it, not a count of persons.
    summary, *tables = workbook.worksheets
    counts = [row[1:3] for row in summary.iter_rows(min_row=2, values_only=True)]
    numbers = [
        c
        for rows in [counts, *(ws.iter_rows(values_only=True) for ws in tables)]
        for row in rows
        for c in row
        if isinstance(c, int)
    ]
    assert numbers and 1 not in numbers and 2 not in numbers


def test_the_state_export_is_suppressed_and_audited(world: Any, login: Any) -> None:
    build(world)
    response = login("researcher").get(reverse("reporting_state:monitoring") + "?format=csv")
    text = response.getvalue().decode("utf-8-sig")
    cells = [c for line in text.splitlines() for c in line.split(";")]
    assert "1" not in cells and "2" not in cells
    assert "." in cells
    assert AuditEvent.objects.filter(action="export", object_type="reporting.indicators").exists()


def test_the_dashboard_export_keeps_the_alliance_figures(world: Any, login: Any) -> None:
    build(world)
    response = login("coord_a").get(
        reverse("reporting_alliance:dashboard", args=["buendnis-a"])
        + "?start=2026-01-01&end=2026-06-30&format=xlsx"
    )
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.getvalue()))
    assert "Persons by sex"[:28] in workbook.sheetnames or len(workbook.sheetnames) >= 14


def test_the_htmx_filter_returns_the_indicator_region_only(world: Any, login: Any) -> None:
    build(world)
    response = login("coord_a").get(
        reverse("reporting_alliance:dashboard", args=["buendnis-a"])
        + f"?start=2026-01-01&end=2026-06-30&organisation={world.a.jmd.pk}",
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "<html" not in html and 'data-testid="table-sex"' in html


def test_a_case_manager_cannot_see_another_organisation(world: Any, login: Any) -> None:
    build(world)
    response = login("cm_a_jmd").get(
        reverse("reporting_alliance:dashboard", args=["buendnis-a"])
        + f"?start=2026-01-01&end=2026-06-30&organisation={world.a.tm_office.pk}"
    )
    assert world.a.jmd.name in response.content.decode()
    api = (
        login("cm_a_jmd")
        .get(
            f"/api/v1/buendnisse/buendnis-a/auswertung?start=2026-01-01&end=2026-06-30"
            f"&organisation={world.a.tm_office.pk}"
        )
        .json()
    )
    assert api["organisation"] == str(world.a.jmd.pk)


def test_the_api_suppresses_every_figure_that_leaves_the_case_management(
    world: Any, login: Any
) -> None:
    build(world)
    url = "/api/v1/buendnisse/buendnis-a/auswertung?start=2026-01-01&end=2026-06-30"
    inside = login("cm_a").get(url).json()  # the case manager's own organisation
    assert inside["suppressed"] is False
    sex = next(t for t in inside["tables"] if t["key"] == "sex")
    assert sex["rows"][0]["cells"][0] == 1  # small, shown: of the two women, JMD owns one
    coordinator = login("coord_a").get(url).json()
    assert coordinator["suppressed"] is True
    cells = [c for t in coordinator["tables"] for r in t["rows"] for c in r["cells"]]
    assert 1 not in cells and 2 not in cells
    state = login("state").get("/api/v1/land/auswertung?start=2026-01-01&end=2026-06-30").json()
    assert state["suppressed"] is True
    cells = [c for t in state["tables"] for r in t["rows"] for c in r["cells"]]
    assert 1 not in cells and 2 not in cells


def test_the_state_coordinator_sets_the_age_share_and_it_is_kept_as_history(
    world: Any, login: Any
) -> None:
    client = login("state")
    url = reverse("reporting_state:age_share")
    for percent in ("18.5", "21"):
        assert (
            client.post(
                url, {"percent": percent, "valid_from": "2026-01-01", "basis": "BAMF"}
            ).status_code
            == 302
        )
    from teilhabe.reporting.models import AgeShare

    assert AgeShare.objects.count() == 2
    assert (
        login("researcher")
        .post(url, {"percent": "1", "valid_from": "2026-01-01", "basis": "x"})
        .status_code
        == 404
    )
