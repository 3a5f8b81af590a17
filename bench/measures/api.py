"""The API's lists at full-state scale (issue 20): the person list of the largest alliance as
its case manager and as partner staff of its Jobcenter (the partner's page reads its
consents and records what it disclosed), and its offer catalogue, each on the first and
on the last page. Whole requests through Django's test client (session, middleware,
access, JSON), median of 5 after a warm-up. Target: ≤ 100 ms at any page number.
"""

from __future__ import annotations

import math
import statistics
import time
from typing import Any

from bench.measures.casepage import _session_cookie
from bench.measures.exports import _largest_alliance

TARGET = 0.1
PAGE = 50
RUNS = 5


def _timed(client: Any, url: str, page: int) -> tuple[float, int]:
    """(median seconds, queries) of GET `url` on `page`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get() -> None:
        response = client.get(url, {"page": page})
        assert response.status_code == 200, (url, page, response.status_code)

    get()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        get()
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        get()
    return statistics.median(times), len(queries)


def _partner(alliance: Any) -> Any:
    from django_scopes import scopes_disabled

    from teilhabe.core.models import Membership, Organisation, Role

    with scopes_disabled():
        m = (
            Membership.objects.filter(
                organisation__alliance=alliance,
                organisation__kind=Organisation.Kind.JOBCENTER,
                role=Role.PARTNER_STAFF,
                is_active=True,
            )
            .select_related("user")
            .first()
        )
    assert m is not None, "no partner staff at the Jobcenter"
    return m.user


def api_lists(profile: str) -> list[dict]:
    from django.test import Client

    alliance, case_manager, _coordinator, persons = _largest_alliance()
    lists = [
        ("person list, case manager", case_manager, "personen"),
        ("person list, Jobcenter partner staff", _partner(alliance), "personen"),
        ("offer catalogue, case manager", case_manager, "angebote"),
    ]
    out = []
    for label, user, path in lists:
        client = Client()
        client.cookies.load(_session_cookie(user))
        url = f"/api/v1/buendnisse/{alliance.slug}/{path}"
        count = client.get(url, {"page": 1}).json()["count"]
        last = max(1, math.ceil(count / PAGE))
        for page in sorted({1, last}):
            seconds, queries = _timed(client, url, page)
            verdict = "PASS" if seconds <= TARGET else "MISS"
            out.append(
                {
                    "measure": f"API {label}, page {page} of {last}",
                    "size": f"{alliance.slug}: {persons:,} persons, {count:,} rows",
                    "seconds": round(seconds, 3),
                    "reference": TARGET,
                    "ratio": None,
                    "note": f"{queries} queries; target ≤ {TARGET} s: {verdict}",
                }
            )
    return out


MEASURES = [api_lists]
