"""A move to another alliance (Umzug, Umverteilung): the sending case management hands a
person over to the receiving alliance's Teilhabemanagement, with the person's consent.

One row, kept in the sending alliance (its `alliance`): the sender reads it through
`Relocation.objects`, the receiver's inbox through `Relocation.incoming`, which is scoped by
the receiving alliance. The receiver's new person lives in the receiving alliance; the row
names it by id only (`created_person_id`), as a link across alliances cannot be a foreign
key on Citus (docs/scaling.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.casework.models import Consent
from teilhabe.core.models import Alliance, Organisation, UUIDModel
from teilhabe.people.models import Person


class Relocation(UUIDModel):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("awaiting an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("handed over by")
    )
    # The sender's person; the row goes with it when the sender's retention deletes it.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relocations")
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="+")
    to_alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("handed over to")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The receiver's new person (another alliance: an id, not a foreign key).
    created_person_id = models.UUIDField(null=True, blank=True, editable=False)

    objects = ScopedManager(alliance="alliance")
    incoming = ScopedManager(alliance="to_alliance")

    class Meta:
        ordering = ["-sent_on", "-created_at"]
        verbose_name = _("move to another alliance")
        verbose_name_plural = _("moves to another alliance")
        indexes = [
            models.Index(fields=["to_organisation", "status"], name="relocation_inbox"),
            models.Index(fields=["created_person_id"], name="relocation_created_person"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.sent_on:%d.%m.%Y}"
