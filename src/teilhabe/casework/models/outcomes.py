"""The outcome after exit: the situation the case manager found at the follow-up check of
a closed case (the ESF practice: a recorded situation about six months after exit)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.casework.models.case import Case
from teilhabe.core.models import Alliance, UUIDModel


class Situation(models.TextChoices):
    # The first two share their codes with trajectories.Transition: the reporting counts a
    # transition of either source under one kind.
    VOCATIONAL_TRAINING = "vocational_training", _("in vocational training")
    EMPLOYMENT = "employment", _("in work")
    SCHOOL = "school", _("at school")
    MEASURE = "measure", _("in a measure")
    NOTHING = "nothing", _("neither training, work, school nor a measure")
    UNKNOWN = "unknown", _("unknown")
    MOVED_AWAY = "moved_away", _("moved away")


class ExitOutcome(UUIDModel):
    """One per case: the situation after its (latest) closure. Recording it again replaces
    it; an outcome found before a later closure is stale and counts for nothing."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="exit_outcome")
    situation = models.CharField(_("situation"), max_length=20, choices=Situation.choices)
    found_on = models.DateField(_("found out on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["found_on"]
        verbose_name = _("situation after exit")
        verbose_name_plural = _("situations after exit")

    def __str__(self) -> str:
        return f"{self.get_situation_display()} {self.found_on:%d.%m.%Y}"
