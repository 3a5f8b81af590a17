"""Exports of the largest alliance (issue 20): the person list of its Teilhabemanagement as
Excel and CSV (a case manager of it), and the audit log with 16,000 extra events (45,000 at
`nrw10`; seeded in a transaction that is rolled back) as Excel and CSV (a coordinator),
each through the full request path (middleware, access, audit) with the body read to its
end. Time of one export after a warm-up, then the peak of Python allocations during a
second one (tracemalloc, which slows the run, so it is not timed). Targets at `nrw`: ≤ 2 s
and ≤ 200 MB each.

Plus `core.tabular` alone on generated rows (16 columns like the person list): 1k to 16k
rows as Excel and CSV, to show that the writers are linear in rows.
"""

from __future__ import annotations

import datetime as dt
import re
import resource
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

from bench.measures.casepage import _session_cookie

# Extra audit events by profile: nrw10 has ten times the persons, and its log export is cut
# at the cap of `core.exports.MAX_EXPORT_ROWS` (50,000), so 45,000 keep the run linear.
AUDIT_EVENTS = {"nrw10": 45_000}
AUDIT_EVENTS_DEFAULT = 16_000
SERIES = (1_000, 2_000, 4_000, 8_000, 16_000)
TARGET_SECONDS, TARGET_MB = 2.0, 200.0


def _largest_alliance() -> tuple[Any, Any, Any, int]:
    """(alliance, a case manager of its Teilhabemanagement, a coordinator, persons)."""
    from django.db.models import Count
    from django_scopes import scopes_disabled

    from teilhabe.core.models import Alliance, Membership, Organisation, Role
    from teilhabe.people.models import Person

    with scopes_disabled():
        largest = Person.objects.values("alliance").annotate(n=Count("id")).order_by("-n").first()
        assert largest is not None, "no person in the seeded data"
        alliance = Alliance.objects.get(pk=largest["alliance"])
        members = Membership.objects.filter(organisation__alliance=alliance).select_related(
            "user", "organisation"
        )
        cm = members.filter(
            role=Role.CASE_MANAGER, organisation__kind=Organisation.Kind.TEILHABEMANAGEMENT
        ).first()
        coordinator = members.filter(role=Role.COORDINATOR).first()
    assert cm is not None and coordinator is not None, "no case manager or coordinator"
    return alliance, cm.user, coordinator.user, largest["n"]


def _download(client: Any, url: str, fmt: str) -> int:
    """One export read to its end; the row count its audit event recorded."""
    from django_scopes import scopes_disabled

    from teilhabe.core.models import AuditEvent

    response = client.get(url, {"format": fmt})
    assert response.status_code == 200, response.status_code
    for _chunk in response.streaming_content:  # the test client closes it at the end
        pass
    with scopes_disabled():
        event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("id")
    found = re.search(r"(\d+) rows", event.purpose)
    assert found, event.purpose
    return int(found.group(1))


def _measured(run: Callable[[], int]) -> tuple[int, float, float]:
    """(rows, seconds, peak MB of Python allocations) of `run`, after a warm-up."""
    run()
    started = time.perf_counter()
    rows = run()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return rows, seconds, peak / 1024 / 1024


def _seed_audit_events(alliance: Any, user: Any, n: int) -> None:
    """n events of `user` in its organisation (whose log the coordinator reads)."""
    from django_scopes import scopes_disabled

    from teilhabe.core.audit import audit_event, audit_record_many
    from teilhabe.core.models import Membership

    with scopes_disabled():
        membership = Membership.objects.filter(user=user, organisation__alliance=alliance).first()
    assert membership is not None
    audit_record_many(
        [
            audit_event(
                action="view",
                actor=user,
                alliance=alliance,
                organisation=membership.organisation,
                object_type="people.person",
                purpose="bench",
            )
            for _ in range(n)
        ]
    )


def _row(measure: str, size: str, rows: int, seconds: float, peak: float, note: str) -> dict:
    verdict = "PASS" if seconds <= TARGET_SECONDS and peak <= TARGET_MB else "MISS"
    return {
        "measure": measure,
        "size": f"{size}, {rows:,} rows",
        "seconds": round(seconds, 3),
        "reference": None,
        "ratio": None,
        "note": f"peak {peak:.0f} MB (tracemalloc); {note}target ≤ 2 s, ≤ 200 MB: {verdict}",
    }


def alliance_exports(profile: str) -> list[dict]:
    from django.conf import settings
    from django.db import transaction
    from django.test import Client, override_settings
    from django.urls import reverse

    alliance, case_manager, coordinator, persons = _largest_alliance()
    size = f"{alliance.slug}: {persons:,} persons"
    out = []
    # Above BACKGROUND_EXPORT_ROWS the page hands the export to the task worker, which
    # replays this request: measured here is that replay's work, asked for directly
    # (the person list of Köln at nrw10, the audit log at every profile).
    worker = {**settings.TEILHABE, "BACKGROUND_EXPORT_ROWS": 10**9}
    people = Client()
    people.cookies.load(_session_cookie(case_manager))
    url = reverse("people:list", args=[alliance.slug])
    for fmt in ("xlsx", "csv"):
        with override_settings(TEILHABE=worker):
            rows, seconds, peak = _measured(lambda fmt=fmt: _download(people, url, fmt))
        out.append(_row(f"person list export ({fmt})", size, rows, seconds, peak, ""))
    audit = Client()
    audit.cookies.load(_session_cookie(coordinator))
    url = reverse("core:audit_log", args=[alliance.slug])
    events = AUDIT_EVENTS.get(profile, AUDIT_EVENTS_DEFAULT)
    with transaction.atomic(), override_settings(TEILHABE=worker):
        _seed_audit_events(alliance, coordinator, events)
        for fmt in ("xlsx", "csv"):
            rows, seconds, peak = _measured(lambda fmt=fmt: _download(audit, url, fmt))
            note = f"{events:,} events seeded; "
            out.append(_row(f"audit log export ({fmt})", size, rows, seconds, peak, note))
        transaction.set_rollback(True)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for row in out:
        row["note"] += f"; process peak RSS {maxrss:.0f} MB"
    return out


def _generated(n: int) -> Iterator[list[Any]]:
    born, until = dt.date(2003, 5, 17), dt.date(2027, 1, 31)
    for i in range(n):
        yield [
            f"0b7c{i:08d}", "Nachname", "Vorname", born, "weiblich", "Syrien", "Duldung", until,
            None, None, i % 3, "dringender Bedarf", "Köln, Stadt", "Teilhabemanagement",
            "Fallmanagerin", "15.01.2026",
        ]  # fmt: skip


def tabular_series(profile: str) -> list[dict]:
    """core.tabular alone: seconds per file for 1k … 16k rows; time per row stays flat."""
    from teilhabe.core import tabular

    header = [f"Spalte {i}" for i in range(16)]
    out = []
    for fmt, write in (("xlsx", tabular.xlsx_bytes), ("csv", tabular.csv_bytes)):
        write([tabular.Table("T", header, _generated(100))])  # warm-up
        for n in SERIES:
            started = time.perf_counter()
            write([tabular.Table("T", header, _generated(n))])
            seconds = time.perf_counter() - started
            out.append(
                {
                    "measure": f"core.tabular alone ({fmt})",
                    "size": f"{n:,} rows × 16 columns",
                    "seconds": round(seconds, 3),
                    "reference": None,
                    "ratio": None,
                    "note": f"{seconds / n * 1e6:.0f} µs per row",
                }
            )
    return out


MEASURES: list[Callable[[str], list[dict]]] = [alliance_exports, tabular_series]
