"""seed_demo with this app's hooks: idempotent, and the Steinfurt workshop as it happened."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.alliances.coverage import coverage_report
from teilhabe.alliances.models import (
    Article,
    ArticleVersion,
    ContactPoint,
    CoreGroupMember,
    ExpenditureReport,
    FundingAllocation,
    FundingBudget,
    JoinDeclaration,
    PartnerProfile,
    Priority,
    ProblemReport,
    TeilhabemanagementPost,
    Workshop,
)
from teilhabe.alliances.selectors import ANNOUNCED_FUNDING_EUR

pytestmark = pytest.mark.django_db

TABLES = [
    JoinDeclaration,
    PartnerProfile,
    CoreGroupMember,
    TeilhabemanagementPost,
    Workshop,
    ProblemReport,
    Priority,
    ContactPoint,
    Article,
    ArticleVersion,
    FundingBudget,
    FundingAllocation,
    ExpenditureReport,
]


def fingerprint() -> str:
    with scopes_disabled():
        rows = [list(model.objects.order_by("pk").values_list()) for model in TABLES]
        rows.append(list(Priority.problems.through.objects.order_by("pk").values_list()))
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_seed_demo_small_twice_changes_nothing_in_the_alliance_tables() -> None:
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    first = fingerprint()
    with scopes_disabled():
        assert JoinDeclaration.objects.filter(status="accepted").count() == 2
        steinfurt = Workshop.objects.get(alliance__slug="kreis-steinfurt", kind="starter")
        assert steinfurt.participants == 70
        problems = set(
            ProblemReport.objects.filter(workshop=steinfurt).values_list("description", flat=True)
        )
        assert "Fehlende Nachhilfeangebote" in problems
        assert any(p.startswith("Mobilitätsprobleme") for p in problems)
        assert Workshop.objects.filter(alliance__slug="koeln", kind="starter").exists()
        assert Article.objects.filter(alliance__slug="koeln", current__isnull=False).count() == 3
        assert ContactPoint.objects.filter(alliance__slug="koeln").count() == 5
        assert Priority.objects.filter(alliance__slug="koeln").count() == 3
        assert TeilhabemanagementPost.objects.filter(alliance__slug="koeln").exists()
        assert FundingAllocation.objects.filter(alliance__slug="koeln").count() == 4
    assert sum(b.amount for b in FundingBudget.objects.all()) > ANNOUNCED_FUNDING_EUR
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    assert fingerprint() == first


def test_the_nrw_hooks_give_the_2018_structure_by_the_deadline_and_73_bodies_later() -> None:
    """The nrw profile's alliances (without its 70,000 persons) through this app's hooks."""
    import datetime as dt
    import random

    from teilhabe.demo import alliances as demo
    from teilhabe.demo.seed import Seeder, choose_bodies
    from teilhabe.municipalities.services import load_shipped_reference

    load_shipped_reference(land="05")
    seeder = Seeder(seed=1, progress=lambda _m: None)
    alliances = []
    with scopes_disabled():
        for body in choose_bodies("nrw"):
            alliance, orgs, _cms = seeder.alliance(body)
            demo.extend_alliance(
                alliance=alliance, organisations=orgs, rng=random.Random(body.slug), profile="nrw"
            )
            alliances.append(alliance)
        demo.extend_state(alliances=alliances, rng=random.Random(1), profile="nrw")
    by_deadline = coverage_report(dt.date(2018, 10, 15))
    assert (by_deadline.cities_joined, by_deadline.kreise_joined) == (21, 24)
    assert by_deadline.kreis_members == 253 and by_deadline.gemeinden_alone == 6
    assert str(by_deadline.kreis_level_share) == "84.9"
    assert coverage_report().gemeinden_alone == 28
    assert JoinDeclaration.objects.filter(status="accepted").count() == 73
