"""The state initiative and the join declarations of municipalities (state level)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.alliances.models.choices import (
    BodyKind,
    DeclarationStatus,
    LeadOfficeType,
    SignerFunction,
)
from teilhabe.alliances.uploads import letter_path
from teilhabe.core.models import Alliance, Organisation, UUIDModel
from teilhabe.municipalities.models import Gemeinde, Kreis


class Programme(UUIDModel):
    """The initiative ("Gemeinsam klappt's"): phases and the call to join."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    call_published_on = models.DateField(_("call to join published on"), null=True, blank=True)
    join_deadline = models.DateField(_("deadline for join declarations"))
    planning_from = models.DateField(_("planning phase from"))
    planning_until = models.DateField(_("planning phase until"))
    implementation_from = models.DateField(_("funded implementation from"))
    ends_on = models.DateField(_("end of the initiative"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.name

    def phases(self) -> list[tuple[str, object, object]]:
        return [
            (str(_("Call to join")), self.call_published_on, self.join_deadline),
            (str(_("Planning phase")), self.planning_from, self.planning_until),
            (str(_("Funded implementation")), self.implementation_from, self.ends_on),
        ]


# A body has at most one open or accepted declaration; a rejected one may be followed by a
# new declaration.
_LIVE = Q(status__in=[DeclarationStatus.RECEIVED, DeclarationStatus.ACCEPTED])


class JoinDeclaration(UUIDModel):
    """A written declaration to join, signed by a member of the administrative board."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="declarations")
    body_kind = models.CharField(_("kind of body"), max_length=20, choices=BodyKind.choices)
    # The Kreis-level unit: the body itself, or the Kreis of a Gemeinde joining on its own.
    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, related_name="+", verbose_name=_("district-level unit")
    )
    gemeinde = models.ForeignKey(
        Gemeinde,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    received_on = models.DateField(_("received on"))
    signed_by_name = models.CharField(_("signed by (name)"), max_length=200)
    signed_by_function = models.CharField(
        _("function of the signatory"), max_length=30, choices=SignerFunction.choices
    )
    lead_office_type = models.CharField(
        _("designated lead office"), max_length=20, choices=LeadOfficeType.choices
    )
    lead_office_name = models.CharField(_("name of the lead office"), max_length=200)
    kreis_consent_on = models.DateField(
        _("consent of the district given on"), null=True, blank=True
    )
    letter = models.FileField(_("letter"), upload_to=letter_path, blank=True, max_length=200)
    letter_content_type = models.CharField(max_length=50, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeclarationStatus.choices,
        default=DeclarationStatus.RECEIVED,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    alliance = models.OneToOneField(
        Alliance,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="join_declaration",
        verbose_name=_("alliance"),
    )
    lead_office = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "kreis_id", "gemeinde_id"]
        verbose_name = _("join declaration")
        verbose_name_plural = _("join declarations")
        constraints = [
            models.CheckConstraint(
                name="declaration_body_matches_kind",
                condition=Q(body_kind=BodyKind.GEMEINDE, gemeinde__isnull=False)
                | Q(
                    body_kind__in=[BodyKind.KREISFREIE_STADT, BodyKind.KREIS],
                    gemeinde__isnull=True,
                ),
            ),
            models.UniqueConstraint(
                fields=["programme", "kreis"],
                condition=_LIVE & ~Q(body_kind=BodyKind.GEMEINDE),
                name="declaration_one_live_per_kreis",
                violation_error_message=_("This body has already declared to join."),
            ),
            models.UniqueConstraint(
                fields=["programme", "gemeinde"],
                condition=_LIVE & Q(body_kind=BodyKind.GEMEINDE),
                name="declaration_one_live_per_gemeinde",
                violation_error_message=_("This body has already declared to join."),
            ),
        ]

    def __str__(self) -> str:
        return self.body_name

    @property
    def body_name(self) -> str:
        return body_display_name(self.kreis, self.gemeinde)

    @property
    def is_late(self) -> bool:
        return self.received_on > self.programme.join_deadline


def body_display_name(kreis: Kreis, gemeinde: Gemeinde | None = None) -> str:
    """A body's everyday name: "Köln", "Kreis Steinfurt", "Rheine"."""
    if gemeinde is not None:
        return gemeinde.name.split(",")[0]
    if kreis.kind == Kreis.Kind.KREISFREIE_STADT:
        return kreis.name.split(",")[0]
    if "kreis" in kreis.name.lower() or kreis.name.startswith("Städteregion"):
        return kreis.name
    return f"Kreis {kreis.name}"
