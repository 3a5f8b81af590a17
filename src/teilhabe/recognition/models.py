"""The recognition procedure of a foreign certificate (Anerkennungsverfahren).

A certificate may go through more than one procedure (a withdrawn application is made
again, or at another body), but only one is open at a time. `people.Certificate.recognition`
stays the summary the lists and the Bildungspass read: the services of this app set it from
the certificate's newest procedure, and the certificate's own edit refuses to change it while
a procedure exists — one truth.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import Alliance, UUIDModel
from teilhabe.people.models import Certificate
from teilhabe.recognition.bodies import BODIES


class DocumentKind(models.TextChoices):
    COPY = "copy", _("certified copy of the certificate")
    TRANSLATION = "translation", _("certified translation")
    CV = "cv", _("curriculum vitae")
    WORK = "work", _("proof of work experience")
    IDENTITY = "identity", _("identity document")
    OTHER = "other", _("other document")


class RecognitionProcedure(UUIDModel):
    class Decision(models.TextChoices):
        PENDING = "pending", _("pending")
        FULL = "full", _("full equivalence")
        PARTIAL = "partial", _("partial equivalence")
        NOT_EQUIVALENT = "not_equivalent", _("not equivalent")
        WITHDRAWN = "withdrawn", _("withdrawn")

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.CASCADE,
        related_name="recognition_procedures",
        verbose_name=_("certificate"),
    )
    body = models.CharField(
        _("competent body"), max_length=30, choices=[(b.key, b.name or b.purpose) for b in BODIES]
    )
    applied_on = models.DateField(_("applied on"))
    # A subset of DocumentKind values (a list: queryable without a join, like legal domains).
    documents = models.JSONField(_("documents submitted"), default=list, blank=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reference_qualification = models.CharField(
        _("German reference qualification"), max_length=200, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["-applied_on", "-created_at"]
        verbose_name = _("recognition procedure")
        verbose_name_plural = _("recognition procedures")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=models.Q(decision="pending"),
                name="recognition_one_open_procedure",
            ),
            models.CheckConstraint(
                condition=models.Q(decision="pending", decided_on__isnull=True)
                | (~models.Q(decision="pending") & models.Q(decided_on__isnull=False)),
                name="recognition_decided_on_with_decision",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_decision_display())

    @property
    def document_labels(self) -> list[str]:
        labels = dict(DocumentKind.choices)
        return [str(labels.get(d, d)) for d in self.documents]
