"""Who may do what with trainings, in one place: every member of the alliance reads the
calendar; a member registers for what is meant for them; the coordinators organise for any
organisation of the alliance, staff (case managers, partner staff) for their own."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from teilhabe.core.models import Organisation, Role
from teilhabe.core.roles import Principal
from teilhabe.trainings.models import Audience, Training

ORGANISER_ROLES = frozenset({Role.CASE_MANAGER, Role.PARTNER_STAFF})


def organiser_organisations(principal: Principal) -> QuerySet[Organisation]:
    """The organisations on whose behalf the principal organises trainings."""
    if principal.is_coordinator:
        return Organisation.objects.filter(alliance=principal.alliance).order_by("name")
    ids = [m.organisation_id for m in principal.memberships if m.role in ORGANISER_ROLES]
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def may_organise(principal: Principal) -> bool:
    return principal.is_coordinator or bool(principal.roles() & ORGANISER_ROLES)


def may_manage(principal: Principal, training: Training) -> bool:
    """Registrations and attendance of a training: its organiser's staff, the coordinators."""
    if training.alliance_id != getattr(principal.alliance, "pk", None):
        return False
    if principal.is_coordinator:
        return True
    return any(
        m.role in ORGANISER_ROLES and m.organisation_id == training.organiser_id
        for m in principal.memberships
    )


def managed_trainings(principal: Principal) -> QuerySet[Training]:
    """Trainings whose registrations the principal sees (the overview of attendance)."""
    trainings = Training.objects.filter(alliance=principal.alliance)
    if principal.is_coordinator:
        return trainings
    return trainings.filter(organiser__in=organiser_organisations(principal))


def is_professional(principal: Principal) -> bool:
    return any(m.role != Role.VOLUNTEER for m in principal.memberships)


def is_volunteer(principal: Principal) -> bool:
    return principal.has_role(Role.VOLUNTEER)


def audience_fits(principal: Principal, audience: str) -> bool:
    """A training for professionals is open to members with a professional role, one for
    volunteers to volunteers; one for everyone to every member."""
    if audience == Audience.PROFESSIONALS:
        return is_professional(principal)
    if audience == Audience.VOLUNTEERS:
        return is_volunteer(principal)
    return principal.is_member


def training_get(principal: Principal, training_id: uuid.UUID) -> Training:
    """A training of the principal's alliance (every member reads it), else 404."""
    if not principal.is_member:
        raise Http404
    training = (
        Training.objects.filter(alliance=principal.alliance, pk=training_id)
        .select_related("organiser")
        .first()
    )
    if training is None:
        raise Http404
    return training


def training_to_manage(principal: Principal, training_id: uuid.UUID) -> Training:
    training = training_get(principal, training_id)
    if not may_manage(principal, training):
        raise Http404
    return training
