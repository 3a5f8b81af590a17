"""The current row of a group is flagged by the model itself, on every write path, by the
same rule a reader would apply (`core.latest`); shown with the needs assessments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.models import NeedAssessment
from teilhabe.casework.models.needs import CURRENT
from teilhabe.casework.work.services import need_assessments_record
from teilhabe.core.latest import LatestRule
from tests import factories as f
from tests.casework.work.factories import NeedAssessmentFactory, field
from tests.conftest import World
from tests.core.latest_check import assert_flags_follow_the_rule, by_the_rule, flagged

D1, D2, D3 = dt.date(2026, 2, 1), dt.date(2026, 3, 1), dt.date(2026, 4, 1)


@pytest.fixture
def case(world: World) -> Any:
    return world.a.case


@pytest.mark.django_db
def test_the_service_flags_the_latest_assessment_of_each_field_in_each_case(
    world: World, case: Any
) -> None:
    actor = world.a.users["cm_a"]
    with scopes_disabled():
        record = {"case": case, "actor": actor, "organisation": case.organisation}
        first = need_assessments_record(
            **record,
            assessed_on=D2,
            rows=[(field("housing"), "urgent", ""), (field("health"), "none", "")],
        )
        assert_flags_follow_the_rule()
        assert flagged() == {a.pk for a in first}
        # A later assessment of one field replaces that field's current row only …
        later = need_assessments_record(
            **record, assessed_on=D3, rows=[(field("housing"), "some", "")]
        )
        # … and a backdated one replaces nothing.
        need_assessments_record(**record, assessed_on=D1, rows=[(field("health"), "urgent", "")])
        assert_flags_follow_the_rule()
        assert flagged() == {later[0].pk, first[1].pk}


@pytest.mark.django_db
def test_two_assessments_of_one_instant_flag_the_greater_id(world: World, case: Any) -> None:
    now = timezone.now()
    with scopes_disabled():
        rows = NeedAssessment.objects.bulk_create(
            [NeedAssessmentFactory.build(case=case, assessed_on=D1) for _ in range(3)]
        )
        NeedAssessment.objects.filter(pk__in=[r.pk for r in rows]).update(created_at=now)
        assert flagged() == {max(r.pk for r in rows)}
        assert_flags_follow_the_rule()


@pytest.mark.django_db
def test_every_write_path_keeps_the_flag(world: World, case: Any) -> None:
    other = f.CaseFactory(person=f.PersonFactory(owner=world.a.tm_office))
    with scopes_disabled():
        old = NeedAssessmentFactory(case=case, assessed_on=D1)
        new = NeedAssessment.objects.create(
            alliance=case.alliance,
            case=case,
            organisation=case.organisation,
            field_of_action=field("housing"),
            level="none",
            assessed_on=D2,
        )
        assert flagged() == {new.pk}
        # A queryset update of the date: the older row becomes the latest.
        NeedAssessment.objects.filter(pk=old.pk).update(assessed_on=D3)
        assert flagged() == {old.pk}
        # An update of fields the rule does not read leaves the flag alone.
        NeedAssessment.objects.filter(pk=old.pk).update(level="urgent")
        assert flagged() == {old.pk}
        # bulk_update of the date, then a save that moves a row to another case.
        old.assessed_on = D1
        NeedAssessment.objects.bulk_update([old], ["assessed_on"])
        assert flagged() == {new.pk}
        new.case = other
        new.save()
        assert flagged() == {old.pk, new.pk}
        assert_flags_follow_the_rule()
        # Deleting the current row makes the one before it current again.
        third = NeedAssessmentFactory(case=case, assessed_on=D3)
        assert flagged() == {third.pk, new.pk}
        third.delete()
        assert flagged() == {old.pk, new.pk}
        NeedAssessmentFactory(case=case, assessed_on=D2)
        NeedAssessment.objects.filter(case=case, assessed_on=D2).delete()
        assert flagged() == {old.pk, new.pk}
        assert_flags_follow_the_rule()


@pytest.mark.django_db
def test_a_refresh_of_all_rows_sets_what_the_writes_set(world: World, case: Any) -> None:
    with scopes_disabled():
        for on in (D1, D3, D2):
            NeedAssessmentFactory(case=case, assessed_on=on)
            NeedAssessmentFactory(case=case, assessed_on=on, field_of_action=field("health"))
        before = flagged()
        NeedAssessment._base_manager.update(is_current=False)  # as a migration finds them
        CURRENT.refresh(NeedAssessment)
        assert flagged() == before == by_the_rule()
        assert len(before) == 2


def test_a_rule_orders_descending_only() -> None:
    with pytest.raises(ValueError):
        LatestRule(group=("case_id",), order=("assessed_on",))


def test_newer_than_outer_compares_field_after_field() -> None:
    q = LatestRule(group=("g",), order=("-a", "-b")).newer_than_outer()
    assert q.connector == Q.OR
    assert len(q.children) == 2


@pytest.mark.django_db
def test_a_queryset_update_that_moves_rows_to_another_case_refreshes_both(
    world: World, case: Any
) -> None:
    from django.db.models import F

    other = f.CaseFactory(person=f.PersonFactory(owner=world.a.tm_office))
    with scopes_disabled():
        old = NeedAssessmentFactory(case=case, assessed_on=D1)
        new = NeedAssessmentFactory(case=case, assessed_on=D2)
        later = NeedAssessmentFactory(case=other, assessed_on=D3)
        # The new case written as an expression: the groups are found after the write.
        NeedAssessment.objects.filter(pk=new.pk).update(case_id=F("case_id"))
        assert flagged() == {new.pk, later.pk}
        NeedAssessment.objects.filter(pk=later.pk).update(case=case)
        assert flagged() == {later.pk}
        assert_flags_follow_the_rule()
        assert old.pk not in flagged()
