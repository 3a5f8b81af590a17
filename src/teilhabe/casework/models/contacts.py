"""Counselling contacts. The note is private to the organisation that wrote it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.casework.models.case import Case
from teilhabe.core.models import Alliance, Organisation, UUIDModel


class Contact(UUIDModel):
    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("phone")
        VIDEO = "video", _("video")
        MESSENGER = "messenger", _("messenger")
        HOME_VISIT = "home_visit", _("home visit")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    interpreter = models.BooleanField(_("with interpreter"), default=False)
    # Art. 9 by default: never shown to another organisation, never exported or counted.
    note = models.TextField(_("note"), blank=True)
    topics = models.ManyToManyField(
        "alliances.FieldOfAction",
        through="ContactTopicLink",
        blank=True,
        related_name="+",
        verbose_name=_("topics"),
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-on", "-created_at"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [models.Index(fields=["case", "-on"], name="contact_case_on")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.on:%d.%m.%Y}"

    @property
    def topic_labels(self) -> list[str]:
        """Labels of the topics: set by the person page from one query (`_topic_labels`),
        else read through the (prefetched) relation."""
        labels = getattr(self, "_topic_labels", None)
        if labels is None:
            labels = [str(t.label) for t in self.topics.all()]
        return labels


class ContactTopicLink(UUIDModel):
    """A contact's topic (field of action). An explicit row with the alliance, like every
    table that belongs to a person, so it is scoped and distributes with its contact."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="topic_links")
    field_of_action = models.ForeignKey(
        "alliances.FieldOfAction",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("field of action"),
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        verbose_name = _("contact topic")
        verbose_name_plural = _("contact topics")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "field_of_action"], name="contact_topic_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.field_of_action_id)
