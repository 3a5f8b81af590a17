"""Who advises and who reads which request: the one place of these rules. Reads answer 404
for what the principal may not see."""

from __future__ import annotations

import uuid

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, When
from django.http import Http404

from teilhabe.advice.models import AdviceRequest, Consultation
from teilhabe.core.models import Alliance, Membership, Organisation, Role
from teilhabe.core.roles import Principal

ADVISOR_ROLES = (Role.CASE_MANAGER, Role.COORDINATOR)


def advising_organisations(alliance: Alliance) -> QuerySet[Organisation]:
    """Organisations of the alliance with an active case manager or coordinator: the
    Teilhabemanagement first, then by name."""
    advisors = Membership.objects.filter(
        organisation=OuterRef("pk"), role__in=ADVISOR_ROLES, is_active=True
    )
    teilhabe_first = Case(When(kind=Organisation.Kind.TEILHABEMANAGEMENT, then=0), default=1)
    return (
        Organisation.objects.filter(alliance=alliance)
        .filter(Exists(advisors))
        .order_by(teilhabe_first, "name")
    )


def advised_organisation_ids(principal: Principal) -> list[uuid.UUID]:
    """The organisations whose requests the principal answers."""
    return [m.organisation_id for m in principal.memberships if m.role in ADVISOR_ROLES]


def is_advisor(principal: Principal) -> bool:
    return bool(advised_organisation_ids(principal))


def requests_for(principal: Principal) -> QuerySet[AdviceRequest]:
    """The requests the principal asked or advises on; coordinators read all of the
    alliance's (they turn good answers into articles)."""
    rows = AdviceRequest.objects.filter(alliance=principal.alliance)
    if principal.is_coordinator:
        return rows
    advised = advised_organisation_ids(principal)
    return rows.filter(Q(asked_by_id=principal.user.pk) | Q(advising_organisation_id__in=advised))


def asked_by(principal: Principal) -> QuerySet[AdviceRequest]:
    """The requests the user asked (the "Meine Anfragen" list)."""
    return AdviceRequest.objects.filter(alliance=principal.alliance, asked_by_id=principal.user.pk)


def inbox_for(principal: Principal) -> QuerySet[AdviceRequest]:
    return AdviceRequest.objects.filter(
        alliance=principal.alliance,
        advising_organisation_id__in=advised_organisation_ids(principal),
    )


def get_request(principal: Principal, request_id: uuid.UUID) -> AdviceRequest:
    found = (
        requests_for(principal)
        .select_related("advising_organisation", "asked_by", "taken_by", "article")
        .filter(pk=request_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def may_advise(principal: Principal, request: AdviceRequest) -> bool:
    return request.advising_organisation_id in advised_organisation_ids(principal)


def get_consultation(principal: Principal, consultation_id: uuid.UUID) -> Consultation:
    found = Consultation.objects.filter(
        alliance=principal.alliance,
        pk=consultation_id,
    ).first()
    if found is None:
        raise Http404
    return found
