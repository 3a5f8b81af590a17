"""A person's documents (Duldung scan, certificates and their translations, decisions).

The file lives in the private media storage (MEDIA_ROOT, never served by the web server)
under a random name; it leaves only through `documents.views.document_download`, after the
access check of the consent category "documents" and an audit entry. Every upload passed
`core.uploads.clean_document` (type by magic bytes, size, no polyglot or active PDF,
images encoded again without metadata).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, Organisation, UUIDModel
from teilhabe.people.models import Person


def document_path(instance: PersonDocument, filename: str) -> str:
    # `filename` is already random (core.uploads.random_name); the year keeps folders small.
    return f"documents/{instance.uploaded_at:%Y}/{filename}"


class PersonDocument(UUIDModel):
    class Kind(models.TextChoices):
        RESIDENCE = "residence", _("residence document (e.g. Duldung)")
        CERTIFICATE = "certificate", _("school or vocational certificate")
        TRANSLATION = "translation", _("translation")
        DECISION = "decision", _("decision (Bescheid)")
        CV = "cv", _("curriculum vitae")
        APPLICATION = "application", _("application")
        OTHER = "other", _("other document")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    # The organisation that uploaded it (the person's owner at the time).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind of document"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    issuing_body = models.CharField(_("issued by"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200, blank=True)
    content_type = models.CharField(_("file type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("checksum"), max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["person", "-uploaded_at"], name="document_person_idx")]

    def __str__(self) -> str:
        return str(self.pk)
