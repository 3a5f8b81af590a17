"""The individual plan: goals with steps, each step with a responsible organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.casework.models.case import Case
from teilhabe.core.models import Alliance, Organisation, UUIDModel


class PlanStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class Goal(UUIDModel):
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class Step(UUIDModel):
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("step"), max_length=200)
    responsible = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible organisation"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.OPEN
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        indexes = [models.Index(fields=["alliance", "status", "due_on"], name="step_due")]

    def __str__(self) -> str:
        return self.title
