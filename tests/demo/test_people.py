"""seed_demo: the people hook fills languages, profiles and histories, idempotently."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.casework.models import FollowUp
from teilhabe.people.intake.duplicates import search_key
from teilhabe.people.models import (
    Certificate,
    Experience,
    Person,
    PersonLanguage,
    Profile,
    ResidenceStatusEntry,
)


def fingerprint() -> str:
    with scopes_disabled():
        rows = [
            *PersonLanguage.objects.order_by("id").values_list(
                "id", "person_id", "language", "level"
            ),
            *Profile.objects.order_by("id").values_list(
                "id", "person_id", "legal_domains", "goals"
            ),
            *Certificate.objects.order_by("id").values_list("id", "title", "country", "issued_on"),
            *Experience.objects.order_by("id").values_list("id", "title", "started_on"),
            *ResidenceStatusEntry.objects.order_by("id").values_list(
                "id", "status", "legal_basis", "valid_from", "valid_until"
            ),
            *FollowUp.objects.filter(reason="status_expiry")
            .order_by("id")
            .values_list("id", "case_id", "status_entry_id", "due_on"),
            *Person.objects.order_by("id").values_list("id", "search_key"),
        ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.mark.django_db
def test_seed_demo_small_twice_changes_nothing_in_the_people_tables() -> None:
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    first = fingerprint()
    with scopes_disabled():
        persons = Person.objects.count()
        assert Profile.objects.count() == persons
        assert PersonLanguage.objects.filter(language="de").count() == persons
        assert Certificate.objects.exists() and Experience.objects.exists()
        # Part of the persons has an earlier status: a history, not a single field.
        assert ResidenceStatusEntry.objects.count() > persons
        assert not ResidenceStatusEntry.objects.filter(
            status="residence_permit", legal_basis=""
        ).exists()
        expiring = FollowUp.objects.filter(reason="status_expiry").count()
        assert expiring > 0
        sample = Person.objects.order_by("id").first()
        assert sample is not None
        assert sample.search_key == search_key(sample.given_name, sample.family_name)
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    assert fingerprint() == first
    # The daily command agrees with the demo data: nothing left to create on its day.
    out = StringIO()
    call_command("status_followups", "--date", "2026-11-21", stdout=out)
    assert out.getvalue().startswith("status_followups: 0 created")
