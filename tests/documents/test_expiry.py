"""A document that runs out gets one follow-up ahead of the date, however often the
nightly job runs; a deleted document's follow-up is answered."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import FollowUp
from teilhabe.documents import services
from teilhabe.documents.expiry import document_followups_create_due
from teilhabe.ops.scheduling.registry import job_by_key
from tests.casework.sharing.helpers import owner_access
from tests.conftest import World
from tests.documents.helpers import store

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


def test_an_expiring_document_gets_one_follow_up_ahead_of_its_date(world: World) -> None:
    document = store(world, title="Duldung", valid_until=TODAY + dt.timedelta(days=30))
    store(world, title="Zeugnis")  # no end date
    store(world, title="Pass", valid_until=TODAY + dt.timedelta(days=400))  # far off
    assert document_followups_create_due(today=TODAY) == (1, 0)
    assert document_followups_create_due(today=TODAY) == (0, 1)  # idempotent
    with scopes_disabled():
        followup = FollowUp.objects.get(reason=FollowUp.Reason.DOCUMENT_EXPIRY)
    assert followup.source == f"document:{document.pk}"
    assert followup.case_id == world.a.case.pk
    assert TODAY <= followup.due_on < TODAY + dt.timedelta(days=30)


def test_a_document_long_expired_or_of_a_person_without_open_case_gets_none(
    world: World,
) -> None:
    store(world, title="Alte Duldung", valid_until=TODAY - dt.timedelta(days=300))
    assert document_followups_create_due(today=TODAY) == (0, 0)


def test_an_upload_that_runs_out_soon_gets_its_follow_up_at_once(world: World) -> None:
    soon = timezone.localdate() + dt.timedelta(days=10)
    document = store(world, title="Duldung", valid_until=soon)
    with scopes_disabled():
        assert FollowUp.objects.filter(source=f"document:{document.pk}").count() == 1
    assert document_followups_create_due() == (0, 1)  # the night adds none


def test_deleting_the_document_answers_its_open_follow_up(world: World) -> None:
    document = store(world, valid_until=TODAY + dt.timedelta(days=10))
    document_followups_create_due(today=TODAY)
    source = f"document:{document.pk}"  # the deletion empties the instance's pk
    with scope(alliance=world.a.alliance):
        services.document_delete(access=owner_access(world), document=document)
    with scopes_disabled():
        assert FollowUp.objects.get(source=source).done_on is not None


def test_the_nightly_job_is_scheduled_and_reports_counts(world: World, settings: Any) -> None:
    store(world, valid_until=TODAY + dt.timedelta(days=5))
    job = job_by_key("document_followups")
    when = dt.datetime(2026, 6, 1, 5, 5, tzinfo=dt.UTC)
    assert job.run(when).startswith("1 ")
    assert job.run(when).startswith("0 ")
