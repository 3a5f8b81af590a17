"""Every page and every export, as the personas reach them (#20): a bounded crawl.

Signs in (password and second factor passed, as allauth records them) as one person per role
of the largest alliance of the profile — the case manager of the Teilhabemanagement, every
other role there, partner staff of each kind of partner organisation — and as each statewide
role; then as each role of the smallest alliance, whose medians route by route show whether
a page grows with the data (target: ≤ 3 × the smallest's time). From the start page it
follows every link on the site (breadth first), at most PER_NAME URLs per route (three
persons' pages tell what a thousand would) and at most PER_PERSONA requests per persona;
every export link it finds (`?format=`, `?als=`) is fetched too. Each request is timed
with its query count (Django test client in this process, so no network or server workers
are measured: the view, its queries, the template). The results list the median page, the
slowest export, the routes of the largest alliance against the smallest and the slowest 20
requests by route.

Fails the run (an exception: BENCHFAIL) when a page or an export answers anything but 200
(redirects are followed once, within the site), or when a route that offers an export was
crawled without one of its exports being fetched.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import statistics
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

PER_NAME = int(os.environ.get("BENCH_CRAWL_PER_NAME", 3))
PER_PERSONA = int(os.environ.get("BENCH_CRAWL_PER_PERSONA", 250))
EXPORT_KEYS = ("format", "als")
# Links the crawl does not follow: signing out, and pages that change state on GET.
SKIP = re.compile(r"/konto/(logout|abmelden)|/konto/2fa|/admin/|/static/|/media/|/betrieb/")


@dataclass
class Hit:
    persona: str
    url: str
    route: str
    status: int
    seconds: float
    queries: int
    export: bool
    error: str = ""  # the traceback of a server error, for the report
    warm: float | None = None  # a route's first page asked again: without first-use costs


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def _route(path: str) -> str:
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return "?"
    return match.view_name


def _is_export(url: str) -> bool:
    return any(key in dict(parse_qsl(urlsplit(url).query)) for key in EXPORT_KEYS)


def _alliances() -> tuple[tuple[str, int], tuple[str, int]]:
    """(slug, persons) of the largest alliance and of the smallest that has persons."""
    from django.db.models import Count
    from django_scopes import scopes_disabled

    from teilhabe.people.models import Person

    with scopes_disabled():
        sizes = list(
            Person.objects.values("alliance__slug")
            .annotate(n=Count("id"))
            .order_by("-n", "alliance__slug")
            .values_list("alliance__slug", "n")
        )
    return sizes[0], sizes[-1]


def personas(slug: str, *, state: bool = True) -> list[tuple[str, Any]]:
    """(label, user): one per role of the alliance, and one per statewide role."""
    from django_scopes import scopes_disabled

    from teilhabe.core.models import Membership, Role, StateRole

    chosen: dict[str, Any] = {}
    with scopes_disabled():
        memberships = (
            Membership.objects.filter(organisation__alliance__slug=slug, is_active=True)
            .select_related("user", "organisation")
            .order_by("role", "organisation__kind", "created_at")
        )
        for m in memberships:
            key = f"{m.role}/{m.organisation.kind}" if m.role == Role.PARTNER_STAFF else m.role
            chosen.setdefault(f"{slug}: {key}", m.user)
        if state:
            for role in StateRole.objects.select_related("user").order_by("role"):
                chosen.setdefault(f"Land: {role.role}", role.user)
    return list(chosen.items())


def crawl(label: str, user: Any, offered: set[str]) -> list[Hit]:
    """The persona's hits; `offered` collects the routes that offer an export link."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.measures.casepage import _session_cookie

    client = Client(raise_request_exception=False, HTTP_HOST="localhost")
    name, value = _session_cookie(user).split("=", 1)
    client.cookies[name] = value
    queue: deque[str] = deque(["/"])
    seen: set[str] = {"/"}
    per_route: dict[str, int] = {}
    warmed: set[str] = set()
    hits: list[Hit] = []
    while queue and len(hits) < PER_PERSONA:
        url = queue.popleft()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
                url = response["Location"]
                response = client.get(url)
        seconds = time.perf_counter() - started
        # Counted now: the log keeps the last 9,000 queries, so later requests shift it.
        count = len(queries)
        route = _route(urlsplit(url).path)
        warm = None
        if response.status_code == 200 and not _is_export(url) and route not in warmed:
            warmed.add(route)  # the first use of a template or a query costs once a process
            again = time.perf_counter()
            client.get(url)
            warm = time.perf_counter() - again
        error = ""
        if getattr(response, "exc_info", None):
            error = "".join(traceback.format_exception(*response.exc_info))[-2000:]
        hits.append(
            Hit(
                label,
                url,
                route,
                response.status_code,
                seconds,
                count,
                _is_export(url),
                error,
                warm,
            )
        )
        if _is_export(url) or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        for href in parser.links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen:
                continue
            key = _route(parts.path) + ("#export" if _is_export(target) else "")
            if _is_export(target):
                offered.add(_route(parts.path))
            if per_route.get(key, 0) >= PER_NAME:
                continue
            per_route[key] = per_route.get(key, 0) + 1
            seen.add(target)
            # Exports first: a route's exports are fetched even when the budget runs out.
            (queue.appendleft if _is_export(target) else queue.append)(target)
    return hits


