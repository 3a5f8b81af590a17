"""Every write of trainings: keyword-only, atomic, audited in the same transaction.

The places of a training are counted under a row lock on the training, so two members
registering at once never take more places than there are; a freed place goes to the
first person of the waiting list at once, who is told."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import events
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.roles import Principal
from teilhabe.trainings.access import (
    audience_fits,
    may_manage,
    may_organise,
    organiser_organisations,
)
from teilhabe.trainings.models import Registration, Training

TRAINING_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "online_link",
    "audience",
    "places",
)
Status = Registration.Status


def _audit(principal: Principal, action: str, obj: Any, purpose: str = "") -> None:
    organisations = principal.organisations()
    audit_record(
        action=action,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=organisations[0] if organisations else None,
        obj=obj,
        purpose=purpose,
    )


def _set_values(training: Training, organiser: Organisation, values: Mapping[str, Any]) -> None:
    for name in TRAINING_FIELDS:
        setattr(training, name, values[name])
    training.title = training.title.strip()
    training.place = training.place.strip()
    training.organiser = organiser
    errors: dict[str, str] = {}
    if training.ends_at <= training.starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    if not training.place and not training.online_link:
        errors["place"] = _("Enter a place or a link to the online meeting.")
    if training.places < 1:
        errors["places"] = _("A training needs at least one place.")
    if errors:
        raise ValidationError(errors)
    training.full_clean()


def _check_organiser(principal: Principal, organiser: Organisation) -> None:
    if not organiser_organisations(principal).filter(pk=organiser.pk).exists():
        raise ValidationError({"organiser": _("Select an organisation you organise for.")})


@transaction.atomic
def training_create(*, principal: Principal, organiser: Organisation, **values: Any) -> Training:
    if not may_organise(principal) or principal.alliance is None:
        raise PermissionError("organiser role required")
    _check_organiser(principal, organiser)
    training = Training(alliance=principal.alliance)
    _set_values(training, organiser, values)
    training.save()
    _audit(principal, AuditEvent.Action.CREATE, training)
    return training


@transaction.atomic
def training_update(
    *, principal: Principal, training: Training, organiser: Organisation, **values: Any
) -> Training:
    """Change a training; more places move people up from the waiting list."""
    training = _locked(training)
    if not may_manage(principal, training):
        raise PermissionError("organiser role required")
    _check_organiser(principal, organiser)
    _set_values(training, organiser, values)
    training.save()
    _audit(principal, AuditEvent.Action.UPDATE, training)
    _fill_places(principal, training)
    return training


def _locked(training: Training) -> Training:
    return Training.objects.select_for_update().get(pk=training.pk, alliance=training.alliance)


def _taken(training: Training) -> int:
    return Registration.objects.filter(training=training, status=Status.REGISTERED).count()


def _fill_places(principal: Principal, training: Training) -> list[Registration]:
    """Give free places to the waiting list, first come first served (caller holds the lock)."""
    free = training.places - _taken(training)
    if free <= 0:
        return []
    moved = list(
        Registration.objects.filter(training=training, status=Status.WAITING)
        .select_related("training__alliance")
        .order_by("position", "created_at")[:free]
    )
    for registration in moved:
        registration.status = Status.REGISTERED
        registration.position = None
        registration.save(update_fields=["status", "position", "updated_at"])
        _audit(principal, AuditEvent.Action.UPDATE, registration, "moved up from waiting list")
        events.training_moved_up.send(sender=Registration, instance=registration)
    return moved


@transaction.atomic
def registration_create(*, principal: Principal, training: Training) -> Registration:
    """Register the principal: a place while there is one, else the end of the waiting list."""
    user = principal.user
    if not isinstance(user, User) or not principal.is_member:
        raise PermissionError("member required")
    training = _locked(training)
    if training.alliance_id != principal.alliance.pk:  # type: ignore[union-attr]
        raise PermissionError("training of another alliance")
    if training.starts_at <= timezone.now():
        raise ValidationError(_("This training has already begun; registration is closed."))
    if not audience_fits(principal, training.audience):
        raise ValidationError(_("This training is meant for another group."))
    registration = Registration.objects.filter(training=training, user=user).first()
    if registration is not None and registration.status != Status.CANCELLED:
        raise ValidationError(_("You are already registered."))
    if registration is None:
        registration = Registration(
            alliance=training.alliance,
            training=training,
            user=user,
            organisation=principal.organisations()[0],
        )
    if _taken(training) < training.places:
        registration.status, registration.position = Status.REGISTERED, None
    else:
        last = Registration.objects.filter(training=training).aggregate(m=Max("position"))["m"]
        registration.status, registration.position = Status.WAITING, (last or 0) + 1
    registration.attended = Registration.Attended.UNKNOWN
    registration.save()
    _audit(principal, AuditEvent.Action.CREATE, registration, registration.status)
    if registration.status == Status.REGISTERED:
        events.training_registered.send(sender=Registration, instance=registration)
    return registration


@transaction.atomic
def registration_withdraw(*, principal: Principal, registration: Registration) -> Registration:
    """Withdraw a registration (one's own, or as the training's organiser); a place freed
    goes to the first person waiting."""
    training = _locked(registration.training)
    own = registration.user_id == principal.user.pk
    if not own and not may_manage(principal, training):
        raise PermissionError("not the registration's owner")
    if registration.status == Status.CANCELLED:
        return registration
    if training.ends_at <= timezone.now():
        raise ValidationError(_("This training is over; the registration stays as it was."))
    registration.status, registration.position = Status.CANCELLED, None
    registration.save(update_fields=["status", "position", "updated_at"])
    _audit(principal, AuditEvent.Action.UPDATE, registration, "withdrawn")
    _fill_places(principal, training)
    return registration


@transaction.atomic
def attendance_record(
    *, principal: Principal, training: Training, attended: Mapping[Any, str]
) -> int:
    """Record who attended (registration id → yes/no/unknown) once the training began;
    returns the number changed. Only the places taken count; others are left alone."""
    training = _locked(training)
    if not may_manage(principal, training):
        raise PermissionError("organiser role required")
    if training.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the training has begun."))
    if any(value not in Registration.Attended.values for value in attended.values()):
        raise ValidationError(_("Select attended, did not attend or not recorded."))
    rows = Registration.objects.filter(
        training=training, status=Status.REGISTERED, pk__in=list(attended)
    )
    changed = 0
    for registration in rows:
        value = attended[registration.pk]
        if value != registration.attended:
            registration.attended = value
            registration.save(update_fields=["attended", "updated_at"])
            _audit(principal, AuditEvent.Action.UPDATE, registration, "attendance")
            changed += 1
    return changed
