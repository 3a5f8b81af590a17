"""The audit log at 1,000,000 events of one alliance (issue 20, target: last page ≤ 150 ms).

Seeds the events with COPY into the alliance with the most persons (committed; a rerun on
the same database tops up to the figure), spread over 400 days, round-robin over the
alliance's organisations and members, a tenth of them disclosures through a consent. Then
times whole requests of the data-protection officer's log (`privacy:log`) and of the lead
office's (`core:audit_log`) through Django's test client with a signed-in session: the
newest page, the oldest ("last") page, a one-day filter, a person filter, and the CSV of a
day. The reference column is the old way of reaching the last page: OFFSET over the count.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
import uuid
from collections.abc import Callable
from typing import Any

EVENTS = int(os.environ.get("BENCH_AUDIT_EVENTS", 1_000_000))
DAYS = 400
RUNS = 5


def _alliance() -> Any:
    from django.db.models import Count

    from teilhabe.core.models import Alliance

    return Alliance.objects.annotate(n=Count("organisations")).order_by("-n", "slug").first()


def _seed(alliance: Any, total: int) -> int:
    """COPY events into the alliance until it holds `total`; the count it holds."""
    from django.db import connection, transaction

    from teilhabe.casework.models import Consent
    from teilhabe.core.models import AuditEvent, Membership, Organisation
    from teilhabe.people.models import Person

    have = AuditEvent.objects.filter(alliance=alliance).count()
    missing = total - have
    if missing <= 0:
        return have
    rng = random.Random(1)
    orgs = list(Organisation.objects.filter(alliance=alliance).values_list("pk", flat=True))
    members = list(
        Membership.objects.filter(alliance=alliance).values_list("user_id", "organisation_id")
    )
    persons = list(Person.objects.filter(alliance=alliance).values_list("pk", flat=True)[:20000])
    consents = list(Consent.objects.filter(alliance=alliance).values_list("pk", flat=True)[:5000])
    actions = ["view"] * 6 + ["update", "create", "list", "export"]
    now = dt.datetime.now(dt.UTC)
    start = now - dt.timedelta(days=DAYS)
    step = dt.timedelta(days=DAYS) / missing
    columns = (
        "at, actor_id, organisation_id, alliance_id, action, object_type, object_id, purpose, "
        "consent_id, request_id, outcome"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        sql = f"COPY {AuditEvent._meta.db_table} ({columns}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for i in range(missing):
                user, org = members[i % len(members)] if members else (None, orgs[i % len(orgs)])
                disclose = consents and i % 10 == 0
                copy.write_row(
                    (
                        start + step * i,
                        user,
                        org,
                        alliance.pk,
                        "disclose" if disclose else rng.choice(actions),
                        "people.person",
                        rng.choice(persons) if persons else uuid.uuid4(),
                        "consent" if disclose else "",
                        rng.choice(consents) if disclose else None,
                        "",
                        "success",
                    )
                )
        cursor.execute(f"ANALYZE {AuditEvent._meta.db_table}")
    return AuditEvent.objects.filter(alliance=alliance).count()


def _member(alliance: Any, role: str, lead: bool | None = None) -> Any:
    from teilhabe.core.models import Membership

    members = Membership.objects.filter(alliance=alliance, role=role, is_active=True)
    if lead is not None:
        members = members.filter(organisation__is_lead_office=lead)
    found = members.select_related("user", "organisation").order_by("organisation__name").first()
    assert found is not None, f"no {role} in {alliance.slug}"
    return found


def _time(client: Any, url: str, params: dict[str, str]) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url, params).status_code == 200  # warm-up
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url, params)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, url
        queries = len(ctx.captured_queries)
    return statistics.median(times), queries


def _offset_last_page(alliance: Any, organisation: Any) -> float:
    """The replaced way: count, then OFFSET to the last page of 50."""
    from teilhabe.core.models import AuditEvent

    qs = AuditEvent.objects.filter(alliance=alliance, organisation=organisation).order_by(
        "-at", "-id"
    )
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        count = qs.count()
        list(qs.select_related("actor", "organisation")[max(count - 50, 0) : count])
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _page_query_only(alliance: Any, user: Any, size: str) -> dict:
    """The last page's database read alone (scope, keyset query, sentences' lookups), to
    tell the query from the page around it."""
    from django.db import connection
    from django_scopes import scope

    from teilhabe.core.roles import Principal
    from teilhabe.privacy.audit import log
    from teilhabe.privacy.audit.scope import audit_events_for
    from teilhabe.privacy.audit.text import describe

    principal = Principal.for_alliance(user, alliance)
    query, sentences = [], []
    with scope(alliance=alliance):
        for _ in range(RUNS + 1):
            started = time.perf_counter()
            events = audit_events_for(principal).select_related("actor", "organisation")
            page = log.page_of(events, {log.OLDEST: "1"})
            middle = time.perf_counter()
            describe(page.events, principal)
            query.append(middle - started)
            sentences.append(time.perf_counter() - middle)
        sql, params = events.order_by("at", "id")[:51].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, TIMING OFF) {sql}", params)
            plan = " / ".join(r[0].strip() for r in cursor.fetchall()[:4])
    q, t = statistics.median(query[1:]), statistics.median(sentences[1:])
    return {
        "measure": "audit log (DPO), last page: keyset query + sentences, no request",
        "size": size,
        "seconds": round(q + t, 3),
        "reference": None,
        "ratio": None,
        "note": f"query {q:.3f} s, sentences {t:.3f} s; plan: {plan[:300]}",
    }


def audit_log_at_a_million(profile: str) -> list[dict]:
    from django.test import Client
    from django.urls import reverse
    from django_scopes import scopes_disabled
    from tests.conftest import login_with_mfa

    from teilhabe.core.models import AuditEvent, Role
    from teilhabe.people.models import Person

    with scopes_disabled():
        alliance = _alliance()
        seeded = time.perf_counter()
        total = _seed(alliance, EVENTS)
        seeding = time.perf_counter() - seeded
        dpo = _member(alliance, Role.DATA_PROTECTION_OFFICER)
        lead = _member(alliance, Role.COORDINATOR, lead=True)
        own = AuditEvent.objects.filter(alliance=alliance, organisation=dpo.organisation).count()
        owned = Person.objects.filter(owner=dpo.organisation).values("pk")
        person = (
            AuditEvent.objects.filter(alliance=alliance, object_id__in=owned)
            .values_list("object_id", flat=True)
            .first()
        )
        reference = _offset_last_page(alliance, dpo.organisation)
    size = f"{total:,} events ({own:,} of the DPO's organisation)"
    middle = (dt.date.today() - dt.timedelta(days=DAYS // 2)).isoformat()
    day = {"von": middle, "bis": middle}
    dpo_client = login_with_mfa(Client(), dpo.user)
    lead_client = login_with_mfa(Client(), lead.user)
    dpo_log = reverse("privacy:log", args=[alliance.slug])
    lead_log = reverse("core:audit_log", args=[alliance.slug])
    cases: list[tuple[str, Any, str, dict[str, str], float | None]] = [
        ("audit log (DPO), newest page", dpo_client, dpo_log, {}, None),
        ("audit log (DPO), last page", dpo_client, dpo_log, {"aelteste": "1"}, reference),
        ("audit log (DPO), one day", dpo_client, dpo_log, day, None),
        ("audit log (DPO), one person", dpo_client, dpo_log, {"personen": str(person)}, None),
        ("audit log (DPO), CSV of one day", dpo_client, dpo_log, {**day, "format": "csv"}, None),
        ("audit log (lead office), last page", lead_client, lead_log, {"aelteste": "1"}, None),
    ]  # fmt: skip
    rows = []
    for label, client, url, params, ref in cases:
        seconds, queries = _time(client, url, params)
        note = f"{queries} queries"
        if "last page" in label:
            note += f"; target ≤ 0.15 s: {'PASS' if seconds <= 0.15 else 'MISS'}"
        if ref is not None:
            note += "; reference: OFFSET last page of the same events"
        rows.append(
            {
                "measure": label,
                "size": size,
                "seconds": round(seconds, 3),
                "reference": round(ref, 3) if ref is not None else None,
                "ratio": round(seconds / ref, 2) if ref else None,
                "note": note,
            }
        )
    rows.append(_page_query_only(alliance, dpo.user, size))
    rows[0]["note"] += f"; seeding took {seeding:.0f} s" if seeding > 1 else ""
    return rows


MEASURES: list[Callable[[str], list[dict]]] = [audit_log_at_a_million]
