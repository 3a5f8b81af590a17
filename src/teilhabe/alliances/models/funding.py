"""Teilhabemanagement funding: the state's budget per year, allocations per alliance and
the expenditure each alliance reports."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.alliances.models.initiative import Programme
from teilhabe.alliances.uploads import evidence_path
from teilhabe.core.models import Alliance, UUIDModel

_YEAR = [MinValueValidator(2015), MaxValueValidator(2100)]
_MONEY = [MinValueValidator(Decimal("0.00"))]


class FundingBudget(UUIDModel):
    """The state's budget for Teilhabemanagement in one year."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("year"), validators=_YEAR)
    amount = models.DecimalField(
        _("budget (EUR)"), max_digits=14, decimal_places=2, validators=_MONEY
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("funding budget")
        verbose_name_plural = _("funding budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year"],
                name="funding_budget_unique_year",
                violation_error_message=_("There is already a budget for this year."),
            )
        ]

    def __str__(self) -> str:
        return str(self.year)


class FundingAllocation(UUIDModel):
    """What the state allocates to one alliance in one year, and for how many posts."""

    alliance = models.ForeignKey(
        Alliance, on_delete=models.PROTECT, related_name="+", verbose_name=_("alliance")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=_YEAR)
    amount = models.DecimalField(
        _("allocated (EUR)"), max_digits=14, decimal_places=2, validators=_MONEY
    )
    posts_fte = models.DecimalField(
        _("posts funded (full-time equivalents)"),
        max_digits=5,
        decimal_places=2,
        validators=_MONEY,
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["year"]
        verbose_name = _("funding allocation")
        verbose_name_plural = _("funding allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "year"],
                name="funding_allocation_unique_year",
                violation_error_message=_("This alliance already has an allocation for the year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}"


class ExpenditureReport(UUIDModel):
    """Expenditure an alliance reports for a year, with its evidence document."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), validators=_YEAR)
    amount = models.DecimalField(
        _("spent (EUR)"), max_digits=14, decimal_places=2, validators=_MONEY
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    document = models.FileField(
        _("evidence document"), upload_to=evidence_path, blank=True, max_length=200
    )
    document_content_type = models.CharField(max_length=50, blank=True, editable=False)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["year", "created_at"]
        verbose_name = _("expenditure report")
        verbose_name_plural = _("expenditure reports")

    def __str__(self) -> str:
        return f"{self.year}"
