"""Beschäftigungserlaubnis: the immigration office's permission to work for one employer or
training place, dated and limited to the term of the residence document it belongs to.

The offer matching reads it (offers.selectors): a person whose status entry says
"Beschäftigung nur mit Genehmigung" may take up an internship, EQ or training place only
with the provider a valid permission names.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel


def valid_on(day: dt.date) -> models.Q:
    """The permissions in force on `day` (the query twin of WorkPermission.is_valid_on)."""
    return models.Q(withdrawn_on__isnull=True, granted_on__lte=day) & (
        models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day)
    )


class WorkPermission(UUIDModel):
    class Kind(models.TextChoices):
        TRAINING = "training", _("vocational training")
        EMPLOYMENT = "employment", _("employment")
        INTERNSHIP = "internship", _("internship")
        EQ = "eq", _("introductory training (EQ)")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="work_permissions"
    )
    status_entry = models.ForeignKey(
        "people.ResidenceStatusEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_permissions",
        verbose_name=_("residence status"),
    )
    # The employer as an organisation of the alliance (what offers name as provider) and/or
    # by name when it is no member.
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer or training place (organisation)"),
    )
    employer_name = models.CharField(_("employer or training place"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    granted_on = models.DateField(_("granted on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-granted_on", "-created_at"]
        verbose_name = _("work permission")
        verbose_name_plural = _("work permissions")
        indexes = [models.Index(fields=["person", "-granted_on"], name="work_permission_person")]
        # "An employer is named" is checked in clean(), not by the database: anonymisation
        # erases the name of a permission whose employer was no organisation.

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.granted_on:%d.%m.%Y})"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.provider_id is None and not self.employer_name.strip():
            errors["employer_name"] = [_("Choose an organisation or enter the employer's name.")]
        if self.valid_until is not None and self.valid_until < self.granted_on:
            errors["valid_until"] = [_("The end of validity cannot lie before its start.")]
        entry = self.status_entry
        if (
            entry is not None
            and entry.valid_until is not None
            and (self.valid_until is None or self.valid_until > entry.valid_until)
        ):
            # A permission never outlasts the Duldung (or permit) it was granted with.
            errors.setdefault("valid_until", []).append(
                _("The permission cannot be valid beyond the residence document (%(date)s).")
                % {"date": f"{entry.valid_until:%d.%m.%Y}"}
            )
        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, day: dt.date) -> bool:
        return (
            self.withdrawn_on is None
            and self.granted_on <= day
            and (self.valid_until is None or day <= self.valid_until)
        )
