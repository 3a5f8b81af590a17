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
        Organisation,
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("responsible organisation"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case manager"),
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex/gender"), max_length=12, choices=Sex.choices)
    nationality = models.CharField(_("nationality (ISO code)"), max_length=2, blank=True)
    residence = models.ForeignKey(
        Gemeinde,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
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


class ResidenceStatus(models.TextChoices):
    GESTATTUNG = "gestattung", _("Permission to reside (asylum procedure)")
    TOLERATION = "toleration", _("Toleration (§ 60a AufenthG)")
    TRAINING_TOLERATION = "training_toleration", _("Training toleration (§ 60c AufenthG)")
    EMPLOYMENT_TOLERATION = "employment_toleration", _("Employment toleration (§ 60d AufenthG)")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    P25A = "p25a", _("Residence permit § 25a AufenthG")
    P25B = "p25b", _("Residence permit § 25b AufenthG")
    P104C = "p104c", _("Opportunity residence § 104c AufenthG")
    SETTLEMENT = "settlement", _("Settlement permit")
    EU_OTHER = "eu_other", _("EU / other")
    UNKNOWN = "unknown", _("unknown")


class ResidenceStatusEntry(UUIDModel):
    """One dated entry of a person's residence-status history.

    The current status is derived (the entry with the latest `valid_from`), never stored
    on the person a second time.
    """

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="status_entries")
    status = models.CharField(_("residence status"), max_length=30, choices=ResidenceStatus.choices)
    legal_basis = models.CharField(_("legal basis (§)"), max_length=40, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    document_seen = models.BooleanField(_("document seen"), default=False)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-valid_from", "-created_at"]
        verbose_name = _("residence status entry")
        verbose_name_plural = _("residence status entries")
        indexes = [models.Index(fields=["person", "-valid_from"], name="status_person_from")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.valid_from:%d.%m.%Y})"
