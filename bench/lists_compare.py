"""Before/after figures of the list and aggregate changes of issue 20 (lists helper), on a
seeded alliance of 2,000 persons in the test PostgreSQL: not part of `make bench` (it
times the former implementations, loaded from git, side by side with the current ones).

    TEILHABE_TEST_DB=postgres uv run --frozen pytest bench/lists_compare.py -s -p no:cacheprovider
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import time
import types
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from tests.conftest import World, login, world  # noqa: F401  (fixtures)
from tests.offers.factories import OfferFactory
from tests.offers.helpers import field
from tests.reporting.test_transitions import reference as transitions_before

from teilhabe.casework.models import Case, Consent, ConsentRecipient, NeedAssessment
from teilhabe.people.models import Person, ResidenceStatusEntry
from teilhabe.reporting.selectors import Filters, transitions
from teilhabe.trajectories.models import Finding, Participation

BASE = "926659f~1"  # the commit before these changes
PERSONS = 2000
RUNS = 5


def former(path: str, name: str) -> types.ModuleType:
    """The module at `path` as it was at BASE."""
    source = subprocess.run(
        ["git", "show", f"{BASE}:src/teilhabe/{path}"], capture_output=True, text=True, check=True
    ).stdout
    module = types.ModuleType(name)
    sys.modules[name] = module  # dataclasses look their module up
    exec(compile(source, path, "exec"), module.__dict__)  # noqa: S102  (our own history)
    return module


def timed(run: Callable[[], Any]) -> tuple[float, int]:
    """Best of RUNS in ms, and the query count."""
    best = float("inf")
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - t)
    return best * 1000, len(ctx)


def seed(data: World) -> list[Any]:
    rng = random.Random(1)
    a = data.a
    kinds = ["vocational_training", "employment", "school", ""]
    with scopes_disabled():
        offers = [
            OfferFactory(provider=rng.choice([a.jobcenter, a.jmd]), category=c, free_places=5)
            for c in ["vocational_training", "internship", "language_course"] * 7
        ]
        persons = [
            Person(
                id=uuid.uuid4(),
                alliance=a.alliance,
                owner=a.tm_office,
                given_name=f"V{i}",
                family_name=f"N{i:05d}",
                date_of_birth=dt.date(2004, 1, 1),
                sex="female",
                nationality="SY",
            )
            for i in range(PERSONS)
        ]
        Person.objects.bulk_create(persons)
        cases = [
            Case(
                id=uuid.uuid4(),
                alliance=a.alliance,
                person=p,
                organisation=a.tm_office,
                opened_on=dt.date(2025, 1, 10),
                status="open" if i % 5 else "closed",
                closed_on=None if i % 5 else dt.date(2025, 9, 1),
                closure_reason="" if i % 5 else rng.choice(kinds[:3]),
            )
            for i, p in enumerate(persons)
        ]
        Case.objects.bulk_create(cases)
        ResidenceStatusEntry.objects.bulk_create(
            ResidenceStatusEntry(
                alliance=a.alliance,
                person=p,
                status=rng.choice(["toleration", "gestattung"]),
                valid_from=dt.date(2025, 1, 1),
            )
            for p in persons
        )
        work = field("work_training")
        NeedAssessment.objects.bulk_create(
            NeedAssessment(
                alliance=a.alliance,
                case=c,
                field_of_action=work,
                level=rng.choice(["some", "urgent", "none"]),
                assessed_on=dt.date(2025, 3, 1),
                organisation=a.tm_office,
            )
            for c in cases
        )
        parts = []
        for p in persons:
            for n in range(3):
                start = dt.date(2024, 6, 1) + dt.timedelta(days=120 * n + rng.randint(0, 30))
                offer = rng.choice(offers)
                parts.append(
                    Participation(
                        alliance=a.alliance,
                        person=p,
                        offer=offer,
                        category=offer.category,
                        start=start,
                        end=start + dt.timedelta(days=90),
                        outcome=rng.choice(["completed", "aborted"]),
                        level_reached=rng.choice(["", "A2", "B1"]),
                        transition=rng.choice(kinds),
                        recorded_by_organisation=a.tm_office,
                    )
                )
        Participation.objects.bulk_create(parts)
        Finding.objects.bulk_create(
            Finding(
                alliance=a.alliance,
                person=p,
                rule="MK4",
                explanation="…",
                detected_on=dt.date(2025, 6, 1),
            )
            for p in persons[::7]
        )
        consents = [
            Consent(
                alliance=a.alliance,
                person=p,
                organisation=a.tm_office,
                purpose=Consent.Purpose.JOINT_PLANNING,
                categories=["participations"],
                valid_from=dt.date(2025, 1, 1),
            )
            for p in persons[::2]
        ]
        Consent.objects.bulk_create(consents)
        ConsentRecipient.objects.bulk_create(
            ConsentRecipient(alliance=a.alliance, consent=c, organisation=a.jobcenter)
            for c in consents
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return offers


@pytest.mark.django_db
def test_print_before_and_after(world: World, login: Any) -> None:  # noqa: F811
    offers = seed(world)
    alliance = world.a.alliance
    rows: list[tuple[str, str, str]] = []

    def row(what: str, before: tuple[float, int] | None, after: tuple[float, int]) -> None:
        shown = f"{before[0]:.0f} ms, {before[1]} queries" if before else "–"
        rows.append((what, shown, f"{after[0]:.0f} ms, {after[1]} queries"))

    # API person list (case manager; partner with 1,000 shared persons), page 1 and 40/20.
    for persona, late in (("cm_a", 40), ("partner_a", 20)):
        client = login(persona)
        url = reverse("api:person_list", args=[alliance.slug])
        client.get(url)
        for page in (1, late):
            row(
                f"API person list, {persona}, page {page}",
                None,
                timed(lambda c=client, u=url, n=page: c.get(u, {"page": n})),
            )

    old_quality = former("trajectories/quality.py", "quality_before")
    from teilhabe.trajectories.quality import quality_report

    with scope(alliance=alliance):
        before, after = old_quality.quality_report(offers), quality_report(offers)
        assert [r.shown for r in before.offers] == [r.shown for r in after.offers]
        assert [r.shown for r in before.providers] == [r.shown for r in after.providers]
        row(
            "offer quality report, 21 offers, 6,000 participations",
            timed(lambda: old_quality.quality_report(offers)),
            timed(lambda: quality_report(offers)),
        )

    old_gaps = former("offers/gaps.py", "gaps_before")
    from teilhabe.offers import gaps

    with scope(alliance=alliance):
        work = field("work_training")
        b, n = (
            old_gaps.drilldown(alliance, work, "duldung"),
            gaps.drilldown(alliance, work, "duldung"),
        )
        assert (b.cell.need, b.with_access, b.without_access) == (
            n.cell.need,
            n.with_access,
            n.without_access,
        )
        assert [(r.excluded, r.only_obstacle) for r in b.rules] == [
            (r.excluded, r.only_obstacle) for r in n.rules
        ]
        row(
            "one gap cell (work and training × Duldung)",
            timed(lambda: old_gaps.drilldown(alliance, work, "duldung")),
            timed(lambda: gaps.drilldown(alliance, work, "duldung")),
        )

    flt = Filters(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    with scopes_disabled():
        assert transitions([alliance.pk], flt).counts == transitions_before([alliance.pk], flt)
        row(
            "transitions indicator",
            timed(lambda: transitions_before([alliance.pk], flt)),
            timed(lambda: transitions([alliance.pk], flt)),
        )

    print(f"\n| what ({PERSONS:,} persons, PostgreSQL, best of {RUNS}) | before | after |")
    print("|---|---:|---:|")
    for what, b_, a_ in rows:
        print(f"| {what} | {b_} | {a_} |")
