"""An alliance's own structure: fields of action, partners, core group, posts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.alliances.models.choices import LegalDomain
from teilhabe.core.models import Alliance, Organisation, UUIDModel

# The defaults every alliance starts with (created by migration 0002). Keys are stable;
# labels are translated here, so the list reads in the user's language.
DEFAULT_FIELDS_OF_ACTION: dict[str, Any] = {
    "education_language": _("Education and language acquisition"),
    "work_training": _("Work and training"),
    "social_participation": _("Social participation"),
    "housing": _("Housing"),
    "health": _("Health"),
    "mobility": _("Mobility"),
    "residence_bureaucracy": _("Residence law and bureaucracy"),
    "finances": _("Finances"),
    "family": _("Family"),
}


class FieldOfAction(UUIDModel):
    """A field of action (Handlungsfeld): global defaults (alliance is NULL) plus each
    alliance's own additions. Reference-like, so it has a plain manager; read it through
    `fields_of_action_for(alliance)`."""

    alliance = models.ForeignKey(
        Alliance,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alliance"),
    )
    key = models.SlugField(_("key"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(alliance__isnull=True),
                name="field_of_action_unique_default_key",
            ),
            models.UniqueConstraint(
                fields=["alliance", "name"], name="field_of_action_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        if self.alliance_id is None and self.key in DEFAULT_FIELDS_OF_ACTION:
            return str(DEFAULT_FIELDS_OF_ACTION[self.key])
        return self.name

    @property
    def is_default(self) -> bool:
        return self.alliance_id is None


class PartnerProfile(UUIDModel):
    """What the alliance records about a partner organisation: staff contact data only."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="partner_profile"
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_function = models.CharField(_("function"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    legal_domain = models.CharField(
        _("legal domain"), max_length=10, choices=LegalDomain.choices, default=LegalDomain.NONE
    )
    joined_on = models.DateField(_("joined the alliance on"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        verbose_name = _("partner profile")
        verbose_name_plural = _("partner profiles")

    def __str__(self) -> str:
        return str(self.organisation_id)


class CoreGroupMember(UUIDModel):
    """A seat in the alliance's core group (Bündniskerngruppe)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person_name = models.CharField(_("representative"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    member_since = models.DateField(_("member since"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["organisation__name", "person_name"]
        verbose_name = _("core group member")
        verbose_name_plural = _("core group members")
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "organisation", "person_name"],
                name="core_group_unique_member",
                violation_error_message=_("This person already sits in the core group."),
            )
        ]

    def __str__(self) -> str:
        return self.person_name


class TeilhabemanagementPost(UUIDModel):
    """A funded Teilhabemanagement post: who, where, what share of full time, how long."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("post holder"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("employing organisation"),
    )
    fte = models.DecimalField(
        _("share of full time"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("1.00"))],
        help_text=_("1.00 = full time, 0.50 = half time."),
    )
    funded_from = models.DateField(_("funded from"))
    funded_until = models.DateField(_("funded until"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["funded_from", "person_name"]
        verbose_name = _("Teilhabemanagement post")
        verbose_name_plural = _("Teilhabemanagement posts")
        constraints = [
            models.CheckConstraint(
                name="post_funding_period_in_order",
                condition=Q(funded_until__isnull=True)
                | Q(funded_until__gte=models.F("funded_from")),
                violation_error_message=_("The end of funding lies before its start."),
            )
        ]

    def __str__(self) -> str:
        return self.person_name
