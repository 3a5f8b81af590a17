"""What a partner's lists showed (§ 67d SGB X): one row per request of a list, search, API
list or export that showed persons shared by consent, and one per person shown."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation


class ListSurface(models.TextChoices):
    LIST = "list", _("person list")
    SEARCH = "search", _("person search")
    EXPORT = "export", _("table export")
    API_LIST = "api_list", _("API person list")
    API_SEARCH = "api_search", _("API person search")


class ListDisclosure(models.Model):
    """One request of a partner's list, search, API list or export that showed persons
    shared with it by consent (§ 67d SGB X): one row per request, its persons and
    consents in `ListDisclosureEntry`, so the Art. 15 answer names the real recipients
    without a flood of events. Append-only in the database, like the audit log; it holds
    identifiers only (plain UUIDs, so rows outlive the persons they name, as in the log)."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    surface = models.CharField(_("where"), max_length=12, choices=ListSurface.choices)
    request_id = models.CharField(_("request"), max_length=36, blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("list disclosure")
        verbose_name_plural = _("list disclosures")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.surface}"


class ListDisclosureEntry(models.Model):
    """A person a list disclosure showed, the receiving organisation and the consent."""

    id = models.BigAutoField(primary_key=True)
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    disclosure = models.ForeignKey(ListDisclosure, on_delete=models.PROTECT, related_name="entries")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person_id = models.UUIDField(_("person"))
    consent_id = models.UUIDField(_("consent"))

    objects = ScopedManager(alliance="alliance")

    class Meta:
        verbose_name = _("listed person")
        verbose_name_plural = _("listed persons")
        indexes = [models.Index(fields=["person_id"], name="list_disclosure_person")]

    def __str__(self) -> str:
        return str(self.person_id)
