"""seed_demo: legal-domain periods behind every profile's domains, AsylbLG → SGB II changes
with their handover follow-ups, interpreter needs; a second run changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.casework.models import FollowUp
from teilhabe.people.domains.services import current_domains
from teilhabe.people.models import InterpreterNeed, LegalDomainPeriod, Profile


def counts() -> tuple[int, int, int]:
    return (
        LegalDomainPeriod.objects.count(),
        InterpreterNeed.objects.count(),
        FollowUp.objects.filter(reason=FollowUp.Reason.LEGAL_DOMAIN_CHANGE).count(),
    )


@pytest.mark.django_db
def test_every_demo_profile_derives_its_domains_from_the_periods() -> None:
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    with scopes_disabled():
        periods: dict[object, list[LegalDomainPeriod]] = {}
        for p in LegalDomainPeriod.objects.all():
            periods.setdefault(p.person_id, []).append(p)
        profiles = list(Profile.objects.values_list("person_id", "legal_domains"))
        assert any(domains for _, domains in profiles)
        for person_id, domains in profiles:
            assert domains == current_domains(periods.get(person_id, [])), person_id
        changed = LegalDomainPeriod.objects.filter(domain="asylblg", ended_on__isnull=False)
        assert changed.exists()
        for ended in changed:
            successor = LegalDomainPeriod.objects.get(
                person_id=ended.person_id, domain="sgb2", ended_on__isnull=True
            )
            assert (successor.started_on - ended.ended_on).days == 1  # type: ignore[operator]
        handovers = FollowUp.objects.filter(reason=FollowUp.Reason.LEGAL_DOMAIN_CHANGE)
        assert handovers.exists()
        assert all(f.source.startswith("domain:") for f in handovers)
        assert InterpreterNeed.objects.filter(needed=True).exists()
        first = counts()
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    with scopes_disabled():
        assert counts() == first
