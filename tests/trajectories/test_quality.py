"""Offer quality: figures per offer and provider, small-count suppression, access."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.trajectories.models import Finding, Participation
from teilhabe.trajectories.quality import quality_report, show_count, show_rate
from tests import factories as f
from tests.conftest import World
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 2, 1), dt.date(2025, 6, 30)


def participate(person: Any, offer: Any, **kw: Any) -> Participation:
    values = {
        "alliance": person.alliance,
        "person": person,
        "offer": offer,
        "category": offer.category if offer else "vocational_training",
        "start": START,
        "end": END,
        "outcome": "completed",
        "recorded_by_organisation": person.owner,
        **kw,
    }
    if values["offer"] is None:
        values["external_title"] = "Ausbildung"
    return Participation.objects.create(**values)


def dataset(world: World) -> tuple[Any, Any]:
    """Offer X (Jobcenter A): three completed with certificate and transition, three aborted
    and later flagged. Offer Y (Jobcenter A): two participants."""
    with scopes_disabled():
        x = OfferFactory(provider=world.a.jobcenter, title="Einstiegsqualifizierung")
        y = OfferFactory(provider=world.a.jobcenter, title="Praktikum")
        for _ in range(3):
            p = f.PersonFactory(owner=world.a.tm_office)
            participate(p, x, certificate=True, transition="vocational_training")
        for _ in range(3):
            p = f.PersonFactory(owner=world.a.tm_office)
            participate(p, x, outcome="aborted")
            Finding.objects.create(
                alliance=p.alliance,
                person=p,
                rule="MK4",
                explanation="…",
                detected_on=dt.date(2025, 9, 1),
            )
        early = f.PersonFactory(owner=world.a.tm_office)  # flagged before the participation
        Finding.objects.create(
            alliance=early.alliance,
            person=early,
            rule="MK3",
            explanation="…",
            detected_on=dt.date(2024, 1, 1),
        )
        participate(early, y)
        # Vocational training 100 days after the end: a transition within 6 months.
        participate(early, None, start=END + dt.timedelta(days=100), end=None, outcome="ongoing")
        participate(f.PersonFactory(owner=world.a.tm_office), y, end=None, outcome="ongoing")
    return x, y


def test_small_counts_and_rates_built_on_them_are_shown_as_a_dot() -> None:
    assert [show_count(n) for n in (0, 1, 2, 3)] == [".", ".", ".", "3"]
    assert show_rate(1, 10) == "."  # the count 1 could be recomputed
    assert show_rate(3, 2) == "."
    assert show_rate(0, 4) == "0 %"
    assert show_rate(3, 6) == "50 %"


def test_figures_per_offer_and_provider(world: World) -> None:
    x, y = dataset(world)
    with scope(alliance=world.a.alliance):
        report = quality_report([x, y])
    fx = {r.offer: r for r in report.offers}[x]
    assert fx.figures.participants == 6
    assert (fx.figures.completed, fx.figures.aborted, fx.figures.progress) == (3, 3, 3)
    assert fx.figures.transitions == 3
    assert len(fx.figures.flagged) == 3
    assert fx.shown == {
        "participants": "6",
        "ended": "6",
        "completion_rate": "50 %",
        "abort_rate": "50 %",
        "progression_rate": "50 %",
        "transition_rate": "50 %",
        "flagged_share": "50 %",
        "waiting_median": ".",  # no place allocated from a waiting list
    }
    fy = {r.offer: r for r in report.offers}[y]
    assert fy.figures.transitions == 1  # vocational training 100 days after the end
    assert not fy.figures.flagged  # the finding predates the participation
    assert set(fy.shown.values()) == {"."}
    [provider] = report.providers
    assert provider.label == "Jobcenter A"
    assert provider.figures.participants == 8


def test_the_provider_sees_its_own_offers_and_the_coordinator_all(world: World, login: Any) -> None:
    dataset(world)
    with scopes_disabled():
        OfferFactory(provider=world.a.jmd, title="Mentoring JMD")
    url = reverse("offer_quality:report", args=[world.a.alliance.slug])
    partner = login("partner_a").get(url).content.decode()
    assert "Einstiegsqualifizierung" in partner and "Mentoring JMD" not in partner
    coordinator = login("coord_a").get(url).content.decode()
    assert "Einstiegsqualifizierung" in coordinator and "Mentoring JMD" in coordinator
    assert "Nachname" not in coordinator


def test_the_quality_export_is_audited_and_suppressed(world: World, login: Any) -> None:
    dataset(world)
    url = reverse("offer_quality:export", args=[world.a.alliance.slug]) + "?format=csv"
    text = login("coord_a").get(url).getvalue().decode("utf-8-sig")
    assert "Praktikum;.;.;" in text
    assert AuditEvent.objects.filter(action="export", object_type="offers.quality").exists()


def test_the_report_takes_the_same_queries_for_ten_times_the_participations(
    world: World,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    x, y = dataset(world)

    def queries() -> tuple[int, dict[str, str]]:
        with scope(alliance=world.a.alliance), CaptureQueriesContext(connection) as ctx:
            report = quality_report([x, y])
        return len(ctx), report.offers[0].shown

    few, _ = queries()
    with scopes_disabled():
        for n in range(30):
            person = f.PersonFactory(owner=world.a.tm_office)
            participate(person, x, outcome="completed" if n % 2 else "aborted")
            participate(person, y, start=END, end=None, outcome="ongoing")
    many, shown = queries()
    assert few == many <= 5
    assert shown["participants"] == "36" and shown["ended"] == "36"


def test_an_exit_with_work_found_within_six_months_of_the_end_is_a_transition(
    world: World,
) -> None:
    """The monitoring's rule (`casework.outcomes`): the case closed after the participation
    and training or work found within 6 months; found later, or another situation, is not."""
    from teilhabe.casework.models import Case, ExitOutcome

    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jobcenter, title="Bewerbungstraining")
        found = {"employment": 60, "nothing": 60, "vocational_training": 200}
        for situation, after in found.items():
            person = f.PersonFactory(owner=world.a.tm_office)
            participate(person, offer, outcome="completed")
            case = f.CaseFactory(person=person, opened_on=START)
            Case.objects.filter(pk=case.pk).update(
                status="closed", closed_on=END, closure_reason="other"
            )
            ExitOutcome.objects.create(
                alliance=case.alliance,
                case=case,
                situation=situation,
                found_on=END + dt.timedelta(days=after),
            )
    with scope(alliance=world.a.alliance):
        [row] = quality_report([offer]).offers
    assert (row.figures.ended, row.figures.transitions) == (3, 1)
