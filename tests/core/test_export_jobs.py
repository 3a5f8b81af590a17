"""core/export_jobs.py: a list export above BACKGROUND_EXPORT_ROWS is written by the task
worker, replaying the list's own request; the file equals the one the page would have
sent, the audit log gets one export event, and the job is its user's alone."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from teilhabe.core import tabular
from teilhabe.core.export_jobs import export_files_delete
from teilhabe.core.exports import MAX_EXPORT_ROWS
from teilhabe.core.models import AuditEvent, ExportJob
from tests.conftest import World
from tests.people.test_exports import add_persons

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(settings: Any) -> None:
    settings.TEILHABE = {**settings.TEILHABE, "BACKGROUND_EXPORT_ROWS": 3}


def _list_url(world: World) -> str:
    return reverse("people:list", args=[world.a.alliance.slug])


def _start(client: Any, world: World, capture: Any, fmt: str, **filters: str) -> ExportJob:
    with capture(execute=True):
        answer = client.get(_list_url(world), {"format": fmt, **filters})
    assert answer.status_code == 302
    job_id = re.search(r"/exporte/([0-9a-f-]{36})/$", answer["Location"])
    assert job_id is not None
    with scopes_disabled():
        return ExportJob.objects.get(pk=job_id.group(1))


def _file(client: Any, world: World, job: ExportJob) -> bytes:
    url = reverse("core:export_job_file", args=[world.a.alliance.slug, job.pk])
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment")
    return b"".join(answer.streaming_content)


def _exports() -> list[AuditEvent]:
    with scopes_disabled():
        return list(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT))


def test_a_list_above_the_threshold_is_written_in_the_background_with_the_same_rows(
    world: World, login: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    add_persons(world, 6)
    client = login("cm_a")
    direct = b"".join(client.get(_list_url(world), {"format": "csv"}).streaming_content)

    settings.TEILHABE = {**settings.TEILHABE, "BACKGROUND_EXPORT_ROWS": 3}
    job = _start(client, world, django_capture_on_commit_callbacks, "csv")
    assert job.status == ExportJob.Status.DONE
    assert job.expected == job.written == 7  # the world's person and the six added
    assert _file(client, world, job) == direct
    page = client.get(reverse("core:export_job", args=[world.a.alliance.slug, job.pk]))
    assert "7 von 7 Zeilen geschrieben" in page.content.decode()
    assert "CSV herunterladen" in page.content.decode()


def test_the_background_file_keeps_the_list_filter_and_writes_excel(
    world: World, login: Any, small_threshold: None, django_capture_on_commit_callbacks: Any
) -> None:
    add_persons(world, 5)
    client = login("cm_a")
    job = _start(client, world, django_capture_on_commit_callbacks, "xlsx", q="Liste")
    sheet = load_workbook(io.BytesIO(_file(client, world, job)), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 5
    assert {r[1] for r in rows[1:]} == {"Liste"}


def test_a_background_export_records_one_export_event_with_its_count(
    world: World, login: Any, small_threshold: None, django_capture_on_commit_callbacks: Any
) -> None:
    add_persons(world, 4)
    before = len(_exports())
    job = _start(login("cm_a"), world, django_capture_on_commit_callbacks, "csv")
    events = _exports()[before:] if before else _exports()
    assert [e.purpose for e in events] == ["people.person_list csv: 5 rows"]
    assert events[0].actor_id == job.user_id


def test_the_audit_log_export_goes_to_the_background_too(
    world: World, login: Any, small_threshold: None, django_capture_on_commit_callbacks: Any
) -> None:
    client = login("coord_a")
    for _ in range(4):  # each page view is an event of the log
        client.get(reverse("core:audit_log", args=[world.a.alliance.slug]))
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.get(
            reverse("core:audit_log", args=[world.a.alliance.slug]), {"format": "csv"}
        )
    assert answer.status_code == 302
    with scopes_disabled():
        job = ExportJob.objects.get(user=world.users["coord_a"])
    assert job.status == ExportJob.Status.DONE
    text = _file(client, world, job).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text), delimiter=";"))) == 1 + job.written


def test_a_job_is_its_users_alone(
    world: World, login: Any, small_threshold: None, django_capture_on_commit_callbacks: Any
) -> None:
    add_persons(world, 4)
    job = _start(login("cm_a"), world, django_capture_on_commit_callbacks, "csv")
    for persona in ("coord_a", "partner_a", "cm_a_jmd", "dpo_a"):
        other = login(persona)
        for name in ("core:export_job", "core:export_job_file"):
            url = reverse(name, args=[world.a.alliance.slug, job.pk])
            assert other.get(url).status_code == 404, (persona, name)


def test_a_list_below_the_threshold_is_answered_at_once(world: World, login: Any) -> None:
    add_persons(world, 2)
    answer = login("cm_a").get(_list_url(world), {"format": "csv"})
    assert answer.status_code == 200
    with scopes_disabled():
        assert not ExportJob.objects.exists()


def test_no_list_is_counted_first_where_no_count_could_send_it_to_the_background(
    world: World, login: Any, settings: Any
) -> None:
    add_persons(world, 4)
    client = login("cm_a")
    for threshold, counted in ((3, True), (MAX_EXPORT_ROWS, False)):
        settings.TEILHABE = {**settings.TEILHABE, "BACKGROUND_EXPORT_ROWS": threshold}
        with CaptureQueriesContext(connection) as ctx:
            client.get(_list_url(world), {"format": "xlsx"})
        counts = [q for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
        assert bool(counts) is counted, threshold


def test_a_replay_that_fails_marks_the_job_failed_and_offers_no_file(
    world: World, login: Any, small_threshold: None, django_capture_on_commit_callbacks: Any
) -> None:
    from teilhabe.core.export_jobs import export_job_run

    add_persons(world, 4)
    client = login("cm_a")
    with django_capture_on_commit_callbacks(execute=False):  # queued, not run
        client.get(_list_url(world), {"format": "csv"})
    with scopes_disabled():
        job = ExportJob.objects.get()
        job.path = "/b/unbekannt/personen/"  # the alliance is gone: the replay answers 404
        job.save()
        export_job_run(job=job)
        job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    url = reverse("core:export_job_file", args=[world.a.alliance.slug, job.pk])
    assert client.get(url).status_code == 404
    page = client.get(reverse("core:export_job", args=[world.a.alliance.slug, job.pk]))
    assert "konnte nicht erstellt werden" in page.content.decode()


def test_whoever_asked_is_told_when_the_background_export_has_ended(
    world: World, login: Any, small_threshold: None, django_capture_on_commit_callbacks: Any
) -> None:
    from teilhabe.notifications.models import Notification

    add_persons(world, 4)
    client = login("cm_a")
    job = _start(client, world, django_capture_on_commit_callbacks, "csv")
    with scopes_disabled():
        [told] = Notification.objects.filter(kind="export_finished")
    assert told.user == world.users["cm_a"]
    assert told.url == reverse("core:export_job", args=[world.a.alliance.slug, job.pk])
    page = client.get(reverse("notifications:list")).content.decode()
    assert "1 Export ist abgeschlossen" in page or "Export im Hintergrund abgeschlossen" in page
    assert world.a.person.family_name not in page


def test_files_older_than_a_day_are_deleted_with_their_job(
    world: World, login: Any, small_threshold: None, django_capture_on_commit_callbacks: Any
) -> None:
    add_persons(world, 4)
    job = _start(login("cm_a"), world, django_capture_on_commit_callbacks, "csv")
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    now = timezone.now()
    assert export_files_delete(now=now) == 0
    assert export_files_delete(now=now + dt.timedelta(hours=25)) == 1
    assert not storage.exists(name)
    with scopes_disabled():
        assert not ExportJob.objects.exists()


def test_the_row_count_reports_progress_every_step() -> None:
    seen: list[int] = []
    count = tabular.Count(on_step=seen.append, step=2)
    assert len(list(count.each([[1]] * 5))) == 5
    assert seen == [2, 4]
    assert count.rows == 5


def test_a_posted_export_keeps_its_form_values_out_of_the_url_and_in_the_job(
    world: World, login: Any, small_threshold: None, django_capture_on_commit_callbacks: Any
) -> None:
    add_persons(world, 5)
    client = login("cm_a")
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(_list_url(world), {"format": "csv", "q": "Liste"})
    assert answer.status_code == 302
    assert "Liste" not in answer["Location"]
    with scopes_disabled():
        job = ExportJob.objects.get()
    assert job.method == "POST" and "csrfmiddlewaretoken" not in job.params
    text = _file(client, world, job).decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 1 + 5


@pytest.mark.parametrize(
    ("persona", "route", "params", "build"),
    [
        ("partner_a", "people:sharing:referral_inbox", {"richtung": "eingang"}, "referrals"),
        ("coord_a", "offers:offer_export", {}, "offers"),
    ],
)
def test_the_referral_inbox_and_the_offer_catalogue_go_to_the_background_when_long(
    world: World,
    login: Any,
    small_threshold: None,
    django_capture_on_commit_callbacks: Any,
    persona: str,
    route: str,
    params: dict[str, str],
    build: str,
) -> None:
    from tests.casework.sharing.test_exports import add_referrals
    from tests.trajectories.factories import OfferFactory

    if build == "referrals":
        add_referrals(world, 5)
    else:
        with scopes_disabled():
            for n in range(5):
                OfferFactory(provider=world.a.jmd, title=f"Kurs {n}")
    client = login(persona)
    target = reverse(route, args=[world.a.alliance.slug])
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.get(target, {**params, "format": "csv"})
    assert answer.status_code == 302 and "/exporte/" in answer["Location"]
    with scopes_disabled():
        job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE and job.written == job.expected > 3
    assert job.list_name in ("casework.referral_inbox", "offers.catalogue")
