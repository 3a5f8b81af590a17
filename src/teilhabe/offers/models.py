"""The offer catalogue: what the alliance's organisations offer, and who may take part.

Eligibility is stored as data (age range, residence statuses, legal domain, minimum CEFR
level) so matching and the gap analysis can explain *which* rule excludes a person.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel
from teilhabe.people.models import CefrLevel, LegalDomain


class Category(models.TextChoices):
    """Built-in offer categories; the keys are also the careers_check categories."""

    LANGUAGE_COURSE = "language_course", _("Language course")
    INTEGRATION_COURSE = "integration_course", _("Integration course")
    VOCATIONAL_ORIENTATION = "vocational_orientation", _("Vocational orientation")
    PRE_VOCATIONAL_TRAINING = (
        "pre_vocational_training",
        _("Pre-vocational training / Einstiegsqualifizierung"),
    )
    SCHOOL_CERTIFICATE_COURSE = "school_certificate_course", _("School-certificate course")
    TRAINING_SUPPORT = "training_support", _("Training support (e.g. assisted training)")
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training place")
    INTERNSHIP = "internship", _("Internship")
    JOB_PLACEMENT = "job_placement", _("Job placement")
    MENTORING = "mentoring", _("Mentoring")
    TUTORING = "tutoring", _("Tutoring (Nachhilfe)")
    HOUSING_HELP = "housing_help", _("Housing help")
    MOBILITY_HELP = "mobility_help", _("Mobility help")
    COUNSELLING = "counselling", _("Counselling")


# Which default field of action (alliances.FieldOfAction.key) an offer category serves;
# the gap analysis puts needs and places side by side through it.
CATEGORY_FIELD: dict[str, str] = {
    Category.LANGUAGE_COURSE: "education_language",
    Category.INTEGRATION_COURSE: "education_language",
    Category.SCHOOL_CERTIFICATE_COURSE: "education_language",
    Category.TUTORING: "education_language",
    Category.VOCATIONAL_ORIENTATION: "work_training",
    Category.PRE_VOCATIONAL_TRAINING: "work_training",
    Category.TRAINING_SUPPORT: "work_training",
    Category.VOCATIONAL_TRAINING: "work_training",
    Category.INTERNSHIP: "work_training",
    Category.JOB_PLACEMENT: "work_training",
    Category.MENTORING: "social_participation",
    Category.HOUSING_HELP: "housing",
    Category.MOBILITY_HELP: "mobility",
    Category.COUNSELLING: "residence_bureaucracy",
}


# The categories that are employment in the sense of the residence law; the provider form
# proposes "requires permission to work" for them.
WORK_CATEGORIES = frozenset(
    {
        Category.PRE_VOCATIONAL_TRAINING,
        Category.VOCATIONAL_TRAINING,
        Category.INTERNSHIP,
        Category.JOB_PLACEMENT,
    }
)


class CustomCategory(UUIDModel):
    """An alliance's own offer category (the built-in list is extendable per alliance)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    field_of_action = models.ForeignKey(
        "alliances.FieldOfAction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field of action"),
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["name"]
        verbose_name = _("offer category")
        verbose_name_plural = _("offer categories")
        constraints = [
            models.UniqueConstraint(fields=["alliance", "key"], name="offer_category_unique_key"),
        ]

    def __str__(self) -> str:
        return self.name


class Offer(UUIDModel):
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="offers", verbose_name=_("provider")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # A built-in Category key or the key of one of the alliance's CustomCategory rows.
    category = models.CharField(_("category"), max_length=40)
    target_level = models.CharField(
        _("target level (CEFR)"), max_length=6, choices=CefrLevel.choices, blank=True
    )
    # None: no fixed number of places (e.g. counselling).
    places = models.PositiveIntegerField(_("places"), null=True, blank=True)
    free_places = models.PositiveIntegerField(_("free places"), null=True, blank=True)
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    gemeinde = models.ForeignKey(
        "municipalities.Gemeinde",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("location (municipality)"),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    public_transport = models.BooleanField(_("reachable by public transport"), default=True)
    costs = models.CharField(_("costs"), max_length=200, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    # A business contact of the provider, not personal data of a young person.
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    # Eligibility: empty values mean "no restriction".
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    allowed_statuses = models.JSONField(_("allowed residence statuses"), default=list, blank=True)
    required_legal_domain = models.CharField(
        _("required legal domain"), max_length=10, choices=LegalDomain.choices, blank=True
    )
    min_cefr_level = models.CharField(
        _("minimum German level (CEFR)"), max_length=6, choices=CefrLevel.choices, blank=True
    )
    # Internships, EQ, training and jobs are employment: a person whose residence document
    # forbids work, or allows it only with a permission for this provider, is excluded.
    requires_work_permission = models.BooleanField(_("requires permission to work"), default=False)
    other_requirements = models.TextField(_("other requirements"), blank=True)
    is_active = models.BooleanField(_("open for referrals"), default=True)
    version = models.PositiveIntegerField(default=1)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["title"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [models.Index(fields=["alliance", "category"], name="offer_alliance_category")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(free_places__isnull=True)
                | models.Q(places__isnull=False, free_places__lte=models.F("places")),
                name="offer_free_places_within_places",
            ),
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(min_age__lte=models.F("max_age")),
                name="offer_age_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class WaitingListEntry(UUIDModel):
    """A person waiting for a place in an offer: the queue the provider or the coordinator
    allocates freed places from (`trajectories.waiting.waiting_list_allocate`).

    `position` orders the queue (lower first; gaps are fine, the rank shown is counted);
    `closed_on` is the day the wait ended (allocated or withdrawn), so the recorded wait is
    `since`–`closed_on` (or today while waiting). The participation lives in trajectories,
    which imports this app: named by its label here, never imported.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        ALLOCATED = "allocated", _("place allocated")
        WITHDRAWN = "withdrawn", _("withdrawn")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, related_name="waiting_list", verbose_name=_("offer")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="waiting_list_entries"
    )
    since = models.DateField(_("waiting since"))
    priority_note = models.CharField(_("priority note"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position in the queue"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    closed_on = models.DateField(_("wait ended on"), null=True, blank=True)
    participation = models.ForeignKey(
        "trajectories.Participation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("allocated participation"),
    )
    # The case management that put the person on the queue.
    added_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["position", "created_at"]
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting-list entries")
        indexes = [
            models.Index(fields=["offer", "status", "position"], name="waiting_offer_queue"),
            models.Index(fields=["alliance", "person"], name="waiting_alliance_person"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "person"],
                condition=models.Q(status="waiting"),
                name="waiting_once_per_offer",
            ),
            models.UniqueConstraint(fields=["offer", "position"], name="waiting_position_unique"),
            models.CheckConstraint(
                condition=models.Q(status="waiting", closed_on__isnull=True)
                | (~models.Q(status="waiting") & models.Q(closed_on__isnull=False)),
                name="waiting_closed_iff_not_waiting",
            ),
        ]
