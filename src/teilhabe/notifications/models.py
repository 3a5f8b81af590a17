"""A user's notifications and how they want them delivered."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.notifications.kinds import Kind


class Notification(models.Model):
    """One event for one user. `subject_id` names the object (a referral, a follow-up …)
    only to keep the same event from arriving twice; it is never shown."""

    class Mail(models.TextChoices):
        NONE = "none", _("no e-mail")
        NOW = "now", _("e-mail at once, pending")
        DIGEST = "digest", _("daily summary, pending")
        SENT = "sent", _("sent")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject_id = models.UUIDField(default=uuid.uuid4)
    # A path inside Teilhabe; its page checks access as always (404 when access has ended).
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    mail = models.CharField(max_length=8, choices=Mail.choices, default=Mail.NONE)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "subject_id"], name="notification_once_per_subject"
            )
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["mail", "user"], name="notification_mail_pending"),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class Preferences(models.Model):
    """Per user: the channel of each kind (missing kinds use the default) and the language
    of the e-mails."""

    class Language(models.TextChoices):
        GERMAN = "de", _("German")
        ENGLISH = "en", _("English")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    channels = models.JSONField(default=dict, blank=True)
    language = models.CharField(
        _("language of the e-mails"), max_length=2, choices=Language.choices, default="de"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(_("notification settings"))
