"""seed_demo part of the employer directory: every alliance has its firms, and internships,
EQ and training places and German work experiences point at them; a rerun changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance
from teilhabe.employers.models import Employer
from teilhabe.people.models import Experience
from teilhabe.trajectories.models import Participation


def links() -> tuple[list, list]:
    with scopes_disabled():
        return (
            list(Experience.objects.order_by("id").values_list("id", "employer_entry_id")),
            list(Participation.objects.order_by("id").values_list("id", "employer_id")),
        )


@pytest.mark.django_db
def test_every_alliance_has_firms_that_took_young_people_and_a_rerun_changes_nothing() -> None:
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    first = links()
    with scopes_disabled():
        for alliance in Alliance.objects.all():
            firms = Employer.objects.filter(alliance=alliance)
            assert firms.count() == 6
            assert firms.filter(in_network=True).exists()
        linked = Participation.objects.filter(employer__isnull=False).select_related("employer")
        assert linked.exists()
        assert all(p.employer.alliance_id == p.alliance_id for p in linked)
        assert all(p.category in ("internship", "pre_vocational_training",
                                  "vocational_training") for p in linked)  # fmt: skip
        assert Experience.objects.filter(employer_entry__isnull=False).exists()
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    assert links() == first
