"""The trajectory page merges its sources chronologically, shows a partner only what the
consent covers, and is audited as a read (a disclosure for the partner)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import CaseStatusChange
from teilhabe.casework.work.timeline import TimelineEntry
from teilhabe.core.models import AuditEvent
from teilhabe.people.access import get_person_access
from teilhabe.people.models import Certificate, Experience, Profile, ResidenceStatusEntry
from teilhabe.trajectories import timeline
from tests.conftest import World


def build_history(world: World) -> None:
    a, person = world.a.alliance, world.a.person
    with scopes_disabled():
        Profile.objects.create(alliance=a, person=person, school_years_abroad=8)
        Certificate.objects.create(
            alliance=a,
            person=person,
            title="Abschlusszeugnis Klasse 9",
            country="SY",
            level="lower_secondary",
            issued_on=dt.date(2019, 6, 30),
        )
        Experience.objects.create(
            alliance=a,
            person=person,
            kind="work",
            title="Aushilfe Bäckerei",
            country="TR",
            started_on=dt.date(2020, 3, 1),
            ended_on=dt.date(2021, 1, 31),
        )
        ResidenceStatusEntry.objects.create(
            alliance=a, person=person, status="gestattung", valid_from=dt.date(2022, 5, 2)
        )
        ResidenceStatusEntry.objects.create(
            alliance=a,
            person=person,
            status="toleration",
            valid_from=dt.date(2024, 2, 1),
            valid_until=dt.date(2026, 12, 31),
        )
        CaseStatusChange.objects.create(
            alliance=a,
            case=world.a.case,
            status="closed",
            reason="no_contact",
            on=dt.date(2026, 4, 1),
        )
        CaseStatusChange.objects.create(
            alliance=a, case=world.a.case, status="open", on=dt.date(2026, 5, 1)
        )


def kinds(world: World, persona: str) -> list[tuple[dt.date | None, str]]:
    from teilhabe.core.roles import Principal

    principal = Principal.for_alliance(world.users[persona], world.a.alliance)
    with scope(alliance=world.a.alliance):
        access = get_person_access(principal, world.a.person.pk)
        return [(e.on, e.kind) for e in timeline.timeline_for(access)]


@pytest.mark.django_db
def test_the_timeline_merges_every_source_in_date_order(world: World) -> None:
    build_history(world)
    assert kinds(world, "cm_a") == [
        (None, "schooling"),
        (dt.date(2019, 6, 30), "certificate"),
        (dt.date(2020, 3, 1), "experience"),
        (dt.date(2022, 5, 2), "status"),
        (dt.date(2024, 2, 1), "status"),
        (dt.date(2026, 1, 15), "case_opened"),
        (dt.date(2026, 4, 1), "case_closed"),
        (dt.date(2026, 5, 1), "case_reopened"),
    ]


@pytest.mark.django_db
def test_a_partner_sees_only_the_categories_of_the_consent(world: World) -> None:
    build_history(world)
    with scopes_disabled():
        world.consent_a.categories = ["education"]
        world.consent_a.save()
    assert [k for _, k in kinds(world, "partner_a")] == ["schooling", "certificate", "experience"]
    with scopes_disabled():
        world.consent_a.categories = ["residence_status"]
        world.consent_a.save()
    assert [k for _, k in kinds(world, "partner_a")] == ["status", "status"]


@pytest.mark.django_db
def test_the_page_renders_the_entries_and_audits_the_read(world: World, login: Any) -> None:
    build_history(world)
    url = reverse(
        "people:participations:trajectory", args=[world.a.alliance.slug, world.a.person.pk]
    )
    body = login("cm_a").get(url).content.decode()
    assert body.index("Abschlusszeugnis Klasse 9") < body.index("Aushilfe Bäckerei")
    partner = login("partner_a").get(url).content.decode()
    assert "Abschlusszeugnis Klasse 9" in partner
    with scopes_disabled():
        events = AuditEvent.objects.filter(object_id=world.a.person.pk)
        assert events.filter(action="view", actor=world.users["cm_a"]).count() == 1
        disclosure = events.get(action="disclose", actor=world.users["partner_a"])
    assert disclosure.consent_id == world.consent_a.pk


@pytest.mark.django_db
def test_a_source_in_the_registry_runs_only_where_the_consent_covers_its_category(
    world: World, monkeypatch: Any
) -> None:
    def courses(access: Any) -> list[TimelineEntry]:
        return [TimelineEntry(dt.date(2026, 2, 1), "course", "Kurs", "Kurs")]

    source = timeline.TimelineSource("courses", "participations", courses)
    monkeypatch.setattr(timeline, "SOURCES", [*timeline.SOURCES, source])
    assert (dt.date(2026, 2, 1), "course") in kinds(world, "cm_a")
    # The consent of person A does not cover participations.
    assert all(k != "course" for _, k in kinds(world, "partner_a"))