def _as_the_worker_left_it() -> float:
    """Store the reporting periods' figures and run the statewide early warning, as the
    nightly jobs have done in production (a seeded or restored database has neither: the
    statewide page and the rates would be counted live)."""
    from django_scopes import scopes_disabled

    from teilhabe.reporting.models import IndicatorSnapshot
    from teilhabe.reporting.services import indicator_snapshots_record
    from teilhabe.trajectories.models import CareerRun
    from teilhabe.trajectories.services import careers_run_execute

    started = time.perf_counter()
    with scopes_disabled():
        indicator_snapshots_record(trigger=IndicatorSnapshot.Trigger.NIGHTLY)
        careers_run_execute(CareerRun.objects.create(alliance=None, today=dt.date.today()).pk)
    return time.perf_counter() - started


def _flatness(large: list[Hit], small: list[Hit], sizes: str) -> dict:
    """The target "median ≤ 300 ms for the largest alliance and ≤ 3 × its time for the
    smallest", route by route: each route's median in both alliances (alliance pages only),
    with a route's first page timed when asked again, as the largest alliance is crawled
    first and would otherwise pay every first use alone."""

    def medians(hits: list[Hit]) -> dict[str, float]:
        by_route: dict[str, list[float]] = {}
        for h in hits:
            if not h.export and not h.persona.startswith("Land"):
                by_route.setdefault(h.route, []).append(h.warm or h.seconds)
        return {route: statistics.median(times) for route, times in by_route.items()}

    big, little = medians(large), medians(small)
    both = sorted(set(big) & set(little))
    ratios = {route: big[route] / little[route] for route in both if little[route] > 0}
    slow = [route for route in both if big[route] > 0.3]
    steep = [route for route in both if ratios.get(route, 0) > 3]
    # Every route that misses either target, the steepest first.
    worst = sorted(set(slow) | set(steep), key=lambda r: -ratios.get(r, 0))
    return {
        "measure": "crawl: routes of the largest alliance against the smallest (medians)",
        "size": f"{len(both)} routes in both; {sizes}",
        "seconds": round(statistics.median(big[r] for r in both), 3) if both else None,
        "reference": round(statistics.median(little[r] for r in both), 3) if both else None,
        "ratio": round(max(ratios.values()), 2) if ratios else None,
        "note": f"{len(slow)} routes over 0.3 s, {len(steep)} over 3 × the smallest; "
        + "; ".join(
            f"{r} {big[r] * 1000:.0f}/{little[r] * 1000:.0f} ms ×{ratios[r]:.1f}" for r in worst
        ),
    }


def crawl_everything(profile: str) -> list[dict]:
    stored = _as_the_worker_left_it()
    (largest, persons), (smallest, few) = _alliances()
    hits: list[Hit] = []
    offered: set[str] = set()
    for label, user in personas(largest):
        hits += crawl(label, user, offered)
    small: list[Hit] = []
    for label, user in personas(smallest, state=False):
        small += crawl(label, user, offered)
    sizes = f"{largest} {persons:,} persons, {smallest} {few:,}"
    first_error = next((h.error for h in hits + small if h.error), "")
    failures = [h for h in hits + small if h.status != 200]
    pages = [h for h in hits if not h.export]
    exports = [h for h in hits if h.export]
    rows: list[dict] = [
        {
            "measure": "crawl: every page the personas reach (median)",
            "size": f"{len(pages)} pages, {len({h.persona for h in hits})} personas",
            "seconds": round(statistics.median(h.seconds for h in pages), 3) if pages else None,
            "reference": 0.3,
            "ratio": None,
            "note": f"nightly jobs run first: figures stored, early warning ({stored:.0f} s); "
            + "slowest: "
            + "; ".join(
                f"{h.route} {h.seconds:.2f} s/{h.queries} q"
                for h in sorted(pages, key=lambda h: -h.seconds)[:3]
            ),
        },
        {
            "measure": "crawl: every export found (slowest)",
            "size": f"{len(exports)} exports",
            "seconds": round(max((h.seconds for h in exports), default=0), 2),
            "reference": 2.0,
            "ratio": None,
            "note": "; ".join(
                f"{h.route} {h.seconds:.2f} s"
                for h in sorted(exports, key=lambda h: -h.seconds)[:3]
            ),
        },
    ]
    rows.append(_flatness(hits, small, sizes))
    # The slowest 20, by route (a URL may name a person: the route and the query string's
    # keys only), each with its query count.
    for rank, h in enumerate(sorted(hits, key=lambda h: -h.seconds)[:20], start=1):
        keys = ",".join(sorted(dict(parse_qsl(urlsplit(h.url).query))))
        rows.append(
            {
                "measure": f"crawl: slowest {rank:2d}: {h.route}" + (f" ?{keys}" if keys else ""),
                "size": h.persona,
                "seconds": round(h.seconds, 3),
                "reference": 2.0 if h.export else 0.3,
                "ratio": None,
                "note": f"{h.queries} queries",
            }
        )
    missing = offered - {h.route for h in exports + small if h.export}
    problems = [f"{h.status} {h.persona} {h.url}" for h in failures[:40]]
    problems += [f"export offered but not crawled: {route}" for route in sorted(missing)]
    if problems:
        raise AssertionError(
            f"{len(problems)} problems in the crawl:\n" + "\n".join(problems) + "\n" + first_error
        )
    return rows


MEASURES: list[Callable[[str], list[dict]]] = [crawl_everything]
