"""Retention: the time-travel test and the rules around it."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, models
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import Case, NeedAssessment
from teilhabe.core.models import AuditEvent
from teilhabe.people.models import Person
from teilhabe.privacy.models import DeletionRecord, RetentionRule, RetentionRun
from teilhabe.privacy.retention import add_months, person_paths, rules_for
from teilhabe.reporting.selectors import Filters, indicators
from tests.casework.work.factories import NeedAssessmentFactory
from tests.conftest import World
from tests.core.latest_check import assert_flags_follow_the_rule
from tests.privacy.aggregates import figures
from tests.privacy.seed import seed_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def scan_database(canaries: list[str]) -> tuple[int, int, dict[str, int]]:
    """Every column of every table, raw SQL: (tables, columns, hits per canary)."""
    hits: dict[str, int] = {}
    tables = columns = 0
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            desc = connection.introspection.get_table_description(cursor, table)
            names = [d.name for d in desc]
            tables += 1
            columns += len(names)
            quoted = ", ".join(connection.ops.quote_name(n) for n in names)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    text = (
                        bytes(value).decode("utf-8", "replace")
                        if isinstance(value, (bytes, memoryview))
                        else str(value)
                    )
                    for canary in canaries:
                        if canary.lower() in text.lower():
                            hits[canary] = hits.get(canary, 0) + 1
    return tables, columns, hits


def scan_files(root: Path, canaries: list[str]) -> int:
    found = 0
    for path in root.rglob("*") if root.exists() else []:
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace") + path.name
            found += sum(1 for c in canaries if c.lower() in text.lower())
    return found


# Periods of the real alliance dashboard compared before and after: each year the seeded
# persons were in casework, the whole history, and the year of the run.
# Q1 2025 ends between the seeded birthday (9 March) and the coarsened one (1 July), the
# moment the person turns 21: exact-date ages would move them from 21–23 to 18–20.
PERIODS = [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in range(2024, 2030)] + [
    (dt.date(2015, 1, 1), dt.date(2029, 12, 31)),
    (dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
]


def dashboard(alliance: Any) -> list[Any]:
    return [
        (start, i.key, i.counts)
        for start, end in PERIODS
        for i in indicators([alliance.pk], Filters(start=start, end=end))
    ]


def tie_of_one_instant(person: Person) -> list[Any]:
    """Eight assessments of one field, one date and one creation instant: the greatest id
    is the current one."""
    case = Case.objects.get(person=person)
    rows = NeedAssessment.objects.bulk_create(
        [NeedAssessmentFactory.build(case=case, assessed_on=dt.date(2025, 3, 3)) for _ in range(8)]
    )
    ids = [r.pk for r in rows]
    NeedAssessment.objects.filter(pk__in=ids).update(created_at=timezone.now())
    return ids


def test_after_the_period_no_canary_survives_and_the_figures_stay_the_same(
    world: World, media: Path, caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    with scopes_disabled():
        seeded = seed_person(world.a.tm_office, "QZX", partner=world.a.jobcenter)
        keep = seed_person(world.a.tm_office, "KEEP", closed_on=None)  # open case: not due
        tied = tie_of_one_instant(seeded.person)
    canaries = seeded.canaries
    assert scan_database(canaries)[2], "the canaries are in the database before the run"
    assert scan_files(media, canaries) == 1  # the consent's evidence upload
    with scopes_disabled():
        before = figures(world.a.alliance)
        board = dashboard(world.a.alliance)
    old_ids = {pk for ids in seeded.items.values() for pk in ids}

    # One day before the period ends (36 months after closure): nothing happens.
    with time_machine.travel(dt.datetime(2029, 6, 29, 12, 0), tick=False):
        call_command("retention_run")
    assert scan_database(canaries)[2]

    with time_machine.travel(dt.datetime(2029, 7, 1, 12, 0), tick=False):
        call_command("retention_run", "--dry-run")
        assert scan_database(canaries)[2], "a dry run changes nothing"
        call_command("retention_run")

    # The re-keyed rows still satisfy every foreign key (deferred checks forced now).
    connection.check_constraints()
    tables, columns, hits = scan_database(canaries)
    file_hits = scan_files(media, canaries)
    log_hits = sum(1 for r in caplog.records for c in canaries if c in r.getMessage())
    print(
        f"time-travel scan: {tables} tables, {columns} columns; hits db={sum(hits.values())}"
        f" files={file_hits} logs={log_hits}; canaries={len(canaries)}"
    )
    assert hits == {}
    assert file_hits == 0
    assert log_hits == 0
    with scopes_disabled():
        assert figures(world.a.alliance) == before
        assert dashboard(world.a.alliance) == board  # the reporting area's own indicators
        # The person not yet due keeps everything.
        assert scan_database(keep.canaries)[2]
        # Pseudonymised log: the old ids are in the log but nowhere else.
        logged = set(AuditEvent.objects.values_list("object_id", flat=True))
        assert seeded.person.pk in logged
        for model in person_paths():
            if isinstance(model._meta.pk, models.UUIDField):  # integer link rows: not re-keyed
                assert not model._base_manager.filter(pk__in=old_ids).exists(), model
        # New ids decide the tie anew (the current flag follows them) in 7 of 8 runs.
        assert NeedAssessment._base_manager.filter(pk__in=tied).count() == 0
        assert_flags_follow_the_rule()
        anonymised = Person._base_manager.get(anonymised_at__isnull=False)
        assert anonymised.date_of_birth == dt.date(2004, 7, 1)
        records = list(DeletionRecord.objects.all())
    assert records and all(r.persons == 1 for r in records)
    assert {r.category for r in records} >= {"master_data", "counselling_notes", "consents"}
    assert sum(r.files_deleted for r in records) == 1


def test_a_restricted_person_is_held_instead_of_erased(world: World, media: Path) -> None:
    with scopes_disabled():
        seeded = seed_person(world.a.tm_office, "HLD")
        Person.objects.filter(pk=seeded.person.pk).update(restricted=True)
    with time_machine.travel(dt.datetime(2030, 1, 1, 12, 0), tick=False):
        call_command("retention_run")
    with scopes_disabled():
        run = RetentionRun.objects.get(organisation=world.a.tm_office)
        assert run.persons_held == 1 and run.persons_anonymised == 0
    assert scan_database(seeded.canaries)[2]


def test_counselling_notes_go_after_two_years_the_rest_after_three(
    world: World, media: Path
) -> None:
    with scopes_disabled():
        seeded = seed_person(world.a.tm_office, "TWO")
        note_canaries = seeded.canaries  # all of them; only the notes may be gone
    with time_machine.travel(dt.datetime(2028, 7, 1, 12, 0), tick=False):
        call_command("retention_run")
    _, _, hits = scan_database(note_canaries)
    with scopes_disabled():
        from teilhabe.casework.models import Contact

        assert set(Contact.objects.values_list("note", flat=True)) <= {""} | {
            n for n in Contact.objects.values_list("note", flat=True) if "TWO" not in n
        }
        assert not NeedAssessment.objects.filter(note__contains="TWO").exists()
        assert Person.objects.get(pk=seeded.person.pk).given_name == "CanaryTWOGiven"
    assert hits  # names and the rest are still there


def test_default_rules_are_seeded_per_organisation_and_category(world: World) -> None:
    with scope(alliance=world.a.alliance):
        rules = rules_for(world.a.tm_office)
        assert len(rules) == RetentionRule.objects.filter(organisation=world.a.tm_office).count()
        assert {r.months for r in rules} == {24, 36}


def test_months_are_added_calendar_wise() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 6, 30), 36) == dt.date(2029, 6, 30)
