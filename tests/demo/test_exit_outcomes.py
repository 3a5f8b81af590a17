"""seed_demo part of the outcome after exit: every closure check marked done has its
situation, every situation occurs, none before its closure; a rerun changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.casework.models import ExitOutcome, FollowUp, Situation
from teilhabe.casework.outcomes import transitions_within_6_months


def rows() -> list[tuple]:
    with scopes_disabled():
        return list(ExitOutcome.objects.order_by("id").values_list("id", "situation", "found_on"))


@pytest.mark.django_db
def test_every_done_closure_check_has_its_situation_and_every_kind_occurs() -> None:
    profile = "small"
    call_command("seed_demo", profile=profile, seed=1, stdout=StringIO())
    first = rows()
    with scopes_disabled():
        done = FollowUp.objects.filter(reason="closure_check", done_on__isnull=False)
        assert done.exists()
        assert not done.exclude(case__exit_outcome__isnull=False).exists()
        assert {situation for _id, situation, _on in first} == set(Situation.values)
        outcomes = ExitOutcome.objects.select_related("case")
        assert all(o.case.closed_on and o.found_on >= o.case.closed_on for o in outcomes)
        counted = transitions_within_6_months().count()
        assert 0 < counted < len(first)
    call_command("seed_demo", profile=profile, seed=1, stdout=StringIO())
    assert rows() == first
