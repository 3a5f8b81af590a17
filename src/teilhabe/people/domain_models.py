"""A person's interpreter need and dated legal-domain history.

Kept apart from people.models (which re-exports them) so the person's core module stays
short. The legal-domain periods are the one truth of the responsible legal domains;
`Profile.legal_domains` is the derived set of the open periods that the services
(people.domains.services) write on every change, so the readers that filter by it
(offers eligibility, reporting) keep one indexed column.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, UUIDModel


class LegalDomain(models.TextChoices):
    ASYLBLG = "asylblg", _("AsylbLG (asylum seekers' benefits)")
    SGB2 = "sgb2", _("SGB II (Jobcenter)")
    SGB3 = "sgb3", _("SGB III (employment agency)")
    SGB8 = "sgb8", _("SGB VIII (youth welfare)")
    NONE = "none", _("none")


class InterpreterNeed(UUIDModel):
    """One language in which the person needs (or no longer needs) an interpreter; new
    contacts of the person's case start with it (casework.work.forms)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="interpreter_needs"
    )
    language = models.CharField(_("language"), max_length=3)
    needed = models.BooleanField(_("interpreter needed"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-needed", "language"]
        verbose_name = _("interpreter need")
        verbose_name_plural = _("interpreter needs")
        constraints = [
            models.UniqueConstraint(fields=["person", "language"], name="interpreter_language_once")
        ]

    def __str__(self) -> str:
        return self.language


class LegalDomainPeriod(UUIDModel):
    """A legal domain responsible for the person from one date until another (open: still
    responsible). A change of legal domain (Rechtskreiswechsel) ends one period and begins
    another, and the open case gets a follow-up to hand over to the new office."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="legal_domain_periods"
    )
    domain = models.CharField(_("legal domain"), max_length=10, choices=LegalDomain.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    office = models.CharField(_("responsible office"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-started_on", "-created_at"]
        verbose_name = _("legal-domain period")
        verbose_name_plural = _("legal-domain periods")
        indexes = [models.Index(fields=["person", "-started_on"], name="domain_period_person")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="domain_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_domain_display()} ({self.started_on:%d.%m.%Y})"
