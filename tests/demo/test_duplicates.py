"""seed_demo: every alliance's Teilhabemanagement holds one likely duplicate pair, unmerged."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.core.models import Organisation
from teilhabe.people.intake.selectors import possible_duplicates
from teilhabe.people.models import Person


@pytest.mark.django_db
def test_every_alliance_has_one_unmerged_pair_of_likely_duplicates_idempotently() -> None:
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    with scopes_disabled():
        count = Person.objects.count()
        offices = Organisation.objects.filter(kind=Organisation.Kind.TEILHABEMANAGEMENT)
        assert offices.exists()
        for office in offices:
            pairs = [
                p
                for p in Person.objects.filter(owner=office)
                if possible_duplicates(
                    alliance=office.alliance,
                    given_name=p.given_name,
                    family_name=p.family_name,
                    date_of_birth=p.date_of_birth,
                    exclude_person_id=p.pk,
                )
                .filter(owner=office)
                .exists()
            ]
            assert len(pairs) >= 2
        assert not Person.objects.filter(merged_into__isnull=False).exists()
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    with scopes_disabled():
        assert Person.objects.count() == count
