"""Trainings and events for professionals and volunteers (building block 5): Fortbildungen,
Infoabende, Netzwerktreffen with a place limit, a waiting list and attendance.

Not the workshops of building block 1 (`alliances.Workshop`): those record meetings held,
with problems and priorities; a training is announced first and members register for it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel


class TrainingKind(models.TextChoices):
    COURSE = "course", _("Training course")
    INFO_EVENING = "info_evening", _("Information evening")
    NETWORK_MEETING = "network_meeting", _("Network meeting")


class Audience(models.TextChoices):
    PROFESSIONALS = "professionals", _("Professionals")
    VOLUNTEERS = "volunteers", _("Volunteers")
    EVERYONE = "everyone", _("Professionals and volunteers")


class Training(UUIDModel):
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=TrainingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("link to the online meeting"), blank=True)
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organised by"),
    )
    audience = models.CharField(
        _("for"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    places = models.PositiveIntegerField(_("places"))

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["starts_at", "title"]
        verbose_name = _("training or event")
        verbose_name_plural = _("trainings and events")
        indexes = [models.Index(fields=["alliance", "starts_at"], name="training_alliance_start")]

    def __str__(self) -> str:
        return self.title


class Registration(UUIDModel):
    """A member's registration; one row per training and user, reused when they register
    again after withdrawing. `position` orders the waiting list (lowest moves up first)."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration", "withdrawn")

    class Attended(models.TextChoices):
        UNKNOWN = "unknown", _("not recorded")
        YES = "yes", _("attended")
        NO = "no", _("did not attend")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The organisation of the membership the user registered through (the overview's column).
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    position = models.PositiveIntegerField(_("place on the waiting list"), null=True, blank=True)
    attended = models.CharField(
        _("attendance"), max_length=10, choices=Attended.choices, default=Attended.UNKNOWN
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["training", "user"], name="registration_once"),
        ]
        indexes = [
            models.Index(fields=["training", "status", "position"], name="registration_queue")
        ]

    def __str__(self) -> str:
        return str(self.pk)
