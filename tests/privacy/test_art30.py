"""The record of processing activities names each recipient of the organisation's consents
once, read in one query however many consents there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from teilhabe.privacy.art30 import record
from tests import factories as f
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _consent(world: World, owner: object, *recipients: object) -> None:
    consent = f.ConsentFactory(person=f.PersonFactory(owner=owner))
    consent.recipients.set(recipients, through_defaults={"alliance_id": consent.alliance_id})


@pytest.mark.parametrize("consents", [1, 12])
def test_the_record_names_each_recipient_once_in_one_read(world: World, consents: int) -> None:
    a = world.a
    with scopes_disabled():
        for _ in range(consents):
            _consent(world, a.tm_office, a.jobcenter, a.abh)
        _consent(world, a.jmd, a.lead_office)  # another organisation's consent
    with scope(alliance=a.alliance), CaptureQueriesContext(connection) as read:
        data = record(a.tm_office)
    recipients = sorted({a.jobcenter.name, a.abh.name, *_fixture_recipients(world)})
    assert data["recipients"] == recipients
    assert a.lead_office.name not in data["recipients"]
    assert len([q for q in read if "casework_consent" in q["sql"]]) == 1


def _fixture_recipients(world: World) -> list[str]:
    """The recipients of the world's own consent A (obtained by the case management)."""
    with scopes_disabled():
        consent = world.consent_a
        if consent.organisation_id != world.a.tm_office.pk:
            return []
        return [o.name for o in consent.recipients.all()]
