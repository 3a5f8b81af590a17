"""A demo day by e-mail: every user of the small demo wants every kind of notification by
e-mail at once, the scheduler runs the day's jobs, the worker sends. No mail holds a demo
person's name, date of birth or residence status."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.notifications.kinds import Channel, Kind
from teilhabe.notifications.mail import send_digests
from teilhabe.notifications.models import Notification
from teilhabe.notifications.services import notification_preferences_update
from teilhabe.ops.scheduling import tick
from teilhabe.people.models import Person, ResidenceStatusEntry
from tests.notifications.conftest import Inbox


def personal_values() -> set[str]:
    with scopes_disabled():
        values: set[str] = set()
        for given, family, born in Person.objects.values_list(
            "given_name", "family_name", "date_of_birth"
        ):
            values |= {given, family, f"{born:%d.%m.%Y}", born.isoformat()}
        for entry in ResidenceStatusEntry.objects.all()[:1000]:
            values.add(str(entry.get_status_display()))
    return {v for v in values if len(v) > 2}


@pytest.mark.django_db
def test_no_mail_of_a_demo_day_holds_a_name_a_birth_date_or_a_status(
    smtp: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    for user in User.objects.filter(is_active=True):
        notification_preferences_update(
            user=user, channels={kind: Channel.IMMEDIATE for kind in Kind}, language="de"
        )
    morning = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(5, 30)))
    with time_machine.travel(morning, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            claimed = {run.job for run in tick()}
        send_digests()
    assert {"careers", "status_followups", "consents_expiring", "reminders_due"} <= claimed
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {Kind.FINDING_NEW, Kind.REPORT_READY} <= kinds
    texts = smtp.texts()
    assert len(texts) >= 3
    assert Notification.objects.exclude(mail=Notification.Mail.SENT).count() == 0
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(v) for v in sorted(personal_values())) + r")\b"
    )
    leaks = [match.group(0) for text in texts for match in pattern.finditer(text)]
    assert leaks == []
    print(f"{len(texts)} mails scanned, {Notification.objects.count()} notifications, 0 leaks")
