"""The one ICS writer (icalendar): the case manager's private feed and the trainings'
downloads build their events here, so both calendars follow the same rules (UTF-8,
a stamp, a stable UID per object)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from icalendar import Calendar, Event


@dataclass(frozen=True)
class IcsEvent:
    uid: str
    summary: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    url: str = ""
    description: str = ""
    location: str = ""


def ics_calendar(events: Iterable[IcsEvent], *, product: str, name: str = "Teilhabe") -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//Teilhabe//{product}//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = timezone.now()
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", item.summary)
        if item.url:
            event.add("url", item.url)
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        cal.add_component(event)
    return cal.to_ical()
