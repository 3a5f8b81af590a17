"""Persons of the target group: master data, languages, residence-status history, profile."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.latest import LatestFlagged, LatestManager, LatestRule
from teilhabe.core.models import Alliance, Organisation, UUIDModel
from teilhabe.municipalities.models import Gemeinde, Kreis
from teilhabe.people.domain_models import (  # re-exported: one import place for the app
    InterpreterNeed as InterpreterNeed,
)
from teilhabe.people.domain_models import (
    LegalDomain as LegalDomain,
)
from teilhabe.people.domain_models import (
    LegalDomainPeriod as LegalDomainPeriod,
)


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    DIVERSE = "diverse", _("diverse")
    UNSPECIFIED = "unspecified", _("not specified")


class Person(UUIDModel):
    """A young adult of the target group, owned by one organisation (its controller)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("responsible organisation"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case manager"),
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex/gender"), max_length=12, choices=Sex.choices)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    residence = models.ForeignKey(
        Gemeinde,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place of residence"),
    )
    arrival_date = models.DateField(_("arrival in Germany"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Transliteration-tolerant keys of the names (see people.intake.duplicates.search_key),
    # written by the services on every name change: the name search and the duplicate
    # warning match spelling variants in the database instead of in Python.
    search_key = models.CharField(max_length=600, blank=True, editable=False)
    # Optimistic concurrency: every write names the version it read (see services).
    version = models.PositiveIntegerField(default=1)
    # Restriction of processing (Art. 18 GDPR / § 84 SGB X): hidden from everyone but the
    # owning organisation's data-protection officer (see people.access).
    restricted = models.BooleanField(_("processing restricted"), default=False)
    restricted_since = models.DateField(_("restricted since"), null=True, blank=True)
    # Set by the retention run: the row keeps only categorical facts for the aggregates.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    # Set when this record was merged into another of the same organisation (see
    # people.merge): an empty tombstone, hidden everywhere (people.access), that keeps the
    # id earlier audit events name and points them to the surviving record.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged into"),
    )
    merged_at = models.DateTimeField(_("merged at"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [
            models.Index(fields=["alliance", "owner", "family_name"], name="person_owner_name"),
            # The duplicate warning looks up the same date of birth across the alliance.
            models.Index(fields=["alliance", "date_of_birth"], name="person_alliance_birth"),
        ]

    def __str__(self) -> str:
        return f"{self.family_name}, {self.given_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class ResidenceStatus(models.TextChoices):
    GESTATTUNG = "gestattung", _("Permission to reside (asylum procedure)")
    TOLERATION = "toleration", _("Toleration (§ 60a AufenthG)")
    TRAINING_TOLERATION = "training_toleration", _("Training toleration (§ 60c AufenthG)")
    EMPLOYMENT_TOLERATION = "employment_toleration", _("Employment toleration (§ 60d AufenthG)")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    P25A = "p25a", _("Residence permit § 25a AufenthG")
    P25B = "p25b", _("Residence permit § 25b AufenthG")
    P104C = "p104c", _("Opportunity residence § 104c AufenthG")
    SETTLEMENT = "settlement", _("Settlement permit")
    EU_OTHER = "eu_other", _("EU / other")
    UNKNOWN = "unknown", _("unknown")


class StatusCondition(models.TextChoices):
    """Nebenbestimmungen of a residence document; the three work codes exclude each other."""

    WORK_FORBIDDEN = "work_forbidden", _("Employment not permitted")
    WORK_NEEDS_PERMISSION = (
        "work_needs_permission",
        _("Employment only with the permission of the immigration office"),
    )
    WORK_PERMITTED = "work_permitted", _("Employment permitted")
    RESIDENCE_OBLIGATION = "residence_obligation", _("Residence obligation (Wohnsitzauflage)")
    TERRITORIAL_RESTRICTION = (
        "territorial_restriction",
        _("Territorial restriction (räumliche Beschränkung)"),
    )


WORK_CONDITIONS = frozenset(
    {
        StatusCondition.WORK_FORBIDDEN,
        StatusCondition.WORK_NEEDS_PERMISSION,
        StatusCondition.WORK_PERMITTED,
    }
)


# The current residence status is the entry with the latest `valid_from`, then the latest
# creation, then the greatest id.
STATUS_ORDER = ("-valid_from", "-created_at", "-id")


class ResidenceStatusEntry(LatestFlagged, UUIDModel):
    """One dated entry of a person's residence-status history.

    The current status is derived (the first entry in `STATUS_ORDER`), never stored on the
    person a second time; the entry flags itself `is_current` (`core.latest`).
    """

    latest_rule = LatestRule(group=("person_id",), order=STATUS_ORDER)

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="status_entries")
    status = models.CharField(_("residence status"), max_length=30, choices=ResidenceStatus.choices)
    legal_basis = models.CharField(_("legal basis (§)"), max_length=40, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    document_seen = models.BooleanField(_("document seen"), default=False)
    # StatusCondition codes (a list keeps them queryable without a join) plus what the
    # document says beyond them.
    conditions = models.JSONField(_("conditions (Nebenbestimmungen)"), default=list, blank=True)
    conditions_note = models.TextField(_("further conditions"), blank=True)
    # Wohnsitzauflage: a municipality or a whole Kreis.
    residence_gemeinde = models.ForeignKey(
        Gemeinde,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("residence obligation: municipality"),
    )
    residence_kreis = models.ForeignKey(
        Kreis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("residence obligation: district"),
    )

    objects = ScopedManager(alliance="alliance", _manager_class=LatestManager)

    class Meta:
        ordering = ["-valid_from", "-created_at"]
        verbose_name = _("residence status entry")
        verbose_name_plural = _("residence status entries")
        indexes = [
            models.Index(fields=["person", "-valid_from"], name="status_person_from"),
            models.Index(fields=["person"], condition=Q(is_current=True), name="status_current"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.valid_from:%d.%m.%Y})"


class CefrLevel(models.TextChoices):
    NONE = "none", _("no knowledge")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("first language")


class PersonLanguage(UUIDModel):
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=3)
    level = models.CharField(_("level (CEFR)"), max_length=6, choices=CefrLevel.choices)
    certified = models.BooleanField(_("certificate"), default=False)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["language"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["person", "language"], name="person_language_once")
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


class Profile(UUIDModel):
    """Schooling, experience, interests and goals, responsible legal domains."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="profile")
    school_years_abroad = models.PositiveSmallIntegerField(
        _("years of school abroad"), null=True, blank=True
    )
    school_years_germany = models.PositiveSmallIntegerField(
        _("years of school in Germany"), null=True, blank=True
    )
    interests = models.TextField(_("interests"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    # The LegalDomain values of the open LegalDomainPeriod rows, derived and written only by
    # people.domains.services; a list keeps the domains queryable without a join.
    legal_domains = models.JSONField(_("responsible legal domains"), default=list, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(_("profile"))


class Certificate(UUIDModel):
    class Level(models.TextChoices):
        NONE = "none", _("no certificate")
        PRIMARY = "primary", _("primary school")
        LOWER_SECONDARY = "lower_secondary", _("lower secondary (e.g. Hauptschulabschluss)")
        MIDDLE = "middle", _("intermediate (e.g. Mittlerer Schulabschluss)")
        UPPER_SECONDARY = "upper_secondary", _("upper secondary (e.g. Abitur)")
        VOCATIONAL = "vocational", _("vocational qualification")
        HIGHER = "higher", _("higher education")
        LANGUAGE = "language", _("language certificate")
        OTHER = "other", _("other")

    class Recognition(models.TextChoices):
        NOT_NEEDED = "not_needed", _("not needed")
        NOT_APPLIED = "not_applied", _("not applied for")
        PENDING = "pending", _("pending")
        FULL = "full", _("recognised")
        PARTIAL = "partial", _("partially recognised")
        REFUSED = "refused", _("not recognised")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="certificates")
    title = models.CharField(_("title"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    recognition = models.CharField(
        _("recognition"),
        max_length=20,
        choices=Recognition.choices,
        default=Recognition.NOT_APPLIED,
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["issued_on", "title"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.title


class Experience(UUIDModel):
    """Vocational experience, work and internships, abroad or here."""

    class Kind(models.TextChoices):
        VOCATIONAL = "vocational", _("vocational experience")
        WORK = "work", _("work")
        INTERNSHIP = "internship", _("internship")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="experiences")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("activity"), max_length=200)
    employer = models.CharField(_("employer / place"), max_length=200, blank=True)
    # The firm in the alliance's directory, where it is one (the text stays the fallback).
    employer_entry = models.ForeignKey(
        "employers.Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiences",
        verbose_name=_("employer from the directory"),
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["started_on", "title"]
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")

    def __str__(self) -> str:
        return self.title

    @property
    def employer_shown(self) -> str:
        """The firm as pages name it: the directory's entry, else the typed text (load
        `employer_entry` with select_related where a list shows it)."""
        entry = self.employer_entry if self.employer_entry_id else None
        return entry.name if entry is not None else self.employer


class PersonMerge(UUIDModel):
    """One merge of two records of an organisation and its complete before-image: which
    rows moved from the absorbed record to the survivor (per relation) and the survivor's
    master data before, so that `person_merge_withdraw` restores both records exactly."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    survivor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    absorbed = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # {"app.model.field": [row ids]}: the rows that moved to the survivor.
    moved = models.JSONField(default=dict)
    # The survivor's master-data values the merge replaced (field -> value before).
    before = models.JSONField(default=dict)
    withdrawn_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("merge of two entries")
        verbose_name_plural = _("merges of two entries")
        indexes = [models.Index(fields=["survivor", "-created_at"], name="merge_survivor")]

    def __str__(self) -> str:
        return f"{self.absorbed_id} -> {self.survivor_id}"


# Kept in their own modules for size; imported here so Django registers them with this app.
from teilhabe.people.disclosure_models import (  # noqa: E402
    ListDisclosure as ListDisclosure,
)
from teilhabe.people.disclosure_models import (  # noqa: E402
    ListDisclosureEntry as ListDisclosureEntry,
)
from teilhabe.people.disclosure_models import ListSurface as ListSurface  # noqa: E402
from teilhabe.people.permits import WorkPermission as WorkPermission  # noqa: E402
