"""Writes of a move to another alliance: send (the sender's case manager, with the
person's new consent), accept or decline (a case manager of the receiving
Teilhabemanagement). Acceptance is one of the few writes across two alliances: it reads
the sender's person and writes the receiver's copy in one transaction, with both alliances
in scope (docs/scaling.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from teilhabe.casework.cases import open_case
from teilhabe.casework.models import ClosureReason, Consent
from teilhabe.casework.work.services import case_close
from teilhabe.core.audit import audit_record
from teilhabe.core.events import relocation_sent
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.roles import Principal
from teilhabe.people.access import PersonAccess
from teilhabe.people.models import Person
from teilhabe.relocation.copying import MASTER_DATA, TRANSFERABLE, copy_person
from teilhabe.relocation.models import Relocation


def check_categories(categories: Sequence[str]) -> list[str]:
    """What a relocation passes on: transferable categories, the master data among them."""
    chosen = [c for c in TRANSFERABLE if c in set(categories)]
    if set(categories) - set(TRANSFERABLE):
        raise ValidationError({"categories": [_("Choose categories from the list.")]})
    if MASTER_DATA not in chosen:
        raise ValidationError(
            {"categories": [_("The master data are always passed on: the new record needs them.")]}
        )
    return chosen


def receiving_offices(access: PersonAccess) -> QuerySet[Organisation]:
    """The Teilhabemanagement offices of the other alliances, by name (not personal)."""
    return (
        Organisation.objects.filter(kind=Organisation.Kind.TEILHABEMANAGEMENT)
        .exclude(alliance_id=access.person.alliance_id)
        .select_related("alliance")
        .order_by("alliance__name", "name")
    )


@transaction.atomic
def relocation_send(
    *,
    access: PersonAccess,
    to_organisation: Organisation,
    categories: Sequence[str],
    today: dt.date | None = None,
) -> Relocation:
    """Start the handover: record the person's consent naming the receiving office and the
    categories, and the relocation awaiting its answer."""
    if not access.is_owner:
        raise PermissionDenied
    today = today or timezone.localdate()
    person = access.person
    if (
        to_organisation.kind != Organisation.Kind.TEILHABEMANAGEMENT
        or to_organisation.alliance_id == person.alliance_id
    ):
        raise ValidationError(
            {"to_organisation": [_("Choose the Teilhabemanagement of another alliance.")]}
        )
    chosen = check_categories(categories)
    if Relocation.objects.filter(person=person, status=Relocation.Status.REQUESTED).exists():
        raise ValidationError(_("A handover of this person is already awaiting an answer."))
    user = access.principal.user
    consent = Consent.objects.create(
        alliance_id=person.alliance_id,
        person=person,
        organisation=access.organisation,
        purpose=Consent.Purpose.RELOCATION,
        categories=chosen,
        valid_from=today,
        recorded_by=user if user.pk else None,
    )
    # The one recipient outside the alliance a consent may name (consent_record refuses it).
    consent.recipients.set([to_organisation], through_defaults={"alliance_id": person.alliance_id})
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=user,
        alliance=person.alliance,
        organisation=access.organisation,
        obj=consent,
    )
    relocation = Relocation.objects.create(
        alliance_id=person.alliance_id,
        organisation=access.organisation,
        person=person,
        consent=consent,
        to_alliance_id=to_organisation.alliance_id,
        to_organisation=to_organisation,
        sent_on=today,
        sent_by=user if user.pk else None,
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=user,
        alliance=person.alliance,
        organisation=access.organisation,
        obj=relocation,
    )
    relocation_sent.send(sender=Relocation, instance=relocation)
    return relocation


def _require_receiver(principal: Principal, relocation: Relocation) -> None:
    if relocation.status != Relocation.Status.REQUESTED:
        raise ValidationError(_("This handover has already been answered."))
    if not any(
        m.organisation_id == relocation.to_organisation_id
        for m in principal.case_manager_memberships()
    ):
        raise PermissionDenied


def _answer(principal: Principal, relocation: Relocation, status: str, today: dt.date) -> None:
    relocation.status = status
    relocation.answered_on = today
    relocation.answered_by = principal.user if principal.user.pk else None  # type: ignore[assignment]
    relocation.save(update_fields=["status", "answered_on", "answered_by", "created_person_id"])
    # Recorded in the sending alliance, under the receiving office that answered.
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=principal.user,
        alliance=relocation.alliance,
        organisation=relocation.to_organisation,
        obj=relocation,
    )


@transaction.atomic
def relocation_accept(
    *, principal: Principal, relocation: Relocation, today: dt.date | None = None
) -> Person:
    """Take the person over: the receiver's new person with the consented categories, the
    disclosure recorded for the sender's Art. 15 answer, the sender's case closed."""
    _require_receiver(principal, relocation)
    today = today or timezone.localdate()
    with scope(alliance=[relocation.alliance_id, relocation.to_alliance_id]):
        consent = relocation.consent
        if not consent.is_active(today):
            raise ValidationError(_("The person's consent to the handover is no longer valid."))
        copy = copy_person(relocation, principal=principal, today=today)
        relocation.created_person_id = copy.pk
        _answer(principal, relocation, Relocation.Status.ACCEPTED, today)
        # The copy is a disclosure of the sender's person to the receiving office.
        audit_record(
            action=AuditEvent.Action.DISCLOSE,
            actor=principal.user,
            alliance=relocation.alliance,
            organisation=relocation.to_organisation,
            obj=relocation.person,
            consent_id=consent.pk,
        )
        case = open_case(relocation.person)
        if case is not None:
            case_close(
                case=case,
                actor=relocation.sent_by or AnonymousUser(),
                organisation=relocation.organisation,
                reason=ClosureReason.MOVED_HANDED_OVER,
                closed_on=max(today, case.opened_on),
                follow_up_on=None,
                version=case.version,
            )
    return copy


@transaction.atomic
def relocation_decline(
    *, principal: Principal, relocation: Relocation, today: dt.date | None = None
) -> Relocation:
    """Decline: nothing is copied; the sender's case stays open."""
    _require_receiver(principal, relocation)
    _answer(principal, relocation, Relocation.Status.DECLINED, today or timezone.localdate())
    return relocation


def relocation_preview_record(*, principal: Principal, relocation: Relocation) -> None:
    """The receiver read the consented summary: a disclosure of the sender's person."""
    audit_record(
        action=AuditEvent.Action.DISCLOSE,
        actor=principal.user,
        alliance=relocation.alliance,
        organisation=relocation.to_organisation,
        obj=relocation.person,
        consent_id=relocation.consent_id,
    )
