"""Workshops and meetings, the problems reported there and the priorities set from them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.alliances.models.alliance import FieldOfAction
from teilhabe.alliances.models.choices import Organiser, PriorityStatus, WorkshopKind
from teilhabe.alliances.uploads import minutes_path
from teilhabe.core.models import Alliance, Organisation, UUIDModel


class Workshop(UUIDModel):
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=WorkshopKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=20, choices=Organiser.choices)
    organiser_name = models.CharField(_("name of the organiser"), max_length=200, blank=True)
    professionals_count = models.PositiveIntegerField(_("professionals present"), default=0)
    volunteers_count = models.PositiveIntegerField(_("volunteers present"), default=0)
    minutes = models.FileField(_("minutes"), upload_to=minutes_path, blank=True, max_length=200)
    minutes_content_type = models.CharField(max_length=50, blank=True, editable=False)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name = _("workshop or meeting")
        verbose_name_plural = _("workshops and meetings")

    def __str__(self) -> str:
        return self.title

    @property
    def participants(self) -> int:
        return self.professionals_count + self.volunteers_count


class ProblemReport(UUIDModel):
    """A problem from practice, reported by an organisation type (never by a person)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    workshop = models.ForeignKey(
        Workshop, on_delete=models.PROTECT, related_name="problems", verbose_name=_("workshop")
    )
    field = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("field of action"),
    )
    description = models.CharField(_("problem"), max_length=500)
    reported_by_kind = models.CharField(
        _("reported by (type of organisation)"),
        max_length=30,
        choices=Organisation.Kind.choices,
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["field__position", "description"]
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")

    def __str__(self) -> str:
        return self.description


class Priority(UUIDModel):
    """A thematic priority (Themenschwerpunkt) set by the core group."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("priority"), max_length=200)
    field = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field of action"),
    )
    problems = models.ManyToManyField(
        ProblemReport, blank=True, related_name="priorities", verbose_name=_("problems addressed")
    )
    actions = models.TextField(_("actions"), help_text=_("One action per line."))
    responsible = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible organisation"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PriorityStatus.choices, default=PriorityStatus.PLANNED
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["due_on", "title"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return self.title

    def action_list(self) -> list[str]:
        return [line.strip() for line in self.actions.splitlines() if line.strip()]
