"""Cases: intake with eligibility, closure and reopening (history kept), follow-ups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel
from teilhabe.people.models import Person


class TriState(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    UNKNOWN = "unknown", _("unknown")


class ClosureReason(models.TextChoices):
    VOCATIONAL_TRAINING = "vocational_training", _("vocational training")
    EMPLOYMENT = "employment", _("employment")
    SCHOOL = "school", _("school")
    HIGHER_EDUCATION = "higher_education", _("higher education")
    MOVED_AWAY = "moved_away", _("moved away")
    # Handed over to the new alliance's Teilhabemanagement (teilhabe.relocation).
    MOVED_HANDED_OVER = "moved_handed_over", _("moved away – handed over")
    RETURNED = "returned", _("returned to home country")
    NO_CONTACT = "no_contact", _("no contact")
    OTHER = "other", _("other")


class Case(UUIDModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cases")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case manager"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # Eligibility as recorded at intake (the initiative's priority criteria).
    age_at_intake = models.PositiveSmallIntegerField(_("age at intake"), null=True, blank=True)
    no_sgb_measures = models.CharField(
        _("no access to SGB II/III measures"),
        max_length=10,
        choices=TriState.choices,
        default=TriState.UNKNOWN,
    )
    no_compulsory_schooling = models.CharField(
        _("no longer of compulsory school age"),
        max_length=10,
        choices=TriState.choices,
        default=TriState.UNKNOWN,
    )
    not_in_course_or_training = models.CharField(
        _("not in a language/integration course or training"),
        max_length=10,
        choices=TriState.choices,
        default=TriState.UNKNOWN,
    )
    closure_reason = models.CharField(
        _("reason for closure"), max_length=30, choices=ClosureReason.choices, blank=True
    )
    follow_up_check_on = models.DateField(_("follow-up check on"), null=True, blank=True)
    # Optimistic concurrency: a write must name the version it read.
    version = models.PositiveIntegerField(default=1)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-opened_on"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.opened_on:%d.%m.%Y}"

    @property
    def age_eligible(self) -> bool:
        return self.age_at_intake is not None and 18 <= self.age_at_intake <= 27


class CaseStatusChange(UUIDModel):
    """Every closure and reopening, so the history survives a reopened case."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=10, choices=Case.Status.choices)
    reason = models.CharField(_("reason"), max_length=30, choices=ClosureReason.choices, blank=True)
    on = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["on", "created_at"]
        verbose_name = _("case status change")
        verbose_name_plural = _("case status changes")

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.on:%d.%m.%Y}"


class FollowUp(UUIDModel):
    """A dated reminder for the case manager (status expiry, closure check, own)."""

    class Reason(models.TextChoices):
        STATUS_EXPIRY = "status_expiry", _("residence status expires")
        CLOSURE_CHECK = "closure_check", _("follow-up check after closure")
        OTHER = "other", _("other")
        REMINDER = "reminder", _("reminder")
        APPOINTMENT = "appointment", _("appointment")
        PATH_DEADLINE = "path_deadline", _("deadline of a residence path")
        DOCUMENT_EXPIRY = "document_expiry", _("document expires")
        LEGAL_DOMAIN_CHANGE = "legal_domain_change", _("handover after a change of legal domain")

    # The case manager's own kinds: addressed to one user, with an optional time and note.
    OWN = (Reason.REMINDER, Reason.APPOINTMENT)

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    due_on = models.DateField(_("due on"))
    # The status entry that caused it: one follow-up per expiring entry, not one per check.
    status_entry = models.ForeignKey(
        "people.ResidenceStatusEntry",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("residence status entry"),
    )
    # What else caused it ("document:<id>", "path:<key>:<entry id>"): a job that runs every
    # night creates one follow-up per source, not one per run (see the constraint).
    source = models.CharField(max_length=80, blank=True, default="")
    done_on = models.DateField(_("done on"), null=True, blank=True)
    time = models.TimeField(_("time"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reminded"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "status_entry"],
                condition=models.Q(status_entry__isnull=False),
                name="followup_once_per_status_entry",
            ),
            models.UniqueConstraint(
                fields=["case", "source"],
                condition=~models.Q(source=""),
                name="followup_once_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.due_on:%d.%m.%Y}"


class CalendarFeed(UUIDModel):
    """A private calendar address of one user: only the hash of its secret is stored; a
    new feed revokes the previous one."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    with_names = models.BooleanField(_("show names in the calendar"), default=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%d.%m.%Y}"
