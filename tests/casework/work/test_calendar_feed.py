"""The private calendar feed: a secret address per user that lists the user's own open
reminders and appointments, with a neutral title and a link, names only when chosen,
never the note; a revoked or unknown address is 404; queries constant in the number."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from icalendar import Calendar

from teilhabe.casework.models import CalendarFeed, FollowUp
from teilhabe.casework.work import calendar
from teilhabe.casework.work.log_filters import MaskFeedToken
from tests.conftest import World


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def reminder(world: World, user: Any, **kwargs: Any) -> FollowUp:
    with scopes_disabled():
        return FollowUp.objects.create(
            alliance=world.a.alliance,
            case=world.a.case,
            reason=kwargs.pop("reason", "appointment"),
            due_on=kwargs.pop("due_on", days(3)),
            assigned_to=user,
            created_by=user,
            **kwargs,
        )


def new_feed(world: World, principal: Any, with_names: bool = False) -> str:
    with scope(alliance=world.a.alliance):
        _feed, token = calendar.calendarfeed_create(
            principal=principal("cm_a"), with_names=with_names
        )
    return token


def fetch(token: str) -> Any:
    return Client().get(reverse("calendar_feed_ics", args=[token]))


def events(response: Any) -> list[Any]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


@pytest.mark.django_db
def test_the_feed_lists_own_reminders_with_a_neutral_title_and_a_link(
    world: World, principal: Any
) -> None:
    me = world.users["cm_a"]
    timed = reminder(world, me, time=dt.time(14, 30), note="Geheime Notiz zur Beratung")
    reminder(world, me, reason="reminder", due_on=days(5))
    reminder(world, world.users["cm_a_jmd"], note="Fremde Erinnerung")  # not mine
    found = events(fetch(new_feed(world, principal)))
    assert len(found) == 2
    by_summary = {str(e["SUMMARY"]): e for e in found}
    assert set(by_summary) == {"Teilhabe-Termin", "Teilhabe-Wiedervorlage"}
    appointment = by_summary["Teilhabe-Termin"]
    start = appointment.decoded("DTSTART")
    assert start.hour == 14 and start.minute == 30 and str(start.tzinfo) == "Europe/Berlin"
    assert str(world.a.person.pk) in str(appointment["URL"])
    assert by_summary["Teilhabe-Wiedervorlage"].decoded("DTSTART") == days(5)  # all day
    assert str(timed.pk) in str(appointment["UID"])


@pytest.mark.django_db
def test_names_only_when_chosen_and_never_the_note_or_the_birth_date(
    world: World, principal: Any
) -> None:
    reminder(world, world.users["cm_a"], note="Geheime Notiz zur Beratung")
    person = world.a.person
    body = fetch(new_feed(world, principal)).content.decode()
    assert person.family_name not in body and person.given_name not in body
    assert "Geheime Notiz" not in body
    body = fetch(new_feed(world, principal, with_names=True)).content.decode()
    assert person.family_name in body
    assert "Geheime Notiz" not in body
    if person.date_of_birth:
        assert person.date_of_birth.strftime("%Y%m%d") not in body


@pytest.mark.django_db
def test_a_revoked_or_replaced_address_answers_404(world: World, principal: Any) -> None:
    first = new_feed(world, principal)
    assert fetch(first).status_code == 200
    second = new_feed(world, principal)  # a new address revokes the previous one
    assert fetch(first).status_code == 404
    assert fetch(second).status_code == 200
    with scope(alliance=world.a.alliance):
        calendar.calendarfeed_revoke(principal=principal("cm_a"))
    assert fetch(second).status_code == 404
    assert fetch("ausgedacht").status_code == 404
    with scopes_disabled():
        assert all(len(f.token_hash) == 64 for f in CalendarFeed.objects.all())
        assert not CalendarFeed.objects.filter(token_hash=second).exists()  # only the hash


@pytest.mark.django_db
def test_the_feed_stops_when_the_user_loses_the_person(world: World, principal: Any) -> None:
    reminder(world, world.users["cm_a"])
    token = new_feed(world, principal)
    assert len(events(fetch(token))) == 1
    from teilhabe.core.models import Membership

    Membership.objects.filter(user=world.users["cm_a"]).update(is_active=False)
    assert fetch(token).status_code == 404


@pytest.mark.django_db
def test_the_calendar_page_shows_the_address_once_and_revokes_it(world: World, login: Any) -> None:
    client = login("cm_a")
    page = reverse("people:work:calendar_feed", args=[world.a.alliance.slug])
    assert client.get(page).status_code == 200
    response = client.post(page, {"aktion": "anlegen"}, follow=True)
    body = response.content.decode()
    found = re.search(r"http://testserver/kalender/([\w-]+)\.ics", body)
    assert found is not None
    token = found.group(1)
    assert fetch(token).status_code == 200
    assert ".ics" not in client.get(page).content.decode()  # shown only once
    client.post(page, {"aktion": "namen", "with_names": "on"})
    with scopes_disabled():
        assert CalendarFeed.objects.get(revoked_at__isnull=True).with_names
    client.post(page, {"aktion": "widerrufen"})
    assert fetch(token).status_code == 404


@pytest.mark.django_db
def test_the_feed_runs_the_same_number_of_queries_for_10_and_100_reminders(
    world: World, principal: Any
) -> None:
    me = world.users["cm_a"]
    token = new_feed(world, principal)

    def add(n: int) -> None:
        with scopes_disabled():
            FollowUp.objects.bulk_create(
                FollowUp(
                    alliance=world.a.alliance,
                    case=world.a.case,
                    reason="reminder",
                    due_on=days(i % 30 + 1),
                    time=dt.time(9) if i % 2 else None,
                    assigned_to=me,
                )
                for i in range(n)
            )

    add(10)
    with CaptureQueriesContext(connection) as ten:
        assert len(events(fetch(token))) == 10
    add(90)
    with CaptureQueriesContext(connection) as hundred:
        assert len(events(fetch(token))) == 100
    assert len(hundred.captured_queries) == len(ten.captured_queries)
    print(f"calendar feed: {len(ten.captured_queries)} queries for 10 and for 100 reminders")


def test_the_secret_is_masked_in_request_log_lines() -> None:
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/kalender/abc-123.ics",),
        None,
    )
    MaskFeedToken().filter(record)
    assert record.getMessage() == "Not Found: /kalender/***.ics"
    server = logging.LogRecord(
        "django.server",
        logging.WARNING,
        __file__,
        1,
        '"GET /kalender/abc-123.ics HTTP/1.1" 404 0',
        None,
        None,
    )
    MaskFeedToken().filter(server)
    assert "abc-123" not in server.getMessage()
