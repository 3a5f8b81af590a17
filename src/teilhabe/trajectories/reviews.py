"""Writes of the early-warning workflow: acknowledge, assess and close a finding.

A finding (detection.py) is replaced by every run; its handling lives on FindingReview,
keyed by the finding's fingerprint. Only the owning organisation's case management acts
(`access.is_owner`); anyone else gets a 404 from `_finding`, as for every owner-only read.
States: new (no review) → acknowledged → assessed → closed; assessing may be repeated
until the finding is closed, and closing needs the action taken.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent
from teilhabe.people.access import PersonAccess
from teilhabe.trajectories.models import Finding, FindingReview

Actor = User | AnonymousUser
Status = FindingReview.Status


def finding_of(access: PersonAccess, finding_id: uuid.UUID) -> Finding:
    """The person's finding, for the owning case management only (404 otherwise)."""
    if not access.is_owner:
        raise Http404
    try:
        return Finding.objects.get(pk=finding_id, person=access.person)
    except Finding.DoesNotExist as exc:
        raise Http404 from exc


def _review(access: PersonAccess, finding: Finding) -> tuple[FindingReview, bool]:
    """The finding's review, locked for this transaction; created (state new) if missing."""
    return FindingReview.objects.select_for_update().get_or_create(
        person=access.person,
        fingerprint=finding.fingerprint,
        defaults={
            "alliance": access.person.alliance,
            "organisation": access.organisation,
            "rule": finding.rule,
        },
    )


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _audit(access: PersonAccess, actor: Actor, review: FindingReview, created: bool) -> None:
    audit_record(
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        actor=actor,
        alliance=access.person.alliance,
        organisation=access.organisation,
        obj=review,
    )


def _start(access: PersonAccess, finding_id: uuid.UUID) -> tuple[FindingReview, bool]:
    finding = finding_of(access, finding_id)
    if not finding.fingerprint:
        # Stored before fingerprints existed; the next detection run gives it one.
        raise ValidationError(_("This finding is being checked again. Please reload the page."))
    return _review(access, finding)


@transaction.atomic
def finding_acknowledge(
    *, access: PersonAccess, actor: Actor, finding_id: uuid.UUID
) -> FindingReview:
    review, fresh = _start(access, finding_id)
    if review.status != Status.NEW:
        raise ValidationError(_("This finding has already been acknowledged."))
    review.status = Status.ACKNOWLEDGED
    review.acknowledged_by = _user(actor)
    review.acknowledged_at = timezone.now()
    review.save()
    _audit(access, actor, review, fresh)
    return review


@transaction.atomic
def finding_assess(
    *,
    access: PersonAccess,
    actor: Actor,
    finding_id: uuid.UUID,
    note: str,
    conference_on: dt.date | None = None,
) -> FindingReview:
    review, fresh = _start(access, finding_id)
    if review.status == Status.CLOSED:
        raise ValidationError(_("A closed finding can no longer be assessed."))
    if not note.strip():
        raise ValidationError({"note": _("Write down your assessment.")})
    if review.status == Status.NEW:  # assessing implies having taken note
        review.acknowledged_by = _user(actor)
        review.acknowledged_at = timezone.now()
    review.status = Status.ASSESSED
    review.note = note.strip()
    review.conference_on = conference_on
    review.save()
    _audit(access, actor, review, fresh)
    return review


@transaction.atomic
def finding_close(
    *, access: PersonAccess, actor: Actor, finding_id: uuid.UUID, action_taken: str
) -> FindingReview:
    review, fresh = _start(access, finding_id)
    if review.status == Status.CLOSED:
        raise ValidationError(_("This finding has already been closed."))
    if not action_taken.strip():
        raise ValidationError({"action_taken": _("Describe the action taken before closing.")})
    if review.acknowledged_at is None:
        review.acknowledged_by = _user(actor)
        review.acknowledged_at = timezone.now()
    review.status = Status.CLOSED
    review.action_taken = action_taken.strip()
    review.closed_by = _user(actor)
    review.closed_on = timezone.localdate()
    review.save()
    _audit(access, actor, review, fresh)
    return review
