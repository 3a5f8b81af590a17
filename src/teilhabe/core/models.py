"""The tenancy backbone: alliances, organisations, memberships and roles, audit log."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.municipalities.models import Gemeinde, Kreis


class UUIDModel(models.Model):
    """Base for every domain row: a UUID key, so URLs never carry guessable integers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Alliance(UUIDModel):
    """The local alliance (Bündnis) of one participating body; the unit of scoping."""

    class BodyKind(models.TextChoices):
        KREISFREIE_STADT = "kreisfreie_stadt", _("independent city")
        KREIS = "kreis", _("district")
        GEMEINDE = "gemeinde", _("municipality belonging to a district")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    body_kind = models.CharField(_("kind of body"), max_length=20, choices=BodyKind.choices)
    # A kreisfreie Stadt or Kreis is a Kreis-level unit; a Gemeinde acting alone is a Gemeinde.
    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, null=True, blank=True, related_name="alliances"
    )
    gemeinde = models.ForeignKey(
        Gemeinde, on_delete=models.PROTECT, null=True, blank=True, related_name="alliances"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")
        constraints = [
            models.CheckConstraint(
                name="alliance_body_matches_kind",
                condition=(
                    models.Q(body_kind="gemeinde", gemeinde__isnull=False, kreis__isnull=True)
                    | (
                        models.Q(body_kind__in=["kreisfreie_stadt", "kreis"])
                        & models.Q(kreis__isnull=False, gemeinde__isnull=True)
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def gemeinden(self) -> models.QuerySet[Gemeinde]:
        """The municipalities this alliance covers (places of residence of its persons)."""
        if self.gemeinde_id:
            return Gemeinde.objects.filter(pk=self.gemeinde_id)
        return Gemeinde.objects.filter(kreis_id=self.kreis_id)


class Organisation(UUIDModel):
    """A partner of an alliance; each organisation is its own data controller."""

    class Kind(models.TextChoices):
        TEILHABEMANAGEMENT = "teilhabemanagement", _("Teilhabemanagement office")
        KI = "ki", _("Municipal integration centre (KI)")
        JOBCENTER = "jobcenter", _("Jobcenter")
        AGENTUR = "agentur", _("Employment agency")
        AUSLAENDERBEHOERDE = "auslaenderbehoerde", _("Immigration office")
        JMD = "jmd", _("Youth migration service (JMD)")
        BILDUNGSTRAEGER = "bildungstraeger", _("Training provider")
        BERUFSKOLLEG = "berufskolleg", _("Vocational college")
        JUGENDAMT = "jugendamt", _("Youth welfare office")
        SOZIALAMT = "sozialamt", _("Social welfare office")
        KAMMER = "kammer", _("Chamber")
        EMPLOYER = "employer", _("Employer")
        CIVIL_SOCIETY = "civil_society", _("Volunteer / civil-society organisation")
        OTHER = "other", _("Other")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="organisations")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    is_lead_office = models.BooleanField(_("lead office"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["alliance", "name"], name="organisation_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_immigration_office(self) -> bool:
        return self.kind == self.Kind.AUSLAENDERBEHOERDE


class Role(models.TextChoices):
    CASE_MANAGER = "case_manager", _("Case manager")
    COORDINATOR = "coordinator", _("Coordinator (lead office)")
    PARTNER_STAFF = "partner_staff", _("Partner staff")
    # Volunteers read the alliance's knowledge base and contact points; nothing personal.
    VOLUNTEER = "volunteer", _("Volunteer")
    # Data-protection officer of one organisation: its audit log, retention, Art. 15 and
    # restriction; never counselling notes.
    DATA_PROTECTION_OFFICER = "dpo", _("Data-protection officer")


class StateRoleKind(models.TextChoices):
    STATE_COORDINATOR = "state_coordinator", _("State coordination")
    RESEARCHER = "researcher", _("Scientific process support")


class Membership(UUIDModel):
    """A user's role in one organisation; a user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    # Denormalised from the organisation: the scope key of every tenant table.
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # Need-to-know inside one organisation (§ 35 SGB I): only persons assigned to this user.
    assigned_only = models.BooleanField(_("only assigned persons"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} / {self.get_role_display()}"


class StateRole(UUIDModel):
    """A statewide role without an organisation: aggregates only, never a person."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="state_role"
    )
    role = models.CharField(_("role"), max_length=20, choices=StateRoleKind.choices)

    class Meta:
        verbose_name = _("statewide role")
        verbose_name_plural = _("statewide roles")

    def __str__(self) -> str:
        return self.get_role_display()


class AuditEvent(models.Model):
    """Append-only: who did what to which object. Never a personal value.

    Database triggers (see migration 0002) refuse UPDATE and DELETE.
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("login")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOGOUT = "logout", _("logout")
        VIEW = "view", _("view")
        LIST = "list", _("list")
        CREATE = "create", _("create")
        UPDATE = "update", _("update")
        DELETE = "delete", _("delete")
        EXPORT = "export", _("export")
        IMPORT = "import", _("import")
        DISCLOSE = "disclose", _("disclosure to another organisation")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("success")
        DENIED = "denied", _("denied")
        FAILED = "failed", _("failed")

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    alliance = models.ForeignKey(
        Alliance, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=50, blank=True)
    object_id = models.UUIDField(_("object"), null=True, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    consent_id = models.UUIDField(_("consent"), null=True, blank=True)
    request_id = models.CharField(_("request"), max_length=36, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["alliance", "-at"], name="audit_alliance_at"),
            # The accesses to one person and the log's person filter (object ids of a person).
            models.Index(fields=["object_id", "-at"], name="audit_object_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}"


class SavedFilter(UUIDModel):
    """A user's named set of filter values of one list (e.g. the caseload list), kept on the
    server: the values may hold a typed name, which must never travel in a URL."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters"
    )
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    list_name = models.CharField(_("list"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    # Filter field name → value (strings only); the list's FilterSet validates them again
    # when the filter is applied, so a stale or tampered value cannot widen a query.
    query = models.JSONField(_("filter values"), default=dict)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "alliance", "list_name", "name"], name="saved_filter_name_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class EnrolmentCode(models.Model):
    """A one-time code that lets a user set up the second factor. The password alone must
    not be enough: whoever has it could otherwise bind their own authenticator app. The code
    comes through a second channel (e-mail to the address the administration registered, or
    from an administrator); only its keyed hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_codes"
    )
    code_hash = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enrolment code")
        verbose_name_plural = _("enrolment codes")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class ExportJob(UUIDModel):
    """A large export written by the task worker: the list's request is replayed there under
    the user's access (`core.export_jobs`), so the file holds exactly what the page would
    have sent. The file is the user's alone and is deleted after EXPORT_KEEP_HOURS."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being written")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Alliance lists only: the job's page sits under the alliance, behind its checks.
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    list_name = models.CharField(_("list"), max_length=60)
    title = models.CharField(_("title"), max_length=120)
    fmt = models.CharField(_("format"), max_length=4)
    # The list's address and its form values: they may hold a typed name, so they stay in
    # this row (never in a URL or log line) and go with the file.
    path = models.CharField(max_length=300)
    method = models.CharField(max_length=4, default="GET")
    params = models.TextField(blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    expected = models.PositiveIntegerField(_("expected rows"), default=0)
    written = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.written * 100 // self.expected) if self.expected else 0
