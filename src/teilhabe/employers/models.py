"""The alliance's directory of employers and training firms (issue 16, item 7).

About firms, not persons: only the contact person's name, phone and e-mail name someone
(classified like an offer's provider contact).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, UUIDModel
from teilhabe.municipalities.models import Gemeinde


class Employer(UUIDModel):
    class Sector(models.TextChoices):
        CRAFT = "craft", _("crafts and trades")
        INDUSTRY = "industry", _("industry and production")
        RETAIL = "retail", _("retail")
        HOSPITALITY = "hospitality", _("gastronomy and hotels")
        CARE = "care", _("care and health")
        LOGISTICS = "logistics", _("logistics and transport")
        OFFICE = "office", _("office and administration")
        PUBLIC = "public", _("public service")
        OTHER = "other", _("other sector")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    municipality = models.ForeignKey(
        Gemeinde,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    places_training = models.PositiveSmallIntegerField(_("training places"), default=0)
    places_internship = models.PositiveSmallIntegerField(_("internship places"), default=0)
    places_employment = models.PositiveSmallIntegerField(_("jobs"), default=0)
    last_contact_on = models.DateField(_("last contact on"), null=True, blank=True)
    # Member of the company network (Willkommenslotsen and similar).
    in_network = models.BooleanField(_("in the company network"), default=False)
    note = models.TextField(_("note"), blank=True)
    archived_on = models.DateField(_("archived on"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [models.Index(fields=["alliance", "name"], name="employer_alliance_name")]

    def __str__(self) -> str:
        return self.name
