"""10,000-row Excel import of a person list: upload checks, then the all-or-nothing commit
that runs every row under the intake rules (`teilhabe import_run`, one pass; the batch path
people.intake.bulk, a constant number of queries per chunk of 250 rows). Target
≤ 15 s, ≤ 300 MB. BENCH_IMPORT_CHECK=1 adds the page's separate check pass (rolled back)
before it; BENCH_IMPORT_ROWS changes the size.

Time is wall-clock of the whole import (the upload checks and the parse included). Memory
is the peak resident set of a fresh child process that runs only the import
(resource.getrusage ru_maxrss), so the figure includes Python and Django (~80 MB). The
imported persons are deleted afterwards; their audit events stay (append-only).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", 10_000))
HEADER = ["Vorname", "Nachname", "Geburtsdatum", "Geschlecht", "Staatsangehörigkeit",
          "Wohnort", "Aufenthaltsstatus", "gültig bis", "Telefon"]  # fmt: skip
STATUSES = ["Duldung", "Gestattung", "Aufenthaltserlaubnis § 25a", "unbekannt"]


COUNTRIES = ["Syrien", "Syria", "SY", "Afghanistan", "Irak"]


def _typed(born: dt.date, n: int) -> Any:
    # As offices type dates: a date cell, 31.01.2004, 31.1.04 (read by transfer.dates).
    return [born, born.strftime("%d.%m.%Y"), f"{born.day}.{born.month}.{born:%y}"][n % 3]


def workbook(rows: int, gemeinde: str, today: dt.date) -> bytes:
    """Rows typed like an office list: the place without its suffix ("Köln" for "Köln,
    Stadt"), countries in several spellings, dates in three forms."""
    from openpyxl import Workbook

    place = gemeinde.split(",", 1)[0]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADER)
    for n in range(rows):
        born = today.replace(year=today.year - 19 - n % 8) - dt.timedelta(days=n % 300)
        ws.append([f"Bench{n}", f"Import{n // 7}x{n % 7}", _typed(born, n), "wm"[n % 2],
                   COUNTRIES[n % 5], place, STATUSES[n % 4],
                   today + dt.timedelta(days=90 + n % 400), f"+49 151 {n:07d}"])  # fmt: skip
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def run_import(rows: int, check: bool = False) -> dict[str, Any]:
    """Import `rows` generated persons into the first alliance with a case manager; returns
    the figures. Needs Django set up."""
    from django.utils import timezone
    from django_scopes import scope, scopes_disabled

    from teilhabe.core.models import Membership, Role
    from teilhabe.core.roles import Principal
    from teilhabe.people.models import Person
    from teilhabe.transfer import services
    from teilhabe.transfer.models import ImportedRecord

    with scopes_disabled():
        membership = (
            Membership.objects.filter(role=Role.CASE_MANAGER, is_active=True, assigned_only=False)
            .select_related("organisation__alliance", "user")
            .order_by("created_at")
            .first()
        )
        assert membership is not None, "no case manager in the seeded data"
        alliance = membership.organisation.alliance
        gemeinde = alliance.gemeinden().order_by("ags").first()
    content = workbook(rows, gemeinde.name if gemeinde else "", timezone.localdate())
    started = time.perf_counter()
    with scope(alliance=alliance):
        principal = Principal.for_alliance(membership.user, alliance)
        job = services.job_create(
            principal=principal,
            organisation=membership.organisation,
            kind="persons",
            filename="bench.xlsx",
            content=content,
        )
        services.job_map(job=job, mapping=job.mapping, confirm_age=True, confirm_duplicates=True)
    checked = time.perf_counter()
    if check:  # the page's separate check (rolled back), as a user runs it before importing
        job = services.job_validate(job_id=job.pk)
        assert job.status == "valid", job.errors[:3]
    validated = time.perf_counter()
    job = services.job_run(job_id=job.pk)  # = `teilhabe import_run`: one checked commit
    committed = time.perf_counter()
    assert job.status == "committed", job.errors[:3]
    with scopes_disabled():
        ids = list(ImportedRecord.objects.filter(job=job).values_list("object_id", flat=True))
        Person.objects.filter(pk__in=ids).delete()
    return {
        "rows": rows,
        "bytes": len(content),
        "seconds": committed - started,
        "upload_seconds": checked - started,
        "check_seconds": validated - checked,
        "commit_seconds": committed - validated,
        "created": job.created_count,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child() -> None:
    import django

    django.setup()
    print(
        json.dumps(run_import(int(sys.argv[2]), check=os.environ.get("BENCH_IMPORT_CHECK") == "1"))
    )


def excel_import(profile: str) -> list[dict]:
    # A fresh process, so the peak resident set is the import's (plus Django), not the
    # harness's or another measure's.
    env = dict(os.environ)
    out = subprocess.run(
        [sys.executable, "-m", "bench.measures.excel_import", "--child", str(ROWS)],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=3000,
        check=True,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    seconds = figures["seconds"]
    return [
        {
            "measure": "Excel import of a person list (one checked commit)",
            "size": f"{figures['rows']:,} rows, {figures['bytes'] / 1e6:.1f} MB xlsx",
            "seconds": round(seconds, 2),
            "reference": 15.0,
            "ratio": round(seconds / 15.0, 2),
            "note": (
                f"separate check {figures['check_seconds']:.1f} s, commit "
                f"{figures['commit_seconds']:.1f} s; {figures['rows'] / seconds:.0f} rows/s; "
                f"peak RSS {figures['maxrss_mb']:.0f} MB (target ≤ 15 s, ≤ 300 MB)"
            ),
        }
    ]


MEASURES: list[Callable[[str], list[dict]]] = [excel_import]

if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    _child()
