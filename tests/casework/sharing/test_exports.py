"""casework/sharing/exports.py: the referral inbox as a file costs the same queries for 2
and for 12 referrals. It writes one export event, and the disclosures it makes (one per
person and consent relied on, read by the Art. 15 answer) in one INSERT, not one each."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.casework.sharing.exports import EXPORT_PURPOSE
from teilhabe.core.models import AuditEvent
from tests import factories as f
from tests.casework.sharing.factories import ReferralFactory
from tests.clock import steady_clock
from tests.conftest import World

pytestmark = pytest.mark.django_db


def add_referrals(world: World, n: int) -> None:
    """n persons who consented to show their master data to the Jobcenter, referred there."""
    a = world.a
    with scopes_disabled():
        for _ in range(n):
            person = f.PersonFactory(owner=a.tm_office, family_name="Vermittelt")
            consent = f.ConsentFactory(person=person, organisation=a.tm_office)
            consent.recipients.set([a.jobcenter], through_defaults={"alliance_id": a.alliance.pk})
            ReferralFactory(
                case=f.CaseFactory(person=person), to_organisation=a.jobcenter, consent=consent
            )


def download(client: Any, world: World, fmt: str) -> tuple[bytes, int]:
    url = reverse("people:sharing:referral_inbox", args=[world.a.alliance.slug])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"richtung": "eingang", "format": fmt})
        assert response.status_code == 200
        data = b"".join(response.streaming_content)
    return data, len(ctx.captured_queries)


def count(action: str, **kwargs: Any) -> int:
    with scopes_disabled():
        return AuditEvent.objects.filter(action=action, **kwargs).count()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_inbox_export_costs_the_same_queries_for_2_and_12_referrals(
    world: World, login: Any, fmt: str
) -> None:
    client = login("partner_a")
    with steady_clock():
        add_referrals(world, 2)
        download(client, world, fmt)  # warm caches and the session
        _, small = download(client, world, fmt)
        add_referrals(world, 10)
        exports = count(AuditEvent.Action.EXPORT)
        disclosures = count(AuditEvent.Action.DISCLOSE, purpose=EXPORT_PURPOSE)
        data, large = download(client, world, fmt)
    assert small == large
    assert count(AuditEvent.Action.EXPORT) == exports + 1
    assert count(AuditEvent.Action.DISCLOSE, purpose=EXPORT_PURPOSE) == disclosures + 12
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert sum(1 for r in rows if "Vermittelt" in r[1]) == 12


def test_the_inbox_export_names_each_disclosed_person_with_its_consent(
    world: World, login: Any
) -> None:
    add_referrals(world, 3)
    download(login("partner_a"), world, "csv")
    with scopes_disabled():
        events = AuditEvent.objects.filter(
            action=AuditEvent.Action.DISCLOSE, purpose=EXPORT_PURPOSE
        )
        persons = {e.object_id for e in events}
        assert len(persons) == 3 and all(e.consent_id for e in events)
        assert {e.organisation for e in events} == {world.a.jobcenter}
        export = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert export.purpose == "casework.referral_inbox csv: 3 rows"
    assert {e.request_id for e in events} == {export.request_id}  # one request, one export
