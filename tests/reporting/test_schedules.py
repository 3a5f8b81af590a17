"""Scheduled periodic reports (a coordinator or the state coordinator sets one; the
scheduler's quarterly and annual jobs produce them; whoever set it is told) and the download
history on the report page (read from the audit log)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.models import AuditEvent
from teilhabe.notifications.models import Notification
from teilhabe.ops.scheduling import jobs
from teilhabe.reporting.models import Report, ReportSchedule

pytestmark = pytest.mark.django_db

APRIL_FIRST = timezone.make_aware(dt.datetime(2026, 4, 1, 4, 0))


def test_a_coordinator_sets_a_quarterly_report_once_and_can_stop_it(world: Any, login: Any) -> None:
    client = login("coord_a")
    url = reverse("reporting_alliance:reports", args=["buendnis-a"])
    for _twice in range(2):
        assert client.post(url, {"zeitplan-period": "quarter"}).status_code == 302
    [schedule] = ReportSchedule.objects.all()
    assert (schedule.alliance, schedule.set_by) == (world.a.alliance, world.users["coord_a"])
    assert AuditEvent.objects.filter(object_id=schedule.pk, action="create").count() == 1
    page = client.get(url).content.decode()
    assert "Quartalsbericht, eingerichtet von" in page
    assert client.post(url, {"beenden": str(schedule.pk)}).status_code == 302
    assert not ReportSchedule.objects.exists()
    assert AuditEvent.objects.filter(object_id=schedule.pk, action="delete").count() == 1


def test_another_alliances_schedule_cannot_be_stopped(world: Any, login: Any) -> None:
    other = ReportSchedule.objects.create(alliance=world.b.alliance, period="year")
    client = login("coord_a")
    url = reverse("reporting_alliance:reports", args=["buendnis-a"])
    assert client.post(url, {"beenden": str(other.pk)}).status_code == 404
    assert client.post(url, {"beenden": "kein-schluessel"}).status_code == 404
    assert ReportSchedule.objects.filter(pk=other.pk).exists()


def test_the_quarterly_job_produces_each_scheduled_report_once_and_tells_who_set_it(
    world: Any, login: Any
) -> None:
    login("coord_a").post(
        reverse("reporting_alliance:reports", args=["buendnis-a"]), {"zeitplan-period": "quarter"}
    )
    login("state").post(reverse("reporting_state:reports"), {"zeitplan-period": "quarter"})
    login("state").post(reverse("reporting_state:reports"), {"zeitplan-period": "year"})
    assert "2 " in jobs.reports_quarterly(APRIL_FIRST)
    reports = Report.objects.order_by("alliance_id")
    assert {(r.alliance_id, r.period, r.start, r.end, r.status) for r in reports} == {
        (world.a.alliance.pk, "quarter", dt.date(2026, 1, 1), dt.date(2026, 3, 31), "done"),
        (None, "quarter", dt.date(2026, 1, 1), dt.date(2026, 3, 31), "done"),
    }
    told = Notification.objects.filter(kind="report_ready").values_list("user__username", flat=True)
    assert sorted(told) == ["coord_a", "state"]
    assert jobs.reports_quarterly(APRIL_FIRST).startswith("0 ")  # a repeated run adds none
    assert Report.objects.count() == 2
    assert "1 " in jobs.reports_annual(timezone.make_aware(dt.datetime(2027, 1, 2, 4, 0)))
    assert Report.objects.get(period="year").alliance is None  # no alliance set a year


def test_the_report_page_lists_who_downloaded_which_file_filtered_and_paged(
    world: Any, login: Any
) -> None:
    client = login("coord_a")
    url = reverse("reporting_alliance:reports", args=["buendnis-a"])
    detail = client.post(url, {"period": "quarter", "year": 2026, "quarter": 1})["Location"]
    report = Report.objects.get()
    pdf = reverse("reporting_alliance:report_pdf", args=["buendnis-a", report.pk])
    xlsx = reverse("reporting_alliance:report_xlsx", args=["buendnis-a", report.pk])
    for address in (pdf, pdf, xlsx):
        b"".join(client.get(address).streaming_content)
    assert login("coord_b").get(detail).status_code == 404  # nor its history
    page = client.get(detail)
    rows = page.context["download_rows"]
    assert [fmt for _e, fmt in rows] == ["xlsx", "pdf", "pdf"]
    assert {e.actor for e, _f in rows} == {world.users["coord_a"]}
    assert "Downloads (3)" in page.content.decode()
    only_pdf = client.get(detail, {"datei": "pdf", "reihenfolge": "alt"})
    assert [fmt for _e, fmt in only_pdf.context["download_rows"]] == ["pdf", "pdf"]
    for _more in range(25):
        client.get(pdf)
    with CaptureQueriesContext(connection) as few:
        client.get(detail)
    for _more in range(25):
        client.get(pdf)
    with CaptureQueriesContext(connection) as many:
        second = client.get(detail, {"seite": 2})
    assert len(many) == len(few)
    assert len(second.context["download_rows"]) == 20
