"""Consent (Einwilligung / Schweigepflichtentbindung) as data, not a checkbox.

It names recipients, purpose and data categories, runs from/until, carries its evidence
and can be withdrawn; expiry or withdrawal ends access at once (see people.access).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel
from teilhabe.people.models import Person


class DataCategory(models.TextChoices):
    """What a consent may cover. Counselling notes are deliberately not a category."""

    MASTER_DATA = "master_data", _("master data")
    RESIDENCE_STATUS = "residence_status", _("residence status")
    EDUCATION = "education", _("education and languages")
    NEEDS = "needs", _("needs")
    PLAN = "plan", _("individual plan")
    PARTICIPATIONS = "participations", _("participations")
    # The person's uploaded documents (Duldung scan, certificates, decisions): the files.
    DOCUMENTS = "documents", _("documents")
    # Permits a mentoring pair with a volunteer of the named organisation; opens none of
    # the person page's sections (see people.access.accompaniment_for).
    ACCOMPANIMENT = "accompaniment", _("accompaniment by volunteers")


class Consent(UUIDModel):
    class Purpose(models.TextChoices):
        REFERRAL = "referral", _("referral to an offer or service")
        JOINT_PLANNING = "joint_planning", _("joint planning of support")
        BENEFITS = "benefits", _("examination of benefits and measures")
        RESIDENCE = "residence", _("residence-law perspective (e.g. training toleration)")
        RELOCATION = "relocation", _("handover after a move to another alliance")
        OTHER = "other", _("other")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    # The organisation that obtained the consent (the transmitting controller).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    recipients = models.ManyToManyField(
        Organisation,
        through="ConsentRecipient",
        related_name="consents_received",
        verbose_name=_("recipients"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    purpose_detail = models.CharField(_("purpose in detail"), max_length=300, blank=True)
    # A subset of DataCategory values.
    categories = models.JSONField(_("data categories"), default=list)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    evidence = models.FileField(_("signed form"), upload_to="consents/%Y/", blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-valid_from", "-created_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.valid_from:%d.%m.%Y}"

    def is_active(self, today: dt.date) -> bool:
        if self.withdrawn_on is not None and self.withdrawn_on <= today:
            return False
        if self.valid_from > today:
            return False
        return self.valid_until is None or self.valid_until >= today


class ConsentRecipient(models.Model):
    """A recipient named by a consent. An explicit row with the alliance (it was Django's
    automatic link table): scoped like every table that belongs to a person, and
    distributable with its consent on Citus (docs/scaling.md). Set it with
    `consent.recipients.set(orgs, through_defaults={"alliance_id": consent.alliance_id})`."""

    id = models.BigAutoField(primary_key=True)
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="recipient_links")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(alliance="alliance")

    class Meta:
        db_table = "casework_consent_recipients"
        unique_together = [("consent", "organisation")]
        verbose_name = _("consent recipient")
        verbose_name_plural = _("consent recipients")

    def __str__(self) -> str:
        return f"{self.consent_id} → {self.organisation_id}"
