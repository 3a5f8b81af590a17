"""The page that completes a closure check: it asks for the situation after exit (the
follow-up page and the worklist lead to it), the person page shows what was found, and
only the owner's case managers reach it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import ExitOutcome, FollowUp
from teilhabe.casework.work import services
from tests.conftest import World

pytestmark = pytest.mark.django_db
CLOSED = dt.date(2026, 3, 2)


def close(world: World) -> FollowUp:
    with scope(alliance=world.a.alliance):
        services.case_close(
            case=world.a.case,
            actor=world.users["cm_a"],
            organisation=world.a.tm_office,
            reason="vocational_training",
            closed_on=CLOSED,
            follow_up_on=CLOSED + dt.timedelta(days=180),
            version=world.a.case.version,
        )
        return FollowUp.objects.get(case=world.a.case)


def outcome_url(world: World) -> str:
    args = [world.a.alliance.slug, world.a.person.pk, world.a.case.pk]
    return reverse("people:work:exit_outcome", args=args)


def test_the_follow_up_page_of_a_closure_check_leads_to_the_situation_form(
    world: World, login: Any
) -> None:
    check = close(world)
    client = login("cm_a")
    done = reverse(
        "people:work:followup_done", args=[world.a.alliance.slug, world.a.person.pk, check.pk]
    )
    for response in (client.get(done), client.post(done)):
        assert response.status_code == 302 and response.url == outcome_url(world)
    with scopes_disabled():
        check.refresh_from_db()
    assert check.done_on is None
    page = client.get(outcome_url(world)).content.decode()
    for situation in ("in Ausbildung", "in Arbeit", "unbekannt", "weggezogen"):
        assert situation in page


def test_saving_the_situation_completes_the_check_and_the_person_page_shows_it(
    world: World, login: Any
) -> None:
    check = close(world)
    client = login("cm_a")
    found = CLOSED + dt.timedelta(days=175)
    response = client.post(
        outcome_url(world),
        {"situation": "employment", "found_on": found.isoformat(), "note": "Vertrag gesehen"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        check.refresh_from_db()
        saved = ExitOutcome.objects.get(case=world.a.case)
    assert check.done_on is not None
    assert (saved.situation, saved.found_on, saved.note) == ("employment", found, "Vertrag gesehen")
    person = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    body = client.get(person).content.decode()
    assert "Verbleib nach Fallabschluss: in Arbeit" in body
    assert "Verbleib korrigieren" in body


def test_a_situation_is_required_and_the_date_not_before_the_closure(
    world: World, login: Any
) -> None:
    close(world)
    client = login("cm_a")
    before = (CLOSED - dt.timedelta(days=1)).isoformat()
    for data in ({"found_on": CLOSED.isoformat()}, {"situation": "unknown", "found_on": before}):
        assert client.post(outcome_url(world), data).status_code == 200
    with scopes_disabled():
        assert not ExitOutcome.objects.exists()


def test_partners_and_other_organisations_get_404(world: World, login: Any) -> None:
    close(world)
    data = {"situation": "unknown", "found_on": CLOSED.isoformat()}
    for persona in ("partner_a", "cm_a_jmd", "coord_a"):
        assert login(persona).get(outcome_url(world)).status_code == 404
        assert login(persona).post(outcome_url(world), data).status_code == 404
    with scopes_disabled():
        assert not ExitOutcome.objects.exists()
