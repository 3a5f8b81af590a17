"""General measures of the case page (the person page of a case manager).

- Query count for a person with 5 and with 500 history items of each kind (contacts,
  status entries, goals with a step, needs assessments, participations): equal, ≤ 20.
  The two persons are created in a transaction that is rolled back afterwards.
- Throughput with 8 concurrent clients (bench/load.py, a second process, loopback only)
  against the case page and against a bare view (bench/urls.py) on the production server
  (gunicorn with `teilhabe.ops.gunicorn_conf`, bench settings). Target (issue 20): ≥ 40
  requests/s and p95 ≤ 300 ms on the 2-core machine.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
KINDS = "contacts, status entries, goals+steps, needs, participations"
CLIENTS = 8
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", 10))
WORKERS = os.environ.get("BENCH_WEB_WORKERS", "")
THREADS = os.environ.get("BENCH_WEB_THREADS", "")
TARGET_RPS, TARGET_P95 = 40.0, 0.300  # issue 20: ≥ 40 req/s with 8 clients, p95 ≤ 300 ms


def _case_manager() -> tuple[Any, Any, Any]:
    """(alliance, Teilhabemanagement organisation, one of its case managers)."""
    from django_scopes import scopes_disabled

    from teilhabe.core.models import Membership, Organisation, Role

    with scopes_disabled():
        m = (
            Membership.objects.filter(
                role=Role.CASE_MANAGER, organisation__kind=Organisation.Kind.TEILHABEMANAGEMENT
            )
            .select_related("organisation__alliance", "user")
            .order_by("organisation__alliance__slug")
            .first()
        )
    assert m is not None, "no case manager in the seeded data"
    return m.organisation.alliance, m.organisation, m.user


def _session_cookie(user: Any) -> str:
    """A session with password and TOTP passed, as allauth records them."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.module_loading import import_string

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that loads the user (axes' comes first and only counts failures).
    session[BACKEND_SESSION_KEY] = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(import_string(path), "get_user")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _person_with_history(alliance: Any, owner: Any, n: int) -> Any:
    from tests import factories as f
    from tests.casework.work.factories import (
        ContactFactory,
        GoalFactory,
        NeedAssessmentFactory,
        StepFactory,
    )
    from tests.people.intake.factories import StatusEntryFactory
    from tests.trajectories.factories import ParticipationFactory

    from teilhabe.alliances.models import FieldOfAction
    from teilhabe.casework.models import Contact, Goal, NeedAssessment, Step
    from teilhabe.people.models import ResidenceStatusEntry
    from teilhabe.trajectories.models import Participation

    person = f.PersonFactory(owner=owner, alliance=alliance, given_name="Bench", family_name="X")
    case = f.CaseFactory(person=person)
    day = dt.date(2020, 1, 1)
    field = FieldOfAction.objects.filter(alliance=None).order_by("key").first()
    Contact.objects.bulk_create(
        [ContactFactory.build(case=case, on=day + dt.timedelta(days=i)) for i in range(n)]
    )
    ResidenceStatusEntry.objects.bulk_create(
        [
            StatusEntryFactory.build(person=person, valid_from=day + dt.timedelta(days=i))
            for i in range(n)
        ]
    )
    goals = Goal.objects.bulk_create([GoalFactory.build(case=case) for _ in range(n)])
    Step.objects.bulk_create([StepFactory.build(goal=g) for g in goals])
    NeedAssessment.objects.bulk_create(
        [
            NeedAssessmentFactory.build(
                case=case, field_of_action=field, assessed_on=day + dt.timedelta(days=i)
            )
            for i in range(n)
        ]
    )
    Participation.objects.bulk_create(
        [
            ParticipationFactory.build(
                person=person,
                start=day + dt.timedelta(days=i),
                end=day + dt.timedelta(days=i + 30),
            )
            for i in range(n)
        ]
    )
    return person


def case_page_queries(profile: str) -> list[dict]:
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from teilhabe.people.models import Person

    alliance, owner, user = _case_manager()
    with scopes_disabled():
        size = f"{Person.objects.count():,} persons"
    results: dict[int, tuple[int, float]] = {}
    with transaction.atomic():
        client = Client()
        client.cookies.load(_session_cookie(user))
        for n in (5, 500):
            with scopes_disabled():
                person = _person_with_history(alliance, owner, n)
            url = reverse("people:detail", args=[alliance.slug, person.pk])
            assert client.get(url).status_code == 200  # warm caches (templates, sections)
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(url)
                took = time.perf_counter() - started
            assert response.status_code == 200
            results[n] = (len(ctx.captured_queries), took)
        transaction.set_rollback(True)
    (q5, t5), (q500, t500) = results[5], results[500]
    verdict = "PASS" if q5 == q500 and q500 <= 20 else "MISS"
    return [
        {
            "measure": "case page, 5 history items per kind",
            "size": size,
            "seconds": round(t5, 3),
            "reference": None,
            "ratio": None,
            "note": f"{q5} queries ({KINDS})",
        },
        {
            "measure": "case page, 500 history items per kind",
            "size": size,
            "seconds": round(t500, 3),
            "reference": round(t5, 3),
            "ratio": round(t500 / t5, 2) if t5 else None,
            "note": f"{q500} queries vs {q5}; target equal and ≤ 20: {verdict}",
        },
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _load(url: str, cookie: str, seconds: float) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.load",
            url,
            "--cookie",
            cookie,
            "--clients",
            str(CLIENTS),
            "--seconds",
            str(seconds),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def case_page_throughput(profile: str) -> list[dict]:
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from teilhabe.people.models import Person

    alliance, owner, user = _case_manager()
    with scopes_disabled():
        size = f"{Person.objects.count():,} persons"
        # By name, not id: UUIDs change with every seed, the seeded names do not.
        person = (
            Person.objects.filter(owner=owner)
            .order_by("family_name", "given_name", "date_of_birth", "id")
            .first()
        )
    assert person is not None
    cookie = _session_cookie(user)
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "TEILHABE_DB_CONN_MAX_AGE": "60",
        "TEILHABE_LOG_LEVEL": "WARNING",
    }
    # The production server as `make run` starts it (gunicorn, teilhabe.ops.gunicorn_conf:
    # its workers and threads unless BENCH_WEB_WORKERS / BENCH_WEB_THREADS say otherwise).
    env.update(
        {
            "TEILHABE_BIND": f"127.0.0.1:{port}",
            "TEILHABE_ACCESS_LOG": "/dev/null",
            **({"TEILHABE_WEB_WORKERS": WORKERS} if WORKERS else {}),
            **({"TEILHABE_WEB_THREADS": THREADS} if THREADS else {}),
        }
    )
    conf = "python:teilhabe.ops.gunicorn_conf"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", conf, "teilhabe.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    page = base + reverse("people:detail", args=[alliance.slug, person.pk])
    bare = base + "/bench/bare/"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        for url in (bare, page):  # warm up: every thread's connection, templates
            warm = _load(url, cookie, 2)
            if warm["requests"] == 0:
                raise RuntimeError(f"{url}: no successful request ({warm['error_kinds']})")
        # Alternate the two so background load on the shared machine hits both alike.
        runs: dict[str, list[dict]] = {"bare": [], "page": []}
        for _ in range(2):
            runs["bare"].append(_load(bare, cookie, SECONDS / 2))
            runs["page"].append(_load(page, cookie, SECONDS / 2))
    finally:
        server.terminate()
        server.wait(timeout=30)

    def total(kind: str) -> tuple[float, float, float, int]:
        reqs = sum(r["requests"] for r in runs[kind])
        secs = sum(r["seconds"] for r in runs[kind])
        p50 = sorted(r["p50"] or 0 for r in runs[kind])[0]
        p95 = max(r["p95"] or 0 for r in runs[kind])
        return reqs / secs, p50, p95, sum(r["errors"] for r in runs[kind])

    page_rps, page_p50, page_p95, page_err = total("page")
    bare_rps, bare_p50, _bare_p95, bare_err = total("bare")
    share = page_rps / bare_rps if bare_rps else 0.0
    met = page_rps >= TARGET_RPS and page_p95 <= TARGET_P95
    server_label = f"gunicorn {WORKERS or 'conf'} workers × {THREADS or 'conf'} threads"
    return [
        {
            "measure": f"case page throughput, {CLIENTS} clients (median latency)",
            "size": size,
            "seconds": round(page_p50, 4),
            "reference": round(bare_p50, 4),
            "ratio": round(share, 2),
            "note": f"{page_rps:,.1f} req/s, p95 {page_p95 * 1000:,.0f} ms (target ≥ "
            f"{TARGET_RPS:.0f} req/s, p95 ≤ {TARGET_P95 * 1000:.0f} ms: "
            f"{'PASS' if met else 'MISS'}); bare view {bare_rps:,.1f} req/s = {share:.0%}; "
            f"errors {page_err}/{bare_err}; {server_label}, loopback",
        }
    ]


MEASURES: list[Callable[[str], list[dict]]] = [case_page_queries, case_page_throughput]
