"""A volunteer registers for a full training in Chromium, lands on the waiting list, a case
manager withdraws, the volunteer moves up and is told. Every page passes axe-core and fits
a phone without sideways scroll."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scope

from teilhabe.core.roles import Principal
from teilhabe.notifications.models import Notification
from teilhabe.trainings import services
from teilhabe.trainings.models import Registration
from tests.browser.journey import Journey, check, signed_in
from tests.conftest import World
from tests.trainings.conftest import make_training

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_volunteer_waits_for_a_full_training_and_moves_up_when_a_place_is_freed(
    world: World, live_server: Any, browser: Any, page: Any
) -> None:
    coord = Principal.for_alliance(world.users["coord_a"], world.a.alliance)
    training = make_training(
        coord, world.a.lead_office, places=1, title="Netzwerktreffen Ehrenamt und Hauptamt"
    )
    with scope(alliance=world.a.alliance):
        cm = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
        services.registration_create(principal=cm, training=training)
    slug = world.a.alliance.slug
    volunteer = Journey(page)
    signed_in(page, live_server, world.users["volunteer_a"])
    page.goto(f"{live_server.url}/b/{slug}/")
    page.get_by_test_id("home-trainings").wait_for()
    check(page, "trainings_home")
    volunteer.click(page.get_by_role("link", name="Netzwerktreffen Ehrenamt und Hauptamt"))
    page.get_by_text("Alle Plätze sind vergeben.").wait_for()
    check(page, "trainings_full")
    volunteer.click(page.get_by_role("button", name="Auf die Warteliste setzen"))
    page.get_by_text("Sie sind Nummer 1 auf der Warteliste.").wait_for()
    check(page, "trainings_waiting")

    # The case manager withdraws in their own browser: one click.
    other = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    cm_page = other.new_page()
    signed_in(cm_page, live_server, world.users["cm_a"])
    cm_page.goto(f"{live_server.url}/b/{slug}/fortbildungen/{training.pk}/")
    cm_page.get_by_role("button", name="Anmeldung zurückziehen").click()
    cm_page.get_by_text("Sie haben Ihre Anmeldung zurückgezogen.").wait_for()
    other.close()

    page.reload()
    page.get_by_text("Sie haben einen Platz.").wait_for()
    check(page, "trainings_moved_up")
    told = Notification.objects.get(user=world.users["volunteer_a"], kind="training_moved_up")
    volunteer.click(page.get_by_role("link", name="Alle Fortbildungen und Veranstaltungen").last)
    page.get_by_role("heading", name="Fortbildungen und Veranstaltungen", level=1).wait_for()
    check(page, "trainings_list")
    page.goto(f"{live_server.url}/benachrichtigungen/")
    link = page.get_by_role("link", name="Platz bei einer Fortbildung von der Warteliste")
    check(page, "trainings_notifications")
    volunteer.click(link)
    page.get_by_text("Sie haben einen Platz.").wait_for()
    with scope(alliance=world.a.alliance):
        status = Registration.objects.get(training=training, user=world.users["volunteer_a"])
    assert status.status == Registration.Status.REGISTERED and told.url.endswith(
        f"/fortbildungen/{training.pk}/"
    )
    assert volunteer.steps == 4


def test_the_coordinator_records_attendance_and_sees_who_attended_what(
    world: World, live_server: Any, page: Any
) -> None:
    coord = Principal.for_alliance(world.users["coord_a"], world.a.alliance)
    training = make_training(coord, world.a.lead_office, places=3, title="Infoabend Wohnen")
    with scope(alliance=world.a.alliance):
        for persona in ("cm_a", "volunteer_a"):
            member = Principal.for_alliance(world.users[persona], world.a.alliance)
            services.registration_create(principal=member, training=training)
    from tests.trainings.conftest import move

    move(training, days=-8)
    slug = world.a.alliance.slug
    signed_in(page, live_server, world.users["coord_a"])
    page.goto(f"{live_server.url}/b/{slug}/fortbildungen/neu/")
    page.get_by_label("Titel").fill("Netzwerktreffen Sprachkurse")
    page.get_by_label("Datum").fill((timezone.localdate() + dt.timedelta(days=30)).isoformat())
    page.get_by_label("Beginn").fill("17:00")
    page.get_by_label("Ende").fill("19:00")
    page.get_by_label("Ort").fill("Kreishaus, Raum 2")
    page.get_by_label("Plätze").fill("12")
    check(page, "trainings_new")
    page.get_by_role("button", name="Ankündigen").click()
    page.get_by_text("Die Veranstaltung ist angekündigt.").wait_for()
    page.get_by_role("heading", name="Netzwerktreffen Sprachkurse").wait_for()
    check(page, "trainings_detail_coordinator")
    page.goto(f"{live_server.url}/b/{slug}/fortbildungen/{training.pk}/anmeldungen/")
    for select in page.locator("select").all():
        select.select_option("yes")
    check(page, "trainings_registrations")
    page.get_by_role("button", name="Teilnahme speichern").click()
    page.get_by_text("Teilnahme gespeichert (2 geändert).").wait_for()
    page.goto(f"{live_server.url}/b/{slug}/fortbildungen/teilnahme/")
    page.get_by_role("cell", name="Infoabend Wohnen").first.wait_for()
    check(page, "trainings_attendance")
