"""The notification e-mail: counts per kind and a link, in the user's language, plain text
plus HTML. It names no person, status or date of a person — only how many of what."""

from __future__ import annotations

import logging
from collections import Counter

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.notifications import kinds
from teilhabe.notifications.models import Notification, Preferences

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    return settings.TEILHABE["BASE_URL"].rstrip("/") + path


def compose(user: User, counts: Counter[str], *, digest: bool) -> EmailMultiAlternatives:
    prefs = Preferences.objects.filter(user=user).first()
    language = prefs.language if prefs else Preferences.Language.GERMAN
    with translation.override(language):
        total = sum(counts.values())
        subject = (
            _("Your daily summary from Teilhabe")
            if digest
            else ngettext(
                "You have %(count)d new notification in Teilhabe",
                "You have %(count)d new notifications in Teilhabe",
                total,
            )
            % {"count": total}
        )
        context = {
            "lines": [kinds.line(kind, n) for kind, n in sorted(counts.items())],
            "list_url": absolute(reverse("notifications:list")),
            "settings_url": absolute(reverse("notifications:preferences")),
            "subject": subject,
        }
        text = render_to_string("notifications/mail/message.txt", context)
        html = render_to_string("notifications/mail/message.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message


def send_pending(user_id: int, states: tuple[str, ...]) -> int:
    """Send one e-mail with every pending notification of the user in `states`; claim the
    rows first so that two workers never send the same one twice. Returns the count."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        Notification.objects.filter(user_id=user_id, mail__in=states).update(
            mail=Notification.Mail.NONE
        )
        return 0
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update()
            .filter(user=user, mail__in=states)
            .values_list("pk", "kind")
        )
        claimed = Notification.objects.filter(pk__in=[pk for pk, _k in rows]).update(
            mail=Notification.Mail.SENT, mailed_at=timezone.now()
        )
    if not claimed:
        return 0
    counts = Counter(kind for _pk, kind in rows)
    try:
        compose(user, counts, digest=Notification.Mail.DIGEST in states).send()
    except Exception:
        # Back to pending: the next run tries again. Only ids in the log line.
        Notification.objects.filter(pk__in=[pk for pk, _k in rows]).update(
            mail=states[0], mailed_at=None
        )
        logger.error("notification mail to user %s failed", user_id)
        raise
    return len(rows)


def send_digests() -> tuple[int, int]:
    """The daily summary for every user with pending summary notifications: (mails, items)."""
    users = (
        Notification.objects.filter(mail=Notification.Mail.DIGEST)
        .values_list("user_id", flat=True)
        .distinct()
    )
    mails = items = 0
    for user_id in sorted(set(users)):
        sent = send_pending(user_id, (Notification.Mail.DIGEST, Notification.Mail.NOW))
        mails += 1 if sent else 0
        items += sent
    return mails, items
