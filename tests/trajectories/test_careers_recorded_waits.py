"""MK3 uses the recorded wait (a waiting-list entry) where one exists: a long wait hidden by
another measure becomes a finding of its own, a wait inside a flagged gap is named in it;
and the detection feeds the entries from the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from teilhabe.offers.models import WaitingListEntry
from teilhabe.trajectories import careers, detection
from teilhabe.trajectories.models import Finding
from tests.conftest import World
from tests.trajectories.factories import OfferFactory, ParticipationFactory

TODAY = dt.date(2026, 11, 21)


def mentoring(start: dt.date) -> careers.Participation:
    return careers.Participation("m", "mentoring", None, start, None, "ongoing", False, None)


def person(*waits: careers.Wait, participations: tuple = ()) -> careers.PersonInput:
    return careers.PersonInput("p", True, dt.date(2025, 1, 1), participations, waits)


def test_a_long_recorded_wait_hidden_by_another_measure_is_flagged() -> None:
    busy = (mentoring(dt.date(2025, 1, 1)),)  # no gap: the gap rule alone sees nothing
    assert careers.detect(person(participations=busy), careers.Rules(), TODAY).findings == ()
    wait = careers.Wait("language_course", dt.date(2026, 3, 1), None)
    [finding] = careers.detect(person(wait, participations=busy), careers.Rules(), TODAY).findings
    assert (finding.rule, finding.gap_days, finding.gap_start) == ("MK3", 265, wait.since)
    assert finding.explanation == (
        "Wartezeit von 265 Tagen auf einen Platz (Sprachkurs) laut Warteliste "
        "(01.03.2026–21.11.2026)."
    )


def test_a_short_or_ended_wait_is_no_finding() -> None:
    busy = (mentoring(dt.date(2025, 1, 1)),)
    short = careers.Wait("language_course", dt.date(2026, 9, 1), None)
    ended = careers.Wait("language_course", dt.date(2026, 1, 1), dt.date(2026, 3, 1))
    result = careers.detect(person(short, ended, participations=busy), careers.Rules(), TODAY)
    assert result.findings == ()


def test_a_wait_inside_a_flagged_gap_is_named_in_its_explanation_not_counted_twice() -> None:
    wait = careers.Wait("integration_course", dt.date(2025, 6, 1), None)
    [finding] = careers.detect(person(wait), careers.Rules(), TODAY).findings
    assert finding.gap_start == dt.date(2025, 1, 1)  # the gap since the intake
    assert finding.explanation.endswith(
        "Laut Warteliste wartet die Person seit dem 01.06.2025 auf einen Platz (Integrationskurs)."
    )


@pytest.mark.django_db
def test_the_detection_reads_the_recorded_waits(world: World) -> None:
    a = world.a
    with scopes_disabled():
        offer = OfferFactory(provider=a.jobcenter)
        ParticipationFactory(
            person=a.person,
            category="mentoring",
            start=a.case.opened_on,
            end=None,
            outcome="ongoing",
            external_title="Mentoring",
        )
        WaitingListEntry.objects.create(
            alliance=a.alliance,
            offer=offer,
            person=a.person,
            since=TODAY - dt.timedelta(days=200),
            position=1,
            added_by_organisation=a.tm_office,
        )
        detection.detect_chunk(a.alliance, [a.person.pk], careers.Rules(), TODAY)
        rules = list(Finding.objects.filter(person=a.person).values_list("rule", "gap_days"))
        assert rules == [("MK3", 200)]
        detection.detect_alliance(a.alliance, TODAY)
        again = list(Finding.objects.filter(person=a.person).values_list("rule", "gap_days"))
    assert again == [("MK3", 200)]
