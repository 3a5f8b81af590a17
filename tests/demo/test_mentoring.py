"""seed_demo part of mentoring: a profile, consents to accompaniment and one pair with
check-ins per alliance, allowed by the accompaniment rule; a rerun changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance
from teilhabe.mentoring.models import CheckIn, MentoringPair, VolunteerProfile
from teilhabe.people.access import accompaniment_consents


def rows() -> list[tuple]:
    with scopes_disabled():
        return [
            *VolunteerProfile.objects.order_by("id").values_list("id", "user_id"),
            *MentoringPair.objects.order_by("id").values_list("id", "person_id", "volunteer_id"),
            *CheckIn.objects.order_by("id").values_list("id", "pair_id", "on"),
        ]


@pytest.mark.django_db
def test_every_demo_alliance_has_a_pair_its_consent_allows_and_a_rerun_changes_nothing() -> None:
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    first = rows()
    with scopes_disabled():
        pairs = list(MentoringPair.objects.all())
        assert len(pairs) == Alliance.objects.count() > 0
        covered = accompaniment_consents([(p.person_id, p.organisation_id) for p in pairs])
        assert all((p.person_id, p.organisation_id) in covered for p in pairs)
        assert CheckIn.objects.count() == 2 * len(pairs)
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    assert rows() == first
