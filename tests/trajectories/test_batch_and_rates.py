"""Batch runs write exactly what the pure rules say, per alliance or statewide, with progress;
thresholds are the alliance's; rates leave no count of 1 or 2 on a page."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.demo.seed import seed_demo
from teilhabe.offers.models import Category
from teilhabe.trajectories import careers, detection, services
from teilhabe.trajectories.models import CareerRules, CareerRun, Finding, Participation
from teilhabe.trajectories.rates import (
    RateRow,
    alliance_rates,
    published,
    rule_label,
    state_rates,
)
from tests import factories as f
from tests.conftest import World
from tests.trajectories.factories import OfferFactory, ParticipationFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


def random_histories(world: World, persons: int = 12, seed: int = 7) -> list[Any]:
    rng = random.Random(seed)
    made = []
    with scopes_disabled():
        for _ in range(persons):
            person = f.PersonFactory(owner=world.a.tm_office)
            f.CaseFactory(person=person, opened_on=dt.date(2024, 1, 1))
            day = dt.date(2024, 2, 1)
            for _ in range(rng.randint(0, 6)):
                weeks = rng.randint(4, 30)
                end = day + dt.timedelta(weeks=weeks)
                ongoing = end >= TODAY
                ParticipationFactory(
                    person=person,
                    category=rng.choice(["language_course", "internship", "mentoring"]),
                    level_reached=rng.choice(["", "A1", "A2", "B1"]) if not ongoing else "",
                    start=day,
                    end=None if ongoing else end,
                    outcome="ongoing" if ongoing else rng.choice(["completed", "aborted"]),
                    certificate=False,
                )
                day = end + dt.timedelta(days=rng.randint(1, 250))
                if ongoing or day >= TODAY:
                    break
            made.append(person)
    return made


def expected_rules(person: Any, rules: careers.Rules) -> list[str]:
    with scopes_disabled():
        (inp,) = detection.inputs_for([person.pk])
    return [x.rule for x in careers.detect(inp, rules, TODAY).findings]


def test_an_alliance_run_writes_what_the_pure_rules_find(world: World) -> None:
    persons = random_histories(world)
    run = services.careers_run_start(actor=world.user("coord_a"), alliance=world.a.alliance)
    assert run.status == CareerRun.Status.DONE
    assert run.done == run.total
    with scopes_disabled():
        for person in persons:
            stored = list(
                Finding.objects.filter(person=person)
                .order_by("position")
                .values_list("rule", flat=True)
            )
            assert stored == expected_rules(person, careers.Rules())
        assert (
            run.flagged
            == Finding.objects.filter(alliance=world.a.alliance).values("person").distinct().count()
        )


def test_a_second_run_replaces_instead_of_adding(world: World) -> None:
    random_histories(world)
    services.careers_run_start(actor=world.user("coord_a"), alliance=world.a.alliance)
    with scopes_disabled():
        first = Finding.objects.count()
    services.careers_run_start(actor=world.user("coord_a"), alliance=world.a.alliance)
    with scopes_disabled():
        assert Finding.objects.count() == first


def test_the_alliance_thresholds_apply(world: World) -> None:
    random_histories(world, persons=20)
    services.careers_run_start(actor=world.user("coord_a"), alliance=world.a.alliance)
    with scopes_disabled():
        default_mk1 = Finding.objects.filter(rule="MK1").count()
    services.career_rules_update(
        alliance=world.a.alliance,
        actor=world.user("coord_a"),
        organisation=world.a.lead_office,
        chain_length=2,
    )
    services.careers_run_start(actor=world.user("coord_a"), alliance=world.a.alliance)
    with scopes_disabled():
        assert CareerRules.objects.get(alliance=world.a.alliance).chain_length == 2
        assert Finding.objects.filter(rule="MK1").count() > default_mk1


def test_thresholds_out_of_range_are_refused_with_the_field_named(world: World) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as err:
        services.career_rules_update(
            alliance=world.a.alliance,
            actor=world.user("coord_a"),
            organisation=world.a.lead_office,
            waiting_days=5,
        )
    assert "waiting_days" in err.value.message_dict


def test_a_state_run_covers_every_alliance(world: World) -> None:
    random_histories(world, persons=5)
    with scopes_disabled():
        person_b = f.PersonFactory(owner=world.b.tm_office)
        f.CaseFactory(person=person_b, opened_on=dt.date(2024, 1, 1))  # waiting: MK3
    run = services.careers_run_start(actor=world.user("state"), alliance=None)
    with scopes_disabled():
        assert Finding.objects.filter(person=person_b, rule="MK3").exists()
        persons = f.PersonFactory._meta.model.objects.count()
    assert run.total == persons == run.done


def test_the_run_page_shows_progress_and_the_coordinator_starts_a_run(
    world: World, login: Any
) -> None:
    random_histories(world, persons=3)
    client = login("coord_a")
    response = client.post(reverse("trajectories_alliance:run_start", args=[world.a.alliance.slug]))
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'max="100" value="100"' in html
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "run-progress" in fragment
    assert "hx-trigger" not in fragment  # done: polling stops


def test_rates_suppress_small_counts() -> None:
    small, clear, some = published([RateRow("x", 2, 1), RateRow("y", 10, 0), RateRow("z", 10, 4)])
    assert (small.shown_persons, small.shown_flagged, small.rate) == (".", ".", ".")
    assert clear.shown_flagged == 0
    assert some.rate == "40,0 %"


def test_rates_per_category_count_only_chain_members(world: World) -> None:
    with scopes_disabled():
        people = []
        for _ in range(3):
            person = f.PersonFactory(owner=world.a.tm_office)
            f.CaseFactory(person=person, opened_on=dt.date(2026, 1, 1))
            for month in (1, 4, 7):
                ParticipationFactory(
                    person=person,
                    category="internship" if month == 4 else "mentoring",
                    start=dt.date(2026, month, 1),
                    end=dt.date(2026, month + 2, 28),
                )
            ParticipationFactory(
                person=person,
                category="tutoring",
                start=dt.date(2026, 10, 1),
                end=None,
                outcome="ongoing",
            )
            people.append(person)
    detection.detect_alliance(world.a.alliance, TODAY)
    with scopes_disabled():
        rates = alliance_rates(world.a.alliance)
    by_cat = {r.label: r for r in rates.by_category}
    assert by_cat[str(Category.INTERNSHIP.label)].flagged == 3
    assert by_cat[str(Category.TUTORING.label)].flagged == 0  # ongoing: not part of the chain
    mk1 = {r.label: r for r in rates.by_rule}[rule_label("MK1")]
    assert mk1.flagged == 3


def _rates_read_one_by_one(alliance: Any) -> dict[str, dict[str, tuple[int, int]]]:
    """The reference: every participation and finding read as a model, counted here."""
    from django.utils.translation import gettext

    from teilhabe.casework.models import Case

    with scopes_disabled():
        parts = {str(p.pk): p for p in Participation.objects.filter(alliance=alliance)}
        findings = list(Finding.objects.filter(alliance=alliance))
        active = {c.person_id for c in Case.objects.filter(alliance=alliance, status="open")}
    unknown = gettext("unknown provider")
    provider = {pk: (p.offer.provider.name if p.offer_id else p.external_provider) or unknown
                for pk, p in parts.items()}  # fmt: skip
    out: dict[str, dict[str, tuple[int, int]]] = {"category": {}, "provider": {}, "rule": {}}
    for kind, key in (("category", lambda pk: parts[pk].category), ("provider", provider.get)):
        persons: dict[str, set[Any]] = {}
        flagged: dict[str, set[Any]] = {}
        for pk, p in parts.items():
            persons.setdefault(key(pk), set()).add(p.person_id)
        for finding in findings:
            for pk in finding.participation_ids if finding.rule != "MK3" else ():
                flagged.setdefault(key(pk), set()).add(finding.person_id)
        out[kind] = {k: (len(v), len(flagged.get(k, ()))) for k, v in persons.items()}
    base = len(active | {x.person_id for x in findings})
    for rule in ("MK1", "MK2", "MK3", "MK4"):
        out["rule"][rule] = (base, len({x.person_id for x in findings if x.rule == rule}))
    out["all"] = {"": (base, len({x.person_id for x in findings}))}
    return out


@pytest.mark.parametrize("persons", [6, 30])
def test_rates_are_counted_in_the_database_as_read_one_by_one(world: World, persons: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    random_histories(world, persons=persons, seed=persons)
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jmd)
        parts = list(Participation.objects.filter(alliance=world.a.alliance).order_by("pk"))
        Participation.objects.filter(pk__in=[p.pk for p in parts[::3]]).update(offer=offer)
        for name, chosen in (("Bildungswerk West", parts[1::3]), ("", parts[2::6])):
            Participation.objects.filter(pk__in=[p.pk for p in chosen]).update(
                external_provider=name
            )
    detection.detect_alliance(world.a.alliance, TODAY)
    with scopes_disabled(), CaptureQueriesContext(connection) as read:
        rates = alliance_rates(world.a.alliance)
    assert len(read) == 7  # whatever the participations: counted in the database
    expected = _rates_read_one_by_one(world.a.alliance)
    labels = {str(c.value): str(c.label) for c in Category}
    assert {r.label: (r.persons, r.flagged) for r in rates.by_category} == {
        labels[k]: v for k, v in expected["category"].items()
    }
    assert {r.label: (r.persons, r.flagged) for r in rates.by_provider} == expected["provider"]
    assert [(r.persons, r.flagged) for r in rates.by_rule] == list(expected["rule"].values())
    assert (rates.alliance.persons, rates.alliance.flagged) == expected["all"][""]
    assert any(flagged for _n, flagged in expected["provider"].values())


def test_state_rates_end_with_the_nrw_total(world: World) -> None:
    rows, _as_of = state_rates()
    assert rows[-1].persons == sum(r.persons for r in rows[:-1])


def test_rates_export_is_formula_safe_and_audited(world: World, login: Any) -> None:
    from teilhabe.core.models import AuditEvent

    with scopes_disabled():
        person = f.PersonFactory(owner=world.a.tm_office)
        ParticipationFactory(person=person, external_provider="=cmd|'/c calc'!A1")
    client = login("coord_a")
    response = client.get(
        reverse("trajectories_alliance:rates", args=[world.a.alliance.slug]) + "?format=csv"
    )
    body = response.getvalue().decode("utf-8-sig")
    assert "'=cmd" in body and "\n=cmd" not in body and ";=cmd" not in body
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="export", object_type="trajectories.rates").exists()


def test_the_demo_contains_genuine_careers(db: Any) -> None:
    seed_demo(profile="small", seed=1)
    with scopes_disabled():
        persons = f.PersonFactory._meta.model.objects.count()
        flagged = Finding.objects.values("person").distinct().count()
        rules = set(Finding.objects.values_list("rule", flat=True))
        assert Participation.objects.exists()
    assert rules == {"MK1", "MK2", "MK3", "MK4"}
    assert 0.05 < flagged / persons < 0.30


def test_the_nightly_command_runs_one_alliance(world: World) -> None:
    from io import StringIO

    from django.core.management import call_command

    random_histories(world, persons=4)
    out = StringIO()
    call_command("careers_run", "--alliance", world.a.alliance.slug, "--now", stdout=out)
    assert ": done," in out.getvalue()
    with scopes_disabled():
        assert CareerRun.objects.filter(alliance=world.a.alliance, status="done").exists()
