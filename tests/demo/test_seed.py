"""seed_demo: deterministic, idempotent, shaped like the real participation structure."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.alliances.models import PartnerProfile
from teilhabe.casework.models import Case, Consent
from teilhabe.core.models import Alliance, Membership, Organisation, StateRole
from teilhabe.demo import (
    advice,
    alliances,
    casework_sharing,
    casework_work,
    documents,
    domains,
    duplicates,
    employers,
    exit_outcomes,
    mentoring,
    offers,
    people,
    privacy,
    recognition,
    relocation,
    reporting,
    residence,
    trainings,
    trajectories,
    waiting,
)
from teilhabe.demo.seed import choose_bodies, seed_demo
from teilhabe.demo.steps import STEPS
from teilhabe.municipalities.models import Kreis
from teilhabe.offers.models import Offer
from teilhabe.people.models import Person, PersonLanguage, ResidenceStatusEntry
from teilhabe.reporting.models import AgeShare, ReportSchedule
from teilhabe.trajectories.models import Participation


def fingerprint() -> str:
    with scopes_disabled():
        rows = [
            *Person.objects.order_by("id").values_list(
                "id",
                "given_name",
                "family_name",
                "date_of_birth",
                "residence_id",
                "owner_id",
                "assigned_to_id",
            ),
            *Case.objects.order_by("id").values_list("id", "status", "opened_on", "closed_on"),
            *ResidenceStatusEntry.objects.order_by("id").values_list("id", "status", "valid_until"),
            *Membership.objects.order_by("id").values_list("id", "role"),
        ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.mark.django_db
def test_small_profile_loads_two_alliances_and_running_it_twice_changes_nothing() -> None:
    out = StringIO()
    call_command("seed_demo", profile="small", seed=1, stdout=out)
    assert "fallmanagement@koeln.demo" in out.getvalue()
    first = fingerprint()
    with scopes_disabled():
        # The foundation's 400 and one likely duplicate per alliance (demo.duplicates),
        # taken in a second time without a case.
        assert Person.objects.count() == 402
        assert Case.objects.count() == 400
        counts = {a.slug: Person.objects.filter(alliance=a).count() for a in Alliance.objects.all()}
        ages = {
            (c.opened_on - c.person.date_of_birth).days // 365
            for c in Case.objects.select_related("person")
        }
    assert counts == {"koeln": 201, "kreis-steinfurt": 201}
    assert min(ages) >= 18 and max(ages) <= 27
    assert StateRole.objects.count() == 2
    assert Organisation.objects.filter(kind="auslaenderbehoerde").count() == 2
    schedules = {
        (s.alliance.slug if s.alliance else "", s.period) for s in ReportSchedule.objects.all()
    }
    assert schedules == {("", "year"), ("", "quarter"), ("kreis-steinfurt", "quarter")}

    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    assert fingerprint() == first


@pytest.mark.django_db
def test_nrw_profile_reproduces_the_real_participation_structure() -> None:
    from teilhabe.municipalities.services import load_shipped_reference

    load_shipped_reference(land="05")
    bodies = choose_bodies("nrw")
    kinds = [b.kind for b in bodies]
    assert len(bodies) == 73
    assert kinds.count("kreisfreie_stadt") == 21
    assert kinds.count("kreis") == 24
    assert kinds.count("gemeinde") == 28
    districts = [b.kreis for b in bodies if b.kind == "kreis"]
    assert sum(Kreis.objects.get(key=k.key).gemeinden.count() for k in districts) == 253
    assert 69_900 <= sum(b.persons for b in bodies) <= 70_100
    # Every Gemeinde acting alone lies in a Kreis that does not participate.
    district_keys = {k.key for k in districts}
    assert all(b.gemeinde.kreis_id not in district_keys for b in bodies if b.gemeinde)
    assert len({b.slug for b in bodies}) == 73


@pytest.mark.django_db
def test_the_steps_run_per_alliance_then_once_in_the_order_steps_declares() -> None:
    result = seed_demo(profile="small", seed=1)

    per_alliance = [(step.per_alliance, slug) for step, slug in result.steps if slug is not None]
    once = [step.once for step, slug in result.steps if slug is None]
    expected = [
        duplicates.extend_alliance,
        people.extend_alliance,
        casework_work.extend_alliance,
        casework_sharing.extend_alliance,
        exit_outcomes.extend_alliance,
        domains.extend_alliance,
        offers.extend_alliance,
        residence.extend_alliance,
        trajectories.extend_alliance,
        waiting.extend_alliance,
        alliances.extend_alliance,
        privacy.extend_alliance,
        trainings.extend_alliance,
        mentoring.extend_alliance,
        advice.extend_alliance,
        recognition.extend_alliance,
        documents.extend_alliance,
        employers.extend_alliance,
    ]
    assert per_alliance == [(f, "koeln") for f in expected] + [
        (f, "kreis-steinfurt") for f in expected
    ]
    assert once == [
        trajectories.extend_state,
        alliances.extend_state,
        reporting.extend_state,
        relocation.extend_state,
    ]
    # Every alliance's steps ran before the first once-step.
    assert all(slug is not None for _, slug in result.steps[: len(per_alliance)])
    assert [s.app for s in STEPS] == [
        "people",
        "people",
        "casework",
        "casework",
        "casework",
        "people",
        "offers",
        "people",
        "trajectories",
        "offers",
        "alliances",
        "reporting",
        "privacy",
        "relocation",
        "trainings",
        "mentoring",
        "advice",
        "recognition",
        "documents",
        "employers",
    ]


@pytest.mark.django_db
def test_only_runs_the_chosen_apps_steps_after_the_foundation() -> None:
    call_command(
        "seed_demo", profile="small", seed=1, only="trajectories,offers", stdout=StringIO()
    )

    with scopes_disabled():
        assert Person.objects.count() == 400  # the foundation always
        assert Offer.objects.exists()
        assert Participation.objects.exists()
        assert not PersonLanguage.objects.exists()  # people step skipped
        assert not Consent.objects.exists()  # casework steps skipped
        assert not PartnerProfile.objects.exists()  # alliances step skipped
        assert not AgeShare.objects.exists()  # reporting step skipped


@pytest.mark.django_db
def test_only_runs_its_steps_in_the_declared_order_whatever_order_it_names_them() -> None:
    result = seed_demo(profile="small", seed=1, only={"trajectories", "offers"})

    assert [(step.app, slug) for step, slug in result.steps] == [
        ("offers", "koeln"),
        ("trajectories", "koeln"),
        ("offers", "koeln"),  # the waiting lists, after the participations
        ("offers", "kreis-steinfurt"),
        ("trajectories", "kreis-steinfurt"),
        ("offers", "kreis-steinfurt"),
        ("trajectories", None),
    ]
