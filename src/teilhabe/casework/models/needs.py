"""Needs assessments per field of action. Dated rows: the history stays, the current level
of a field in a case is the latest assessment of it (`LATEST_FIRST`), flagged `is_current`
by the model itself (`core.latest`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.casework.models.case import Case
from teilhabe.core.latest import LatestFlagged, LatestManager, LatestRule
from teilhabe.core.models import Alliance, Organisation, UUIDModel

# The current level of a field is its latest assessment: the latest date, then the latest
# creation, then the greatest id (two rows of one instant, e.g. an import). Every reader
# of "the current need" orders by this, compares with `CURRENT.newer_than_outer()` or
# reads the flag it keeps, so that the person page, the caseload, the gap analysis and the
# reports agree.
LATEST_FIRST = ("-assessed_on", "-created_at", "-id")
CURRENT = LatestRule(group=("case_id", "field_of_action_id"), order=LATEST_FIRST)


class NeedLevel(models.TextChoices):
    NONE = "none", _("no need")
    SOME = "some", _("some need")
    URGENT = "urgent", _("urgent need")


class NeedAssessment(LatestFlagged, UUIDModel):
    latest_rule = CURRENT  # `is_current`: the latest assessment of its field in its case

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="need_assessments")
    field_of_action = models.ForeignKey(
        "alliances.FieldOfAction",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("field of action"),
    )
    level = models.CharField(_("need level"), max_length=10, choices=NeedLevel.choices)
    # Art. 9 GDPR (health, family, residence): shown only to the organisation that wrote it.
    note = models.TextField(_("note"), blank=True)
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )

    objects = ScopedManager(alliance="alliance", _manager_class=LatestManager)

    class Meta:
        ordering = ["-assessed_on", "-created_at"]
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")
        indexes = [
            models.Index(
                fields=["case", "field_of_action", "-assessed_on"], name="need_case_field_on"
            ),
            models.Index(
                fields=["alliance", "field_of_action"],
                condition=Q(is_current=True),
                name="need_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.assessed_on:%d.%m.%Y}"
