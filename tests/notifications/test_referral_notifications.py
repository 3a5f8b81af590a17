"""A referral tells the receiving organisation: in the bell and by one e-mail through a real
SMTP server, sent after the commit by the task worker; no personal value in any mail."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from teilhabe.notifications.kinds import Kind
from teilhabe.notifications.models import Notification
from tests.casework.sharing.test_referrals import send
from tests.conftest import World
from tests.notifications.conftest import Inbox


def personal_values(world: World) -> list[str]:
    person = world.a.person
    return [
        person.given_name,
        person.family_name,
        person.date_of_birth.strftime("%d.%m.%Y"),
        person.date_of_birth.isoformat(),
    ]


@pytest.mark.django_db
def test_a_referral_gives_the_jobcenter_a_notification_and_one_mail_without_names(
    world: World, smtp: Inbox, django_capture_on_commit_callbacks: Any, login: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(world)
    partner = world.users["partner_a"]
    notes = list(Notification.objects.filter(user=partner))
    assert [(n.kind, n.subject_id) for n in notes] == [(Kind.REFERRAL_NEW, referral.pk)]
    assert len(smtp.messages) == 1
    mail = smtp.to(partner.email)[0]
    assert mail["Subject"] == "Sie haben 1 neue Benachrichtigung in Teilhabe"
    text = smtp.texts()[0]
    assert "1 neue Vermittlung für Ihre Organisation" in text
    assert "http://127.0.0.1:8000/benachrichtigungen/" in text
    assert {p.get_content_type() for p in mail.walk()} >= {"text/plain", "text/html"}
    for value in personal_values(world):
        assert value not in text
    # In the bell: the count, then the list, then the referral behind the link.
    client = login("partner_a")
    assert "1" in client.get(reverse("notifications:badge")).content.decode()
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "Neue Vermittlung für meine Organisation" in listing
    for value in personal_values(world):  # the list names no person either
        assert value not in listing
    opened = client.get(reverse("notifications:open", args=[notes[0].pk]))
    assert opened["Location"] == reverse(
        "people:sharing:referral_detail", args=[world.a.alliance.slug, referral.pk]
    )
    assert client.get(opened["Location"]).status_code == 200
    assert Notification.objects.get(pk=notes[0].pk).read_at is not None


@pytest.mark.django_db
def test_nobody_else_is_told_of_the_referral(
    world: World, smtp: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        send(world)
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert told == {"partner_a"}
    assert [str(m["To"]) for m in smtp.messages] == ["partner_a@example.org"]


@pytest.mark.django_db
def test_the_answer_tells_the_sender_and_an_english_user_gets_english(
    world: World, smtp: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    from django_scopes import scope

    from teilhabe.casework.sharing import services
    from teilhabe.notifications.services import notification_preferences_update
    from teilhabe.people.access import get_person_access

    cm = world.users["cm_a"]
    notification_preferences_update(
        user=cm, channels={Kind.REFERRAL_ANSWER: "immediate"}, language="en"
    )
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(world)
    from teilhabe.core.roles import Principal

    with scope(alliance=world.a.alliance), django_capture_on_commit_callbacks(execute=True):
        partner = Principal.for_alliance(world.users["partner_a"], world.a.alliance)
        access = get_person_access(partner, world.a.person.pk)
        services.referral_accept(access=access, referral=referral)
    mine = smtp.to(cm.email)
    assert len(mine) == 1
    assert mine[0]["Subject"] == "You have 1 new notification in Teilhabe"
    assert "1 answer to your referrals" in smtp.texts()[-1]


@pytest.mark.django_db
def test_a_kind_switched_off_creates_nothing_and_in_app_sends_no_mail(
    world: World, smtp: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    from teilhabe.notifications.services import notification_preferences_update

    partner = world.users["partner_a"]
    notification_preferences_update(
        user=partner, channels={Kind.REFERRAL_NEW: "off"}, language="de"
    )
    with django_capture_on_commit_callbacks(execute=True):
        send(world)
    assert not Notification.objects.filter(user=partner).exists()
    notification_preferences_update(
        user=partner, channels={Kind.REFERRAL_NEW: "in_app"}, language="de"
    )
    with django_capture_on_commit_callbacks(execute=True):
        send(world, purpose="Zweite Vermittlung")
    assert Notification.objects.filter(user=partner).count() == 1
    assert smtp.messages == []


@pytest.mark.django_db
def test_the_list_filters_sorts_and_pages_in_the_database_with_constant_queries(
    world: World, login: Any
) -> None:
    import uuid

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = world.users["cm_a"]
    client = login("cm_a")
    url = reverse("notifications:list")

    def make(n: int, kind: str) -> None:
        Notification.objects.bulk_create(
            Notification(user=user, kind=kind, subject_id=uuid.uuid4(), url="/") for _ in range(n)
        )

    make(3, Kind.REMINDER_DUE)
    client.get(url)  # the first request of a session loads what later ones find cached
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    make(60, Kind.FINDING_NEW)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(few) == len(many)
    assert "63 Benachrichtigungen" in page and "Seite 1 von 3" in page
    reminders = client.get(url, {"art": Kind.REMINDER_DUE}).content.decode()
    assert "3 Benachrichtigungen" in reminders
    Notification.objects.filter(kind=Kind.REMINDER_DUE).update(read_at=timezone_now())
    unread = client.get(url, {"gelesen": "nein", "sortierung": "alt"}).content.decode()
    assert "60 Benachrichtigungen" in unread
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()


def timezone_now() -> Any:
    from django.utils import timezone

    return timezone.now()


@pytest.mark.django_db
def test_the_daily_summary_collects_a_users_pending_items_into_one_mail(
    world: World, smtp: Inbox
) -> None:
    import uuid

    from teilhabe.notifications.mail import send_digests
    from teilhabe.notifications.services import notifications_create

    user = world.users["cm_a"]
    for kind in (Kind.STATUS_EXPIRING, Kind.STATUS_EXPIRING, Kind.FINDING_NEW):
        notifications_create(kind=kind, items=[(user.pk, uuid.uuid4(), "/")])
    assert smtp.messages == []  # these kinds wait for the summary by default
    assert send_digests() == (1, 3)
    [mail] = smtp.messages
    assert mail["Subject"] == "Ihre tägliche Zusammenfassung aus Teilhabe"
    text = smtp.texts()[0]
    assert "2 Aufenthaltsstatus laufen bald ab" in text
    assert "1 neuer Befund der Frühwarnung" in text
    assert send_digests() == (0, 0)  # sent once
