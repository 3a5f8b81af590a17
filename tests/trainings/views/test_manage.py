"""Organising: announcing a training through the form, the registrations page with the
waiting list in order, attendance in one form, the overview of who attended what."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.core.roles import Principal
from teilhabe.trainings import services
from teilhabe.trainings.models import Registration, Training
from tests.conftest import World
from tests.trainings.conftest import make_training, move

pytestmark = pytest.mark.django_db
P = Callable[..., Principal]


def test_partner_staff_announce_a_training_for_their_organisation(world: World, login: Any) -> None:
    client = login("partner_a")
    url = reverse("trainings:new", args=[world.a.alliance.slug])
    day = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    data = {
        "kind": "info_evening",
        "title": "Infoabend Jobcenter",
        "day": day,
        "start": "18:00",
        "end": "17:00",
        "place": "",
        "organiser": str(world.a.jobcenter.pk),
        "audience": "volunteers",
        "places": "12",
    }
    html = client.post(url, data).content.decode()
    assert "Das Ende muss nach dem Beginn liegen." in html
    assert "Bitte geben Sie einen Ort oder einen Link" in html
    response = client.post(url, {**data, "end": "20:00", "place": "Jobcenter, Raum 3"})
    assert response.status_code == 302
    with scopes_disabled():
        training = Training.objects.get(title="Infoabend Jobcenter")
    assert training.organiser == world.a.jobcenter and training.places == 12
    assert response["Location"].endswith(f"/fortbildungen/{training.pk}/")


def test_the_registrations_page_shows_places_and_the_waiting_list_in_order_and_records_attendance(
    world: World, login: Any, principal: P
) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office, places=1)
    with scope(alliance=world.a.alliance):
        taken = services.registration_create(principal=principal("cm_a"), training=training)
        for p in ("partner_a", "volunteer_a"):
            services.registration_create(principal=principal(p), training=training)
    client = login("coord_a")
    url = reverse("trainings:registrations", args=[world.a.alliance.slug, training.pk])
    html = client.get(url).content.decode()
    waiting = html[html.index('id="waiting-heading"') :]
    assert waiting.index("partner_a@") < waiting.index("volunteer_a@")
    assert "sobald die Veranstaltung begonnen hat" in html
    move(training, days=-7)
    response = client.post(url, {f"teilnahme-{taken.pk}": "yes"}, follow=True)
    assert "1 geändert" in response.content.decode()
    with scopes_disabled():
        assert Registration.objects.get(pk=taken.pk).attended == "yes"


def test_the_overview_shows_who_attended_what_per_participation_and_per_person_and_exports(
    world: World, login: Any, principal: P
) -> None:
    coord = principal("coord_a")
    first = make_training(coord, world.a.lead_office, title="Erste Fortbildung")
    second = make_training(coord, world.a.jobcenter, title="Zweite Fortbildung", days=8)
    with scope(alliance=world.a.alliance):
        regs = [
            services.registration_create(principal=principal("cm_a"), training=t)
            for t in (first, second)
        ]
        move(first, days=-9)
        move(second, days=-9)
        for t, r in zip((first, second), regs, strict=True):
            services.attendance_record(principal=coord, training=t, attended={r.pk: "yes"})
    url = reverse("trainings:attendance", args=[world.a.alliance.slug])
    html = login("coord_a").get(url).content.decode()
    assert "Erste Fortbildung" in html and "Zweite Fortbildung" in html
    html = login("coord_a").get(url, {"ansicht": "personen"}).content.decode()
    assert "1 Person" in html and ">2<" in html
    partner_html = login("partner_a").get(url).content.decode()
    assert "Zweite Fortbildung" in partner_html and "Erste Fortbildung" not in partner_html
    export = login("coord_a").get(url, {"format": "csv", "ansicht": "personen"})
    body = export.getvalue().decode("utf-8-sig")
    assert body.splitlines()[0].startswith("Name;Organisation;Fortbildungen")
    assert ";2;" in body.splitlines()[1]
    assert login("volunteer_a").get(url).status_code == 404


def test_the_overview_costs_the_same_queries_for_few_and_many_participations(
    world: World, login: Any, principal: P
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coord = principal("coord_a")
    client = login("coord_a")
    url = reverse("trainings:attendance", args=[world.a.alliance.slug])
    client.get(url)

    def queries(params: dict[str, str]) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, params).status_code == 200
        return len(ctx)

    def held(n: int) -> None:
        training = make_training(coord, world.a.lead_office, title=f"Kurs {n}", places=5)
        with scope(alliance=world.a.alliance):
            regs = [
                services.registration_create(principal=principal(p), training=training)
                for p in ("cm_a", "partner_a", "volunteer_a")
            ]
            move(training, days=-9)
            services.attendance_record(
                principal=coord, training=training, attended={r.pk: "yes" for r in regs}
            )

    held(0)
    few = (queries({}), queries({"ansicht": "personen"}))
    for n in range(1, 12):
        held(n)
    many = (queries({"seite": "2"}), queries({"ansicht": "personen", "sortierung": "anzahl"}))
    assert few == many
