"""Writes of notifications. Creating one is not audited: it holds no personal value (kind,
link, hidden subject id); a user's change of their settings is."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from functools import partial

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent
from teilhabe.notifications.kinds import DEFAULT_CHANNEL, Channel, Kind
from teilhabe.notifications.models import Notification, Preferences

MAIL_FOR_CHANNEL = {
    Channel.IN_APP: Notification.Mail.NONE,
    Channel.IMMEDIATE: Notification.Mail.NOW,
    Channel.DIGEST: Notification.Mail.DIGEST,
}


def channels_of(user_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Each user's channel per kind, defaults filled in (one query)."""
    ids = set(user_ids)
    stored = dict(Preferences.objects.filter(user_id__in=ids).values_list("user_id", "channels"))
    return {uid: {**DEFAULT_CHANNEL, **stored.get(uid, {})} for uid in ids}


@transaction.atomic
def notifications_create(
    *, kind: str, items: Iterable[tuple[int, uuid.UUID, str]]
) -> list[Notification]:
    """Notify: each item is (user id, subject id, link). A user who switched the kind off
    gets nothing; the same subject never twice. E-mails at once go out from the task
    worker after the commit, never inside the request."""
    Kind(kind)
    items = [(uid, subject, url) for uid, subject, url in items if uid]
    channels = channels_of(uid for uid, _s, _u in items)
    rows = [
        Notification(
            user_id=uid,
            kind=kind,
            subject_id=subject,
            url=url,
            mail=MAIL_FOR_CHANNEL[Channel(channels[uid][kind])],
        )
        for uid, subject, url in items
        if channels[uid][kind] != Channel.OFF
    ]
    created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
    now_users = {row.user_id for row in rows if row.mail == Notification.Mail.NOW}
    if now_users:
        from teilhabe.notifications.tasks import send_now

        for uid in sorted(now_users):
            transaction.on_commit(partial(send_now.enqueue, uid))
    return created


@transaction.atomic
def notification_read(*, user: User, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read (404-safe: others' are not found)."""
    notification = Notification.objects.select_for_update().get(pk=notification_id, user=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_read_all(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notification_preferences_update(
    *, user: User, channels: dict[str, str], language: str
) -> Preferences:
    bad = [k for k, v in channels.items() if k not in Kind.values or v not in Channel.values]
    if bad or language not in Preferences.Language.values:
        raise ValidationError(_("Please choose one of the offered settings."), code="choice")
    prefs, _created = Preferences.objects.select_for_update().get_or_create(user=user)
    prefs.channels = {k: v for k, v in channels.items() if v != DEFAULT_CHANNEL[k]}
    prefs.language = language
    prefs.full_clean()
    prefs.save()
    # A kind switched to "off" or "in Teilhabe only" takes pending e-mails with it.
    quiet = [k for k, v in channels.items() if v in (Channel.OFF, Channel.IN_APP)]
    Notification.objects.filter(
        Q(mail=Notification.Mail.NOW) | Q(mail=Notification.Mail.DIGEST),
        user=user,
        kind__in=quiet,
    ).update(mail=Notification.Mail.NONE)
    audit_record(action=AuditEvent.Action.UPDATE, actor=user, obj=prefs)
    return prefs
