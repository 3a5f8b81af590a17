"""Deputies (Vertretung): for a period a case manager sees the persons assigned to an absent
colleague of the same organisation (see `people.access._case_managed`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel


class Deputy(UUIDModel):
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    absent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("absent colleague"),
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("deputy"),
    )
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until (inclusive)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["valid_from", "created_at"]
        indexes = [models.Index(fields=["deputy", "organisation", "valid_until"])]
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
