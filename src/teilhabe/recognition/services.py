"""Writes of a recognition procedure: keyword-only, atomic, audited in the same transaction.

Only the owning organisation's case managers write. Each write also sets the certificate's
recognition summary from its newest procedure (`_summarise`), so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent
from teilhabe.people.access import PersonAccess
from teilhabe.people.models import Certificate
from teilhabe.recognition.bodies import BY_KEY
from teilhabe.recognition.models import DocumentKind, RecognitionProcedure

Decision = RecognitionProcedure.Decision
# The certificate's summary for each state of its newest procedure.
SUMMARY = {
    Decision.PENDING: Certificate.Recognition.PENDING,
    Decision.FULL: Certificate.Recognition.FULL,
    Decision.PARTIAL: Certificate.Recognition.PARTIAL,
    Decision.NOT_EQUIVALENT: Certificate.Recognition.REFUSED,
    Decision.WITHDRAWN: Certificate.Recognition.NOT_APPLIED,
}
FINAL = (Decision.FULL, Decision.PARTIAL, Decision.NOT_EQUIVALENT)


@dataclass(frozen=True)
class ProcedureData:
    body: str
    applied_on: dt.date
    documents: list[str] = field(default_factory=list)
    reference_qualification: str = ""
    note: str = ""


def _owned(access: PersonAccess, certificate: Certificate) -> None:
    if not access.is_owner or certificate.person_id != access.person.pk:
        raise Http404


def _audit(
    access: PersonAccess, action: str, procedure: RecognitionProcedure, purpose: str
) -> None:
    audit_record(
        action=action,
        actor=access.principal.user,
        alliance=access.principal.alliance,
        organisation=access.organisation,
        obj=procedure,
        purpose=purpose,
    )


def _summarise(certificate: Certificate) -> None:
    newest = certificate.recognition_procedures.order_by("-applied_on", "-created_at").first()
    if newest is None:
        return
    summary = SUMMARY[Decision(newest.decision)]
    # Compared in the database: the caller's certificate object may be stale.
    Certificate.objects.filter(pk=certificate.pk).exclude(recognition=summary).update(
        recognition=summary, updated_at=timezone.now()
    )
    certificate.recognition = summary


def _check_dates(
    errors: dict[str, list[str]], applied_on: dt.date, decided_on: dt.date | None
) -> None:
    today = timezone.localdate()
    if applied_on > today:
        errors["applied_on"] = [_("The application date cannot lie in the future.")]
    if decided_on is not None:
        if decided_on > today:
            errors["decided_on"] = [_("The decision date cannot lie in the future.")]
        elif decided_on < applied_on:
            errors["decided_on"] = [_("The decision cannot lie before the application.")]


@transaction.atomic
def recognition_open(
    *, access: PersonAccess, certificate: Certificate, data: ProcedureData
) -> RecognitionProcedure:
    """Records that recognition of the certificate has been applied for."""
    _owned(access, certificate)
    # The row lock makes two simultaneous openings wait for each other (one open procedure).
    Certificate.objects.select_for_update().filter(pk=certificate.pk).first()
    errors: dict[str, list[str]] = {}
    if data.body not in BY_KEY:
        errors["body"] = [_("Choose a body from the list.")]
    if any(d not in DocumentKind.values for d in data.documents):
        errors["documents"] = [_("Choose documents from the list.")]
    _check_dates(errors, data.applied_on, None)
    if certificate.recognition_procedures.filter(decision=Decision.PENDING).exists():
        errors["body"] = [_("A recognition procedure for this certificate is already open.")]
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    procedure = RecognitionProcedure.objects.create(
        alliance_id=certificate.alliance_id,
        certificate=certificate,
        body=data.body,
        applied_on=data.applied_on,
        documents=[d for d in DocumentKind.values if d in data.documents],  # stable order
        reference_qualification=data.reference_qualification,
        note=data.note,
    )
    _summarise(certificate)
    _audit(access, AuditEvent.Action.CREATE, procedure, "recognition opened")
    return procedure


def _open_procedure(access: PersonAccess, procedure: RecognitionProcedure) -> RecognitionProcedure:
    _owned(access, procedure.certificate)
    locked = RecognitionProcedure.objects.select_for_update().get(pk=procedure.pk)
    if locked.decision != Decision.PENDING:
        raise ValidationError(_("This procedure has already been closed."))
    return locked


@transaction.atomic
def recognition_decide(
    *,
    access: PersonAccess,
    procedure: RecognitionProcedure,
    decision: str,
    decided_on: dt.date,
    reference_qualification: str = "",
    note: str = "",
) -> RecognitionProcedure:
    """Records the body's decision (full, partial or no equivalence) and its date."""
    locked = _open_procedure(access, procedure)
    errors: dict[str, list[str]] = {}
    if decision not in FINAL:
        errors["decision"] = [_("Choose a decision from the list.")]
    _check_dates(errors, locked.applied_on, decided_on)
    if decision in (Decision.FULL, Decision.PARTIAL) and not (
        reference_qualification or locked.reference_qualification
    ):
        errors["reference_qualification"] = [
            _("Name the German qualification the certificate was compared with.")
        ]
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    locked.decision, locked.decided_on = decision, decided_on
    if reference_qualification:
        locked.reference_qualification = reference_qualification
    if note:
        locked.note = note
    locked.save()
    _summarise(locked.certificate)
    _audit(access, AuditEvent.Action.UPDATE, locked, "recognition decided")
    return locked


@transaction.atomic
def recognition_withdraw(
    *, access: PersonAccess, procedure: RecognitionProcedure, withdrawn_on: dt.date
) -> RecognitionProcedure:
    """The application was withdrawn before a decision."""
    locked = _open_procedure(access, procedure)
    errors: dict[str, list[str]] = {}
    _check_dates(errors, locked.applied_on, withdrawn_on)
    if errors:
        raise ValidationError({"withdrawn_on": errors["decided_on"]})
    locked.decision, locked.decided_on = Decision.WITHDRAWN, withdrawn_on
    locked.save(update_fields=["decision", "decided_on", "updated_at"])
    _summarise(locked.certificate)
    _audit(access, AuditEvent.Action.UPDATE, locked, "recognition withdrawn")
    return locked
