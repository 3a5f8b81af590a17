"""The outcome after exit: recording it completes the closure check (and nothing else
does), and the one rule of a "transition within 6 months" that offer quality and the
monitoring count by."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import Case, ExitOutcome, FollowUp
from teilhabe.casework.outcomes import (
    exit_outcome_record,
    transitions_within_6_months,
)
from teilhabe.casework.work import services
from teilhabe.core.models import AuditEvent
from tests import factories as f
from tests.conftest import World

pytestmark = pytest.mark.django_db
CLOSED = dt.date(2026, 3, 2)


def close(case: Case, world: World, *, on: dt.date = CLOSED, reason: str = "employment") -> Case:
    case.refresh_from_db()
    return services.case_close(
        case=case,
        actor=world.users["cm_a"],
        organisation=world.a.tm_office,
        reason=reason,
        closed_on=on,
        follow_up_on=on + dt.timedelta(days=180),
        version=case.version,
    )


def record(case: Case, world: World, situation: str, found_on: dt.date) -> ExitOutcome:
    return exit_outcome_record(
        case=case,
        actor=world.users["cm_a"],
        organisation=world.a.tm_office,
        situation=situation,
        found_on=found_on,
        note="Telefonat mit dem Betrieb",
    )


def test_recording_the_situation_completes_the_closure_check_and_is_audited(
    world: World,
) -> None:
    with scope(alliance=world.a.alliance):
        case = close(world.a.case, world)
        check = FollowUp.objects.get(case=case, reason=FollowUp.Reason.CLOSURE_CHECK)
        outcome = record(case, world, "vocational_training", CLOSED + dt.timedelta(days=170))
        check.refresh_from_db()
        assert check.done_on is not None
        assert (outcome.situation, outcome.recorded_by) == (
            "vocational_training",
            world.users["cm_a"],
        )
        # Recording again corrects the one outcome of the case.
        record(case, world, "employment", CLOSED + dt.timedelta(days=171))
        assert list(ExitOutcome.objects.values_list("situation", flat=True)) == ["employment"]
        actions = list(
            AuditEvent.objects.filter(object_type="casework.exitoutcome")
            .order_by("at", "id")
            .values_list("action", flat=True)
        )
    assert actions == ["create", "update"]


def test_a_closure_check_is_not_done_without_its_outcome(world: World) -> None:
    with scope(alliance=world.a.alliance):
        case = close(world.a.case, world)
        check = FollowUp.objects.get(case=case)
        with pytest.raises(ValidationError):
            services.followup_complete(
                follow_up=check,
                actor=world.users["cm_a"],
                organisation=world.a.tm_office,
                done_on=CLOSED + dt.timedelta(days=180),
            )
        check.refresh_from_db()
        assert check.done_on is None


@pytest.mark.parametrize(
    ("closed", "found_on", "error"),
    [
        (False, CLOSED, "closed case only"),
        (True, CLOSED - dt.timedelta(days=1), "before the closure"),
        (True, dt.date(2999, 1, 1), "future"),
    ],
)
def test_the_outcome_needs_a_closed_case_and_a_date_after_the_closure(
    world: World, closed: bool, found_on: dt.date, error: str
) -> None:
    with scope(alliance=world.a.alliance):
        case = close(world.a.case, world) if closed else world.a.case
        with pytest.raises(ValidationError) as exc:
            record(case, world, "unknown", found_on)
        with translation.override("en"):
            assert error in " ".join(exc.value.messages)
        assert not ExitOutcome.objects.exists()


def test_only_training_or_work_found_within_six_months_of_the_closure_is_a_transition(
    world: World,
) -> None:
    rows: dict[str, Any] = {
        "work after 183 days": ("employment", 183, True),
        "training after 90 days": ("vocational_training", 90, True),
        "work after 184 days": ("employment", 184, False),
        "school": ("school", 30, False),
        "nothing": ("nothing", 30, False),
        "unknown": ("unknown", 30, False),
        "moved away": ("moved_away", 30, False),
        "a measure": ("measure", 30, False),
    }
    cases = {}
    with scope(alliance=world.a.alliance):
        for label, (situation, after, _counts) in rows.items():
            case = f.CaseFactory(person=f.PersonFactory(owner=world.a.tm_office))
            cases[label] = close(case, world)
            record(cases[label], world, situation, CLOSED + dt.timedelta(days=after))
        counted = set(transitions_within_6_months().values_list("case_id", flat=True))
    assert {label for label, case in cases.items() if case.pk in counted} == {
        label for label, (_s, _a, counts) in rows.items() if counts
    }


def test_an_outcome_of_an_earlier_closure_counts_for_nothing_after_a_reopening(
    world: World,
) -> None:
    with scope(alliance=world.a.alliance):
        case = close(world.a.case, world)
        record(case, world, "employment", CLOSED + dt.timedelta(days=100))
        assert transitions_within_6_months().filter(case=case).exists()
        services.case_reopen(
            case=case,
            actor=world.users["cm_a"],
            organisation=world.a.tm_office,
            reopened_on=CLOSED + dt.timedelta(days=120),
            version=case.version,
        )
        assert not transitions_within_6_months().filter(case=case).exists()
        close(case, world, on=CLOSED + dt.timedelta(days=150))
        assert not transitions_within_6_months().filter(case=case).exists()
    with scopes_disabled():
        assert FollowUp.objects.filter(case=case, done_on__isnull=True).count() == 1
