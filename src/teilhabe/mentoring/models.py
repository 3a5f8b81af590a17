"""Volunteers and mentoring pairs (Patenschaften / Tandems), building block 5.

A pair joins a young person and a volunteer of a volunteer organisation. It exists only
under the person's consent of the category "accompaniment" naming that organisation; what
the volunteer sees of the person is decided by `people.access.accompaniment_for`, read at
every request (a withdrawal ends it at once, no job involved).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel
from teilhabe.people.models import Person


class VolunteerProfile(UUIDModel):
    """A volunteer's own registration: their data rests on their own consent."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    consent_given_on = models.DateField(_("consent given on"))
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["organisation__name", "created_at"]
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="volunteer_profile_once")
        ]

    def __str__(self) -> str:
        return str(self.pk)


class MentoringPair(UUIDModel):
    class EndReason(models.TextChoices):
        GOAL_REACHED = "goal_reached", _("goal reached")
        PERSON_WISH = "person_wish", _("wish of the young person")
        VOLUNTEER_WISH = "volunteer_wish", _("wish of the volunteer")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("consent withdrawn")
        MOVED = "moved", _("moved away")
        OTHER = "other", _("other reason")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentoring_pairs")
    volunteer = models.ForeignKey(VolunteerProfile, on_delete=models.PROTECT, related_name="pairs")
    # The volunteer organisation the consent names (the recipient).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    # The case manager the volunteer reaches (name and e-mail shown to them).
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    goal = models.CharField(_("agreed goal"), max_length=300)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for the end"), max_length=20, choices=EndReason.choices, blank=True
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-started_on", "-created_at"]
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")

    def __str__(self) -> str:
        return str(self.pk)


class CheckIn(UUIDModel):
    """A short note of how a pair is doing, recorded by the volunteer organisation's
    coordinator."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="checkins")
    on = models.DateField(_("date"))
    note = models.CharField(_("short note"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-on", "-created_at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return str(self.pk)
