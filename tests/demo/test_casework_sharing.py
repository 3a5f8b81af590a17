"""seed_demo part of sharing: realistic consents and referrals, deterministic, idempotent."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.casework.models import Consent, Referral
from teilhabe.casework.sharing.selectors import consent_status
from teilhabe.demo.common import TODAY
from teilhabe.people.models import Person


def fingerprint() -> str:
    with scopes_disabled():
        rows = [
            *Consent.objects.order_by("id").values_list(
                "id", "person_id", "categories", "valid_from", "valid_until", "withdrawn_on"
            ),
            *Consent.recipients.through.objects.order_by(
                "consent_id", "organisation_id"
            ).values_list("consent_id", "organisation_id"),
            *Referral.objects.order_by("id").values_list("id", "consent_id", "status", "outcome"),
        ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.mark.django_db
def test_the_small_demo_has_realistic_consents_and_referrals_and_a_rerun_changes_nothing() -> None:
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    first = fingerprint()
    with scopes_disabled():
        persons = Person.objects.count()
        consenting = Consent.objects.values("person_id").distinct().count()
        consents = list(Consent.objects.prefetch_related("recipients"))
        referrals = list(Referral.objects.select_related("consent", "to_organisation"))
        statuses = {consent_status(c, TODAY) for c in consents}
        kinds = {o.kind for c in consents for o in c.recipients.all()}
        for c in consents:
            if any(o.is_immigration_office for o in c.recipients.all()):
                assert not {"needs", "plan"} & set(c.categories)
        for r in referrals:
            assert "master_data" in r.categories
            assert set(r.categories) <= set(r.consent.categories)
            assert r.consent.recipients.filter(pk=r.to_organisation_id).exists()
            if r.status in ("sent", "accepted"):
                assert r.consent.is_active(TODAY)
    assert 0.33 <= consenting / persons <= 0.47
    assert {"active", "expired", "withdrawn"} <= statuses
    assert {"jobcenter", "jmd", "bildungstraeger"} <= kinds
    assert {r.status for r in referrals} == {
        "sent",
        "accepted",
        "declined",
        "completed",
        "withdrawn",
    }
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    assert fingerprint() == first
