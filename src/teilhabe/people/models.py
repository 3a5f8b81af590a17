"""Persons of the target group. Minimal here; the casework issue extends them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel
from teilhabe.municipalities.models import Gemeinde


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    DIVERSE = "diverse", _("diverse")
    UNSPECIFIED = "unspecified", _("not specified")


class Person(UUIDModel):
    """A young adult of the target group, owned by one organisation (its controller)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="persons",
        verbose_name=_("responsible organisation"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("case manager"),
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex/gender"), max_length=12, choices=Sex.choices)
    nationality = models.CharField(_("nationality (ISO code)"), max_length=2, blank=True)
    residence = models.ForeignKey(
        Gemeinde, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("place of residence"),
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [
            models.Index(fields=["alliance", "owner", "family_name"], name="person_owner_name"),
        ]

    def __str__(self) -> str:
        return f"{self.family_name}, {self.given_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"
