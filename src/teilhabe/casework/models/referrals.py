"""Referrals to a partner organisation; they travel only under a covering consent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.casework.models.case import Case
from teilhabe.casework.models.consents import Consent
from teilhabe.core.models import Alliance, Organisation, UUIDModel


class Referral(UUIDModel):
    class Status(models.TextChoices):
        SENT = "sent", _("sent")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Outcome(models.TextChoices):
        STARTED = "started", _("support started")
        NOT_STARTED = "not_started", _("support did not start")
        COMPLETED = "completed", _("support completed")
        ABORTED = "aborted", _("support aborted")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("from organisation"),
    )
    to_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("to organisation"),
    )
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("covering consent"),
    )
    # The catalogue offer the person is referred to, when the referral came from matching.
    offer = models.ForeignKey(
        "offers.Offer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("offer"),
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    categories = models.JSONField(_("data categories shared"), default=list)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SENT
    )
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    # When the sender took note of the answer: until then it is "new" on the worklist.
    answer_seen_on = models.DateField(_("answer seen on"), null=True, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.get_status_display()} → {self.to_organisation}"
