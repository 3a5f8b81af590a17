"""seed_demo: realistic casework for every person, deterministic and idempotent."""

from __future__ import annotations

import hashlib
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django_scopes import scopes_disabled

from teilhabe.casework.models import (
    Case,
    CaseStatusChange,
    Contact,
    ContactTopicLink,
    FollowUp,
    Goal,
    NeedAssessment,
    Step,
)

TABLES = [
    (NeedAssessment, ("id", "case_id", "field_of_action_id", "level", "note", "assessed_on")),
    (Goal, ("id", "case_id", "title", "status")),
    (Step, ("id", "goal_id", "title", "responsible_id", "due_on", "status")),
    (Contact, ("id", "case_id", "on", "channel", "interpreter", "duration_minutes", "note")),
    (ContactTopicLink, ("id", "contact_id", "field_of_action_id")),
    (CaseStatusChange, ("id", "case_id", "status", "reason", "on")),
    (FollowUp, ("id", "case_id", "reason", "due_on", "done_on")),
    (Case, ("id", "status", "closure_reason", "follow_up_check_on")),
]


def fingerprint() -> tuple[str, dict[str, int]]:
    digest = hashlib.sha256()
    counts = {}
    with scopes_disabled():
        for model, columns in TABLES:
            rows = list(model.objects.order_by("id").values_list(*columns))
            counts[model.__name__] = len(rows)
            digest.update(repr(rows).encode())
    return digest.hexdigest(), counts


@pytest.mark.django_db
def test_seed_demo_small_twice_changes_nothing_in_the_casework_tables() -> None:
    started = time.perf_counter()
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    first, counts = fingerprint()
    print(f"seed_demo small: {time.perf_counter() - started:.1f} s, {counts}")
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    assert fingerprint() == (first, counts)

    with scopes_disabled():
        per_case = Contact.objects.values("case_id").annotate(n=Count("id"))
        sizes = [row["n"] for row in per_case]
        assert len(sizes) == Case.objects.count() == 400
        assert min(sizes) >= 1 and max(sizes) <= 15
        assert Contact.objects.filter(interpreter=True).exists()
        assert Contact.objects.filter(note="Termin zur Anerkennung besprochen").exists()
        # Tolerated persons: residence law is urgent.
        tolerated = NeedAssessment.objects.filter(
            case__person__status_entries__status="toleration",
            field_of_action__key="residence_bureaucracy",
        )
        assert tolerated.exists() and not tolerated.exclude(level="urgent").exists()
        closed = Case.objects.filter(status="closed")
        assert not closed.filter(closure_reason="").exists()
        assert CaseStatusChange.objects.filter(status="closed").count() >= closed.count()
        assert CaseStatusChange.objects.filter(status="open").exists()  # reopened cases
        assert FollowUp.objects.filter(reason="closure_check").exists()
        overdue = Step.objects.filter(
            due_on__lt="2026-11-21", status__in=["open", "in_progress"], goal__case__status="open"
        )
        assert overdue.exists()


@pytest.mark.django_db
def test_the_seeded_assessments_and_statuses_are_flagged_current_by_the_rule() -> None:
    from teilhabe.people.models import ResidenceStatusEntry
    from tests.core.latest_check import assert_flags_follow_the_rule

    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    with scopes_disabled():
        for model in (NeedAssessment, ResidenceStatusEntry):
            assert model.objects.filter(is_current=True).exists()
            assert_flags_follow_the_rule(model)
