"""Reporting: the official target-population figures, the age share, stored reports.

Seeker counts are reference data (Destatis, no personal data) shared by all alliances, like
the geography. Reports are files generated in the background and kept for download.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Alliance, UUIDModel

SOURCE_TEMPLATE = (
    "Quelle: Statistisches Bundesamt (Destatis), GENESIS-Online, Tabelle 12531-0043, Stand {stand}"
)


class SeekerImport(models.Model):
    """One imported Stichtag of table 12531-0043; the newest gives the source line."""

    stichtag = models.DateField(_("reference date"), unique=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=200)
    lines = models.PositiveIntegerField(_("data lines"), default=0)

    class Meta:
        ordering = ["-stichtag"]
        verbose_name = _("Destatis import")
        verbose_name_plural = _("Destatis imports")

    def __str__(self) -> str:
        return self.source_line

    @property
    def source_line(self) -> str:
        return SOURCE_TEMPLATE.format(stand=self.stichtag.strftime("%d.%m.%Y"))

    @classmethod
    def current_source_line(cls) -> str:
        latest = cls.objects.first()
        return latest.source_line if latest else ""


class SeekerCount(models.Model):
    """Protection seekers per Kreis × status category × sex × Stichtag (summed over the
    nationalities of the flat file). Keys and codes are Destatis' own, so a new edition
    with new categories needs no code change; no foreign key to Kreis, so all of Germany
    can be stored while the geography holds NRW only."""

    stichtag = models.DateField(_("reference date"))
    kreis_key = models.CharField(_("district key"), max_length=5)
    kreis_name = models.CharField(_("district"), max_length=150)
    status_code = models.CharField(_("protection status category"), max_length=30)
    status_label = models.CharField(_("protection status"), max_length=150)
    sex_code = models.CharField(_("sex"), max_length=10)
    count = models.PositiveIntegerField(_("protection seekers"))

    class Meta:
        ordering = ["stichtag", "kreis_key", "status_code", "sex_code"]
        verbose_name = _("protection seeker count")
        verbose_name_plural = _("protection seeker counts")
        constraints = [
            models.UniqueConstraint(
                fields=["stichtag", "kreis_key", "status_code", "sex_code"],
                name="seeker_count_unique_cell",
            )
        ]
        indexes = [models.Index(fields=["kreis_key", "stichtag"], name="seeker_kreis_stichtag")]

    def __str__(self) -> str:
        return f"{self.stichtag} {self.kreis_key} {self.status_code} {self.sex_code}"


class AgeShare(UUIDModel):
    """The share of 18–27-year-olds among protection seekers, set by the state coordinator,
    for one status group or (group blank) for every group without its own share.

    Table 12531-0043 has no age, so every estimate multiplies by this share and shows it.
    Each change is a new row (history); the latest `valid_from` not after a date applies.
    """

    class Group(models.TextChoices):
        ALL = "", _("every status group")
        GESTATTUNG = "gestattung", _("Permission to reside (Gestattung)")
        DULDUNG = "duldung", _("Toleration (Duldung)")
        AUFENTHALTSERLAUBNIS = "aufenthaltserlaubnis", _("Residence permit (Aufenthaltserlaubnis)")

    group = models.CharField(
        _("status group"), max_length=30, choices=Group.choices, blank=True, default=""
    )
    percent = models.DecimalField(
        _("share aged 18–27 (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    valid_from = models.DateField(_("valid from"))
    basis = models.CharField(_("basis of the figure"), max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-valid_from", "-created_at"]
        verbose_name = _("age share")
        verbose_name_plural = _("age shares")

    def __str__(self) -> str:
        return f"{self.percent} % ({self.valid_from:%d.%m.%Y})"


class Report(UUIDModel):
    """A periodic report (PDF + Excel) for one alliance, or for the state when alliance is
    NULL. Progress is stored here (done/total) and polled by the page."""

    class Period(models.TextChoices):
        QUARTER = "quarter", _("quarterly")
        YEAR = "year", _("annual")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    alliance = models.ForeignKey(
        Alliance, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    pdf = models.FileField(upload_to="reports/%Y/", blank=True)
    xlsx = models.FileField(upload_to="reports/%Y/", blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    schedule = models.ForeignKey(
        "ReportSchedule", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ReportSchedule(UUIDModel):
    """A report produced by itself after each period closes: the scheduler's quarterly job
    (1st of the next quarter) and annual job (2 January) request one per schedule. For one
    alliance, set by one of its coordinators, or (alliance NULL) for the state, set by the
    state coordinator; whoever set it is told when each report is ready."""

    alliance = models.ForeignKey(
        Alliance, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    period = models.CharField(_("period"), max_length=10, choices=Report.Period.choices)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["period", "created_at"]
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")
        constraints = [
            models.UniqueConstraint(fields=["alliance", "period"], name="report_schedule_once"),
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(alliance__isnull=True),
                name="report_schedule_state_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_period_display())


class IndicatorSnapshot(UUIDModel):
    """The indicator counts of one grid period (`periods`) for every alliance, as
    the task worker computed them (`stored`): before publication and suppression, which are
    applied when they are read. Each refresh adds a version; pages, exports, the API and
    the report files read the newest of the current definition, so they show the same
    figures. Aggregates only, no data about persons."""

    class Trigger(models.TextChoices):
        NIGHTLY = "nightly", _("nightly")
        CAREERS = "careers", _("after an early-warning run")
        IMPORT = "import", _("after an import")
        MANUAL = "manual", _("by hand")

    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    definition = models.PositiveSmallIntegerField(_("definition of the indicators"))
    version = models.PositiveIntegerField(_("version"))
    trigger = models.CharField(_("occasion"), max_length=10, choices=Trigger.choices)
    seconds = models.FloatField(_("computing time in seconds"), default=0)
    # indicator key → {"counts": {alliance id: {category: n}}, "allocation": {...}}
    data = models.JSONField(_("figures"), default=dict)
    # False: a period kept only for the key figures' trend (older than last year), whose
    # indicators are computed live when someone asks for them.
    has_indicators = models.BooleanField(_("indicators stored"), default=True)
    # alliance id → {key figure count: n} (`key_figures.COUNTS`); empty in versions stored
    # before the key figures were, which are then counted live.
    totals = models.JSONField(_("key figure counts"), default=dict)
    # The year so far only (and its trend): organisation id → {"totals": {...}, "data":
    # {...}} for every organisation with case managers, whose dashboard shows its own
    # figures (`stored.todays_periods`).
    organisations = models.JSONField(_("figures per organisation"), default=dict)

    class Meta:
        ordering = ["start", "end", "-version"]
        verbose_name = _("stored indicator figures")
        verbose_name_plural = _("stored indicator figures")
        constraints = [
            models.UniqueConstraint(
                fields=["start", "end", "definition", "version"], name="indicator_snapshot_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.start:%d.%m.%Y}–{self.end:%d.%m.%Y} v{self.version}"
