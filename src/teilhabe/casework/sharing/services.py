"""Writes of the sharing area: consents, their evidence, referrals and their answers.

Every function is keyword-only, atomic, validates with full_clean(), checks that related
objects belong to the person's alliance and writes its audit event in the same transaction.
The caller passes the PersonAccess it obtained from people.access, so a service cannot be
reached without the access check; the service then checks the side it acts for.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.casework.models import Case, Consent, DataCategory, Referral
from teilhabe.casework.sharing.pdf import ConsentScope, render_consent_form
from teilhabe.casework.sharing.selectors import ACTIVE, consent_status
from teilhabe.core import events
from teilhabe.core.audit import audit_event, audit_record, audit_record_many
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.plausible import check_plausible
from teilhabe.core.roles import Principal
from teilhabe.core.uploads import clean_document
from teilhabe.people.access import NEVER_FOR_IMMIGRATION_OFFICE, PersonAccess

CONSENT_CATEGORIES = {c.value for c in DataCategory}


def _require_owner(access: PersonAccess) -> None:
    if not access.is_owner:
        raise PermissionError("only the owning organisation's case managers may do this")


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _check_categories(categories: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(categories))
    unknown = set(chosen) - CONSENT_CATEGORIES
    if unknown:
        raise ValidationError(_("Unknown data category."), code="category")
    if not chosen:
        raise ValidationError(_("Choose at least one data category."), code="category")
    return chosen


def _store_evidence(consent: Consent, upload: UploadedFile) -> None:
    cleaned = clean_document(upload)
    old = consent.evidence.name if consent.evidence else ""
    stored = cleaned.as_file()
    consent.evidence.save(stored.name or "", stored, save=False)
    if old:
        storage = consent.evidence.storage
        # The replaced file goes only once the new one is committed.
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def consent_record(
    *,
    access: PersonAccess,
    recipients: Sequence[Organisation],
    purpose: str,
    purpose_detail: str = "",
    categories: Sequence[str],
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    evidence: UploadedFile | None = None,
) -> Consent:
    """Record a consent the person gave to the owning organisation."""
    _require_owner(access)
    check_plausible(purpose_detail=purpose_detail, valid_from=valid_from, valid_until=valid_until)
    person = access.person
    chosen = _check_categories(categories)
    if not recipients:
        raise ValidationError(_("Choose at least one recipient."), code="recipients")
    for org in recipients:
        if org.alliance_id != person.alliance_id:
            raise ValidationError(_("A recipient is not part of this alliance."), code="alliance")
        if org.pk == access.organisation.pk:
            raise ValidationError(
                _("Your own organisation needs no consent to see its own persons."),
                code="recipients",
            )
    if valid_until is not None and valid_until < valid_from:
        raise ValidationError(_("The end of validity lies before its start."), code="period")
    consent = Consent(
        alliance_id=person.alliance_id,
        person=person,
        organisation=access.organisation,
        purpose=purpose,
        purpose_detail=purpose_detail.strip(),
        categories=chosen,
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=access.principal.user if access.principal.user.pk else None,
    )
    if evidence is not None:
        _store_evidence(consent, evidence)
    consent.full_clean()
    consent.save()
    consent.recipients.set(recipients, through_defaults={"alliance_id": consent.alliance_id})
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=access.principal.user,
        alliance=person.alliance,
        organisation=access.organisation,
        obj=consent,
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    access: PersonAccess,
    consent: Consent,
    withdrawn_on: dt.date,
    today: dt.date | None = None,
) -> Consent:
    """The person withdraws the consent: access ends from that day on. Referrals still
    waiting for an answer under it are withdrawn with it."""
    _require_owner(access)
    if consent.person_id != access.person.pk or consent.organisation_id != access.organisation.pk:
        raise PermissionError("consent of another person or organisation")
    check_plausible(withdrawn_on=withdrawn_on)
    today = _today(today)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent has already been withdrawn."), code="withdrawn")
    if withdrawn_on > today:
        raise ValidationError(_("A withdrawal cannot be dated in the future."), code="future")
    # Optimistic: only a consent that is still not withdrawn is updated.
    changed = Consent.objects.filter(pk=consent.pk, withdrawn_on__isnull=True).update(
        withdrawn_on=withdrawn_on, updated_at=timezone.now()
    )
    if not changed:
        raise ValidationError(_("This consent has already been withdrawn."), code="withdrawn")
    consent.withdrawn_on = withdrawn_on
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=access.principal.user,
        alliance=access.person.alliance,
        organisation=access.organisation,
        obj=consent,
        purpose="withdrawal",
    )
    pending = list(Referral.objects.filter(consent=consent, status=Referral.Status.SENT))
    for referral in pending:
        Referral.objects.filter(pk=referral.pk).update(
            status=Referral.Status.WITHDRAWN, updated_at=timezone.now()
        )
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=access.principal.user,
            alliance=access.person.alliance,
            organisation=access.organisation,
            obj=referral,
            purpose="withdrawn with its consent",
        )
    return consent


@transaction.atomic
def consent_evidence_attach(
    *, access: PersonAccess, consent: Consent, upload: UploadedFile
) -> Consent:
    """Store the signed form (PDF or image) privately under a random name."""
    _require_owner(access)
    if consent.person_id != access.person.pk or consent.organisation_id != access.organisation.pk:
        raise PermissionError("consent of another person or organisation")
    _store_evidence(consent, upload)
    consent.full_clean()
    consent.save(update_fields=["evidence", "updated_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=access.principal.user,
        alliance=access.person.alliance,
        organisation=access.organisation,
        obj=consent,
        purpose="evidence",
    )
    return consent


def consent_evidence_download_record(*, access: PersonAccess, consent: Consent) -> None:
    """A download of the signed form leaves the system: audited as an export."""
    _require_owner(access)
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=access.principal.user,
        alliance=access.person.alliance,
        organisation=access.organisation,
        obj=consent,
        purpose="evidence",
    )


@transaction.atomic
def consent_form_export(
    *, access: PersonAccess, scope: ConsentScope, consent: Consent | None = None
) -> bytes:
    """Render the printable consent form and audit the export."""
    _require_owner(access)
    pdf = render_consent_form(scope)
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=access.principal.user,
        alliance=access.person.alliance,
        organisation=access.organisation,
        obj=consent if consent is not None else access.person,
        purpose="consent form",
    )
    return pdf


# Referrals -----------------------------------------------------------------------------


@transaction.atomic
def referral_send(
    *,
    access: PersonAccess,
    case: Case,
    consent: Consent,
    to_organisation: Organisation,
    purpose: str,
    categories: Sequence[str],
    today: dt.date | None = None,
) -> Referral:
    """Refer the person to a partner organisation under a consent that covers it."""
    _require_owner(access)
    person = access.person
    chosen = _check_categories(categories)
    if case.person_id != person.pk or case.alliance_id != person.alliance_id:
        raise ValidationError(_("The case belongs to another person."), code="case")
    if case.status != Case.Status.OPEN:
        raise ValidationError(_("Only an open case can be referred."), code="case")
    if to_organisation.alliance_id != person.alliance_id:
        raise ValidationError(_("The receiver is not part of this alliance."), code="alliance")
    if to_organisation.pk == access.organisation.pk:
        raise ValidationError(_("A referral goes to another organisation."), code="receiver")
    if consent.person_id != person.pk or consent.alliance_id != person.alliance_id:
        raise ValidationError(_("The consent belongs to another person."), code="consent")
    if consent_status(consent, _today(today)) != ACTIVE:
        raise ValidationError(_("The consent is not active."), code="consent_inactive")
    if not consent.recipients.filter(pk=to_organisation.pk).exists():
        raise ValidationError(
            _("The consent does not name the receiving organisation."), code="consent_recipient"
        )
    if to_organisation.is_immigration_office and set(chosen) & NEVER_FOR_IMMIGRATION_OFFICE:
        raise ValidationError(
            _(
                "The immigration office never receives needs or the individual plan, "
                "whatever a consent says. Remove these categories."
            ),
            code="immigration_office",
        )
    missing = [c for c in chosen if c not in consent.categories]
    if missing:
        labels = ", ".join(f"„{DataCategory(c).label}“" for c in missing)
        raise ValidationError(
            {
                "categories": ValidationError(
                    _("The consent does not cover %(categories)s.") % {"categories": labels},
                    code="categories",
                )
            }
        )
    if DataCategory.MASTER_DATA not in chosen:
        raise ValidationError(
            _("A referral needs the master data, so that the receiver knows the person."),
            code="master_data",
        )
    referral = Referral(
        alliance_id=person.alliance_id,
        case=case,
        from_organisation=access.organisation,
        to_organisation=to_organisation,
        consent=consent,
        purpose=purpose.strip(),
        categories=chosen,
        status=Referral.Status.SENT,
        sent_by=access.principal.user if access.principal.user.pk else None,
    )
    referral.full_clean()
    referral.save()
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=access.principal.user,
        alliance=person.alliance,
        organisation=access.organisation,
        obj=referral,
        consent_id=consent.pk,
    )
    events.referral_sent.send(sender=Referral, instance=referral)
    return referral


def _require_receiver(access: PersonAccess, referral: Referral) -> None:
    if access.is_owner or access.organisation.pk != referral.to_organisation_id:
        raise PermissionError("only the receiving organisation answers a referral")
    if referral.case.person_id != access.person.pk:
        raise PermissionError("referral of another person")


def _transition(
    *,
    access: PersonAccess,
    referral: Referral,
    allowed_from: Sequence[str],
    fields: dict[str, object],
    purpose: str,
) -> Referral:
    """Move a referral on, only from the status the caller saw (no silent overwrite)."""
    if referral.status not in allowed_from:
        raise ValidationError(
            _("This referral cannot be changed in its current status."), code="status"
        )
    candidate = copy.copy(referral)
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.full_clean()
    changed = Referral.objects.filter(pk=referral.pk, status=referral.status).update(
        **fields, updated_at=timezone.now()
    )
    if not changed:
        raise ValidationError(
            _("The referral was changed by someone else meanwhile — please reload."),
            code="stale",
        )
    for name, value in fields.items():
        setattr(referral, name, value)
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=access.principal.user,
        alliance=access.person.alliance,
        organisation=access.organisation,
        obj=referral,
        purpose=purpose,
        consent_id=referral.consent_id,
    )
    return referral


@transaction.atomic
def referral_accept(
    *, access: PersonAccess, referral: Referral, today: dt.date | None = None
) -> Referral:
    _require_receiver(access, referral)
    referral = _transition(
        access=access,
        referral=referral,
        allowed_from=[Referral.Status.SENT],
        fields={"status": Referral.Status.ACCEPTED, "answered_on": _today(today)},
        purpose="accepted",
    )
    events.referral_answered.send(sender=Referral, instance=referral)
    return referral


@transaction.atomic
def referral_decline(
    *, access: PersonAccess, referral: Referral, reason: str, today: dt.date | None = None
) -> Referral:
    _require_receiver(access, referral)
    if not reason.strip():
        raise ValidationError(_("Please give a reason for declining."), code="reason")
    referral = _transition(
        access=access,
        referral=referral,
        allowed_from=[Referral.Status.SENT],
        fields={
            "status": Referral.Status.DECLINED,
            "decline_reason": reason.strip(),
            "answered_on": _today(today),
        },
        purpose="declined",
    )
    events.referral_answered.send(sender=Referral, instance=referral)
    return referral


# "Support started" keeps the referral open; the other outcomes complete it.
OPEN_OUTCOMES = {Referral.Outcome.STARTED}


@transaction.atomic
def referral_record_outcome(*, access: PersonAccess, referral: Referral, outcome: str) -> Referral:
    _require_receiver(access, referral)
    if outcome not in Referral.Outcome.values:
        raise ValidationError(_("Unknown outcome."), code="outcome")
    status = Referral.Status.ACCEPTED if outcome in OPEN_OUTCOMES else Referral.Status.COMPLETED
    return _transition(
        access=access,
        referral=referral,
        allowed_from=[Referral.Status.ACCEPTED],
        fields={"status": status, "outcome": outcome},
        purpose="outcome",
    )


@transaction.atomic
def referral_withdraw(*, access: PersonAccess, referral: Referral) -> Referral:
    """The sender takes the referral back while it is still unanswered."""
    _require_owner(access)
    if referral.from_organisation_id != access.organisation.pk:
        raise PermissionError("only the sending organisation withdraws a referral")
    return _transition(
        access=access,
        referral=referral,
        allowed_from=[Referral.Status.SENT],
        fields={"status": Referral.Status.WITHDRAWN},
        purpose="withdrawn",
    )


@transaction.atomic
def referral_answer_seen(
    *, access: PersonAccess, referral: Referral, today: dt.date | None = None
) -> Referral:
    """The sender has taken note of the partner's answer: it is no longer new on the
    worklist (no status change, so not a transition)."""
    _require_owner(access)
    if referral.from_organisation_id != access.organisation.pk or referral.answered_on is None:
        raise PermissionError("only the sender takes note of an answer")
    referral.answer_seen_on = _today(today)
    referral.save(update_fields=["answer_seen_on", "updated_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=access.principal.user,
        alliance=access.person.alliance,
        organisation=access.organisation,
        obj=referral,
        purpose="answer seen",
    )
    return referral


def referral_inbox_disclosures_record(
    *,
    principal: Principal,
    shown: Iterable[tuple[Organisation, object, Sequence[Consent]]],
    purpose: str = "referral list",
) -> None:
    """A list that shows partners who their referred persons are discloses those persons:
    one event per person and consent relied on, like person_view_record, all written in
    one INSERT (a list or an export costs one statement, whatever its length)."""
    audit_record_many(
        [
            audit_event(
                action=AuditEvent.Action.DISCLOSE,
                actor=principal.user,
                alliance=principal.alliance,
                organisation=organisation,
                object_type="people.person",
                object_id=person_id,  # type: ignore[arg-type]
                consent_id=consent.pk,
                purpose=purpose,
            )
            for organisation, person_id, consents in shown
            for consent in consents
        ]
    )
