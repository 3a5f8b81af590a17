"""A case manager's private calendar feed (ICS) of own reminders and appointments.

The address carries a random secret; only its SHA-256 is stored, and a new feed revokes
the previous one. The calendar gets no more than it needs: a neutral title and a link to
the person page; the name only if the user opted in; never the note or a birth date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.models import CalendarFeed, FollowUp
from teilhabe.core.audit import audit_record
from teilhabe.core.ics import IcsEvent, ics_calendar
from teilhabe.core.models import Alliance, AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.people.access import owned_persons

BERLIN = ZoneInfo("Europe/Berlin")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def active_feed(user: User, alliance: Alliance) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(
        user=user, alliance=alliance, revoked_at__isnull=True
    ).first()


def _revoke_all(user: User, alliance: Alliance) -> None:
    CalendarFeed.objects.filter(user=user, alliance=alliance, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def calendarfeed_create(
    *, principal: Principal, with_names: bool = False
) -> tuple[CalendarFeed, str]:
    """A new feed for the user (the previous one stops working); returns the secret once."""
    user = principal.user
    assert isinstance(user, User) and principal.alliance is not None
    _revoke_all(user, principal.alliance)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(
        alliance=principal.alliance, user=user, token_hash=token_hash(token), with_names=with_names
    )
    audit_record(action=AuditEvent.Action.CREATE, actor=user, alliance=principal.alliance, obj=feed)
    return feed, token


@transaction.atomic
def calendarfeed_set_names(*, principal: Principal, feed: CalendarFeed, with_names: bool) -> None:
    feed.with_names = with_names
    feed.save(update_fields=["with_names", "updated_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE, actor=principal.user, alliance=feed.alliance, obj=feed
    )


@transaction.atomic
def calendarfeed_revoke(*, principal: Principal) -> None:
    user = principal.user
    assert isinstance(user, User) and principal.alliance is not None
    feed = active_feed(user, principal.alliance)
    if feed is None:
        return
    _revoke_all(user, principal.alliance)
    audit_record(action=AuditEvent.Action.DELETE, actor=user, alliance=principal.alliance, obj=feed)


def feed_for_token(token: str) -> CalendarFeed | None:
    # Before the feed is found there is no alliance to scope to: the secret selects it.
    with scopes_disabled():
        return (
            CalendarFeed.objects.filter(token_hash=token_hash(token), revoked_at__isnull=True)
            .select_related("user", "alliance")
            .first()
        )


def feed_reminders(principal: Principal) -> QuerySet[FollowUp]:
    """The user's open reminders and appointments on persons the user may work on."""
    return (
        FollowUp.objects.filter(
            reason__in=FollowUp.OWN,
            done_on__isnull=True,
            assigned_to_id=principal.user.pk,
            case__person__in=owned_persons(principal),
        )
        .select_related("case__person")
        .order_by("due_on", "time")
    )


def build_calendar(
    reminders: QuerySet[FollowUp], *, with_names: bool, person_url: Callable[[uuid.UUID], str]
) -> bytes:
    return ics_calendar(
        (_event(item, with_names, person_url) for item in reminders), product="Wiedervorlagen"
    )


def _event(item: FollowUp, with_names: bool, person_url: Callable[[uuid.UUID], str]) -> IcsEvent:
    person = item.case.person
    summary = (
        "Teilhabe-Termin"
        if item.reason == FollowUp.Reason.APPOINTMENT
        else "Teilhabe-Wiedervorlage"
    )
    if with_names:
        summary = f"{summary}: {person.given_name} {person.family_name}"
    url = person_url(person.pk)
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    if item.time is None:
        start, end = item.due_on, item.due_on + dt.timedelta(days=1)
    else:
        start = dt.datetime.combine(item.due_on, item.time, tzinfo=BERLIN)
        end = start + dt.timedelta(minutes=30)
    return IcsEvent(
        uid=f"{item.pk}@teilhabe", summary=summary, start=start, end=end, url=url, description=url
    )
