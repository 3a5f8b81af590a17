"""Participations (person × offer or an external measure) and the Maßnahme-Karriere findings.

Findings are written by a batch run (`careers_run`), never edited by hand: each run replaces
the findings of the persons it covered, so a finding always matches the current rules.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel
from teilhabe.people.models import Person


class Outcome(models.TextChoices):
    ONGOING = "ongoing", _("ongoing")
    COMPLETED = "completed", _("completed")
    ABORTED = "aborted", _("aborted")


class Transition(models.TextChoices):
    VOCATIONAL_TRAINING = "vocational_training", _("vocational training")
    EMPLOYMENT = "employment", _("employment")
    SCHOOL = "school", _("school")
    HIGHER_EDUCATION = "higher_education", _("higher education")


# Careers levels are A1…C2 only; "none"/"native" never count as a level reached.
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


class Participation(UUIDModel):
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    offer = models.ForeignKey(
        "offers.Offer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("offer"),
    )
    # An external measure (not in the catalogue) is typed in by hand.
    external_title = models.CharField(_("measure (external)"), max_length=200, blank=True)
    external_provider = models.CharField(_("provider (external)"), max_length=200, blank=True)
    # Copied from the offer when one is chosen, so history survives catalogue edits.
    category = models.CharField(_("category"), max_length=40)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.ONGOING
    )
    level_reached = models.CharField(
        _("level reached (CEFR)"),
        max_length=2,
        choices=[(level, level) for level in LEVELS],
        blank=True,
    )
    certificate = models.BooleanField(_("certificate obtained"), default=False)
    certificate_title = models.CharField(_("certificate"), max_length=200, blank=True)
    transition = models.CharField(
        _("transition afterwards"), max_length=20, choices=Transition.choices, blank=True
    )
    # Who recorded it: the owning case management or the providing partner (with consent).
    recorded_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The firm of an internship, EQ, training place or job, from the alliance's directory.
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("employer / training firm"),
    )
    referral = models.ForeignKey(
        "casework.Referral",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referral"),
    )
    version = models.PositiveIntegerField(default=1)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["start", "end", "id"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        indexes = [
            models.Index(fields=["alliance", "person"], name="participation_alliance_person"),
            models.Index(fields=["offer", "outcome"], name="participation_offer_outcome"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="participation_end_after_start",
            ),
            # Ongoing exactly when there is no end (the careers spec relies on it).
            models.CheckConstraint(
                condition=models.Q(outcome="ongoing", end__isnull=True)
                | (~models.Q(outcome="ongoing") & models.Q(end__isnull=False)),
                name="participation_ongoing_iff_no_end",
            ),
            models.CheckConstraint(
                condition=models.Q(offer__isnull=False) | ~models.Q(external_title=""),
                name="participation_offer_or_external",
            ),
        ]

    def __str__(self) -> str:
        return self.offer.title if self.offer_id else self.external_title  # type: ignore[union-attr]


class CareerRules(UUIDModel):
    """The alliance's thresholds for the Maßnahme-Karriere rules (spec defaults)."""

    alliance = models.OneToOneField(Alliance, on_delete=models.PROTECT, related_name="+")
    chain_length = models.PositiveSmallIntegerField(_("chain length (MK1)"), default=3)
    abort_run = models.PositiveSmallIntegerField(_("aborts in a row (MK4)"), default=2)
    waiting_days = models.PositiveSmallIntegerField(_("waiting days (MK3)"), default=183)
    lookback_months = models.PositiveSmallIntegerField(_("lookback in months"), default=36)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        verbose_name = _("Maßnahme-Karriere rules")
        verbose_name_plural = _("Maßnahme-Karriere rules")


class CareerRun(UUIDModel):
    """One batch run over an alliance (or the whole state when alliance is NULL)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    alliance = models.ForeignKey(
        Alliance, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    today = models.DateField(_("reference date"))
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The counts behind the rates of each alliance the run covered, as of its end
    # (`trajectories.rates.rate_counts`): the rates page reads them (aggregates only).
    rates = models.JSONField(_("figures of the rates"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Maßnahme-Karriere run")
        verbose_name_plural = _("Maßnahme-Karriere runs")

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))


class Finding(UUIDModel):
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="career_findings")
    run = models.ForeignKey(CareerRun, on_delete=models.SET_NULL, null=True, related_name="+")
    rule = models.CharField(_("rule"), max_length=3)
    position = models.PositiveSmallIntegerField(default=0)  # order within the person's result
    # Participation ids (UUID strings) the finding names; MK3 may name none.
    participation_ids = models.JSONField(_("participations concerned"), default=list)
    gap_days = models.PositiveIntegerField(_("gap in days"), null=True, blank=True)
    explanation = models.TextField(_("explanation"))
    detected_on = models.DateField(_("detected on"))
    # Stable key across detection runs (fingerprints.fingerprint): joins to FindingReview.
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["person", "position"]
        verbose_name = _("Maßnahme-Karriere finding")
        verbose_name_plural = _("Maßnahme-Karriere findings")
        indexes = [models.Index(fields=["alliance", "rule"], name="finding_alliance_rule")]


class FindingReview(UUIDModel):
    """The case management's handling of a finding, keyed by its fingerprint.

    Findings are replaced by every detection run, so the review lives beside them: a
    finding without a review is new; a finding detected again keeps its review (a closed
    one stays closed); a changed finding has a new fingerprint and so is new again.
    """

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("finding", "new")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        ASSESSED = "assessed", _("assessed")
        CLOSED = "closed", pgettext_lazy("finding", "closed")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="finding_reviews")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    rule = models.CharField(_("rule"), max_length=3)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    # A counselling note: shown to the owning organisation only, never a consent category.
    note = models.TextField(_("assessment"), blank=True)
    conference_on = models.DateField(_("case conference"), null=True, blank=True)
    action_taken = models.TextField(_("action taken"), blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        verbose_name = _("review of a finding")
        verbose_name_plural = _("reviews of findings")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "fingerprint"], name="finding_review_person_fingerprint"
            )
        ]
        indexes = [
            models.Index(fields=["alliance", "status"], name="finding_review_alliance_status")
        ]
