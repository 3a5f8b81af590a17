"""Matrix rows for reporting: the alliance dashboard (coordinators; case managers see their
own organisation), alliance reports (coordinators), statewide monitoring (state roles),
the age share and state reports (state coordinator), and the aggregate API routes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile

from tests.conftest import World
from tests.matrix import row

DASHBOARD_A = row(404, anon=302, cm_a=200, coord_a=200, cm_a_jmd=200)
COORD_A = row(404, anon=302, coord_a=200)
STATE_READ = row(404, anon=302, state=200, researcher=200)
STATE_EDIT = row(404, anon=302, state=200)


def api(rows: dict[str, int]) -> dict[str, int]:
    return {**rows, "anon": 401}


EXPECTED: dict[str, dict[str, int]] = {
    "reporting_alliance:dashboard": DASHBOARD_A,
    "reporting_alliance:reports": COORD_A,
    "reporting_alliance:report": COORD_A,
    "reporting_alliance:report_pdf": COORD_A,
    "reporting_alliance:report_xlsx": COORD_A,
    "reporting_state:monitoring": STATE_READ,
    "reporting_state:age_share": STATE_EDIT,
    "reporting_state:reports": STATE_EDIT,
    "reporting_state:report": STATE_EDIT,
    "reporting_state:report_pdf": STATE_EDIT,
    "reporting_state:report_xlsx": STATE_EDIT,
    "api:reporting_alliance": api(DASHBOARD_A),
    "api:reporting_state": api(STATE_READ),
}


def _done_report(alliance: Any) -> Any:
    from teilhabe.reporting.models import Report

    report = Report.objects.create(
        alliance=alliance,
        period="year",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
        status="done",
        done=1,
        total=1,
    )
    report.pdf.save("matrix.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    report.xlsx.save("matrix.xlsx", ContentFile(b"PK"), save=False)
    report.save()
    return report


def url_kwargs(world: World) -> dict[str, Any]:
    return {
        "report_id": _done_report(world.a.alliance).pk,
        "state_report_id": _done_report(None).pk,
    }
