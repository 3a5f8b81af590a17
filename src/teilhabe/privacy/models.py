"""Data-protection lifecycle: retention rules and runs, deletion records, restrictions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel
from teilhabe.people.models import Person
from teilhabe.privacy.classification import CATEGORIES, PERSON_CATEGORIES


class StartEvent(models.TextChoices):
    CASE_CLOSURE = "case_closure", _("after the last case was closed")
    LAST_CHANGE = "last_change", _("after the last change of the record")


CATEGORY_CHOICES = [(key, CATEGORIES[key].label) for key in PERSON_CATEGORIES]


class RetentionRule(UUIDModel):
    """DIN 66398: one rule (regular period + start event) per organisation and category."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="retention_rules"
    )
    category = models.CharField(_("data category"), max_length=30, choices=CATEGORY_CHOICES)
    months = models.PositiveSmallIntegerField(_("period in months"))
    start_event = models.CharField(
        _("start event"), max_length=20, choices=StartEvent.choices, default=StartEvent.CASE_CLOSURE
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["organisation__name", "category"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "category"], name="retention_rule_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.months}"


class RetentionRun(UUIDModel):
    """One run of the retention rules for one organisation; its counters are content-free."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dry_run = models.BooleanField(_("preview only"), default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    today = models.DateField(_("reference date"))
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    persons_due = models.PositiveIntegerField(_("persons due"), default=0)
    persons_anonymised = models.PositiveIntegerField(_("persons anonymised"), default=0)
    persons_held = models.PositiveIntegerField(_("held (restricted)"), default=0)
    values_erased = models.PositiveIntegerField(_("values erased"), default=0)
    files_deleted = models.PositiveIntegerField(_("files deleted"), default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"{self.today:%d.%m.%Y} {self.get_status_display()}"


class DeletionRecord(UUIDModel):
    """Content-free proof of a deletion: which rule, when, how much. No person, no value."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(RetentionRun, on_delete=models.PROTECT, related_name="records")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("data category"), max_length=30, choices=CATEGORY_CHOICES)
    months = models.PositiveSmallIntegerField(_("period in months"))
    start_event = models.CharField(_("start event"), max_length=20, choices=StartEvent.choices)
    persons = models.PositiveIntegerField(_("persons"))
    values_erased = models.PositiveIntegerField(_("values erased"))
    files_deleted = models.PositiveIntegerField(_("files deleted"))

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-created_at", "category"]
        verbose_name = _("deletion record")
        verbose_name_plural = _("deletion records")

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.created_at:%d.%m.%Y}"


class Ground(models.TextChoices):
    ACCURACY = "accuracy", _("accuracy contested (Art. 18(1)(a))")
    UNLAWFUL = "unlawful", _("unlawful processing, erasure opposed (Art. 18(1)(b))")
    LEGAL_CLAIMS = "legal_claims", _("needed for legal claims (Art. 18(1)(c))")
    OBJECTION = "objection", _("objection pending (Art. 18(1)(d))")
    NO_ERASURE = "no_erasure", _("erasure not possible or disproportionate (§ 84 SGB X)")


class Restriction(UUIDModel):
    """A request to restrict a person's processing and the DPO's decision on it."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        GRANTED = "granted", _("restricted")
        REFUSED = "refused", _("refused")
        LIFTED = "lifted", _("lifted")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="restrictions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    ground = models.CharField(_("ground"), max_length=20, choices=Ground.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_on = models.DateField(_("requested on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-requested_on", "-created_at"]
        verbose_name = _("restriction")
        verbose_name_plural = _("restrictions")

    def __str__(self) -> str:
        return f"{self.get_ground_display()} ({self.get_status_display()})"
