"""Advice requests with their thread of messages, and case consultations. The texts
describe situations, never persons: `people.mentions` warns before anything is saved."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel


class Topic(models.TextChoices):
    RESIDENCE_LAW = "residence_law", _("Residence law")
    TRAINING = "training", _("Vocational training")
    LANGUAGE_COURSES = "language_courses", _("Language courses")
    BENEFITS = "benefits", _("Benefits")
    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Health")
    OTHER = "other", pgettext_lazy("advice topic", "Other")


class AdviceRequest(UUIDModel):
    """A question of a member to an advising organisation of the alliance."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        TAKEN = "taken", _("in progress")
        CLOSED = "closed", _("closed")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    advising_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked organisation"),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    subject = models.CharField(_("subject"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("advisor"),
    )
    asked_at = models.DateTimeField(_("asked at"))
    first_answer_at = models.DateTimeField(_("first answer at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    article = models.ForeignKey(
        "alliances.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("knowledge-base article"),
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")
        indexes = [
            models.Index(
                fields=["alliance", "advising_organisation", "status"], name="advice_inbox"
            ),
            models.Index(fields=["alliance", "asked_by", "status"], name="advice_asker"),
        ]

    def __str__(self) -> str:
        return self.subject


class AdviceMessage(UUIDModel):
    """One message of a request's thread: the question, an answer, a question back."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_advisor = models.BooleanField(default=False)
    body = models.TextField(_("text"), max_length=4000)
    # Sent although the check warned (the author confirmed); what it found is never kept.
    confirmed_warning = models.BooleanField(default=False)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("advice message")
        verbose_name_plural = _("advice messages")

    def __str__(self) -> str:
        return str(_("advice message"))


class Consultation(UUIDModel):
    """A scheduled kollegiale Fallberatung of the alliance."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("topic"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    organised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ConsultationParticipant", related_name="+"
    )
    minutes = models.TextField(_("short minutes"), max_length=4000, blank=True)
    minutes_confirmed_warning = models.BooleanField(default=False)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("case consultation")
        verbose_name_plural = _("case consultations")

    def __str__(self) -> str:
        return self.topic


class ConsultationParticipant(UUIDModel):
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(alliance="alliance")

    class Meta:
        verbose_name = _("participation in a case consultation")
        verbose_name_plural = _("participations in case consultations")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="consultation_participant_once"
            )
        ]


class CasePresentation(UUIDModel):
    """An anonymised case brought to a consultation: a short description, no person."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="presentations"
    )
    presented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("short description"), max_length=2000)
    confirmed_warning = models.BooleanField(default=False)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("case presentation")
        verbose_name_plural = _("case presentations")

    def __str__(self) -> str:
        return self.title
