"""Who may open what, and the only way views reach this app's rows.

Helpers answer 404 for anything the user may not see (never 403), like people.access.
- alliance staff (case managers, coordinators, partner staff): the alliance page,
  workshops, problems, priorities, minutes;
- every member including volunteers: contact points and the knowledge base;
- coordinators: every write and the alliance's funding;
- state coordinator: the initiative, declarations, budgets, allocations (writes);
- state coordinator and researcher: aggregates (coverage, problem fields, funding overview).
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from teilhabe.alliances.models import (
    Article,
    ContactPoint,
    CoreGroupMember,
    ExpenditureReport,
    JoinDeclaration,
    Priority,
    Programme,
    TeilhabemanagementPost,
    Workshop,
)
from teilhabe.core.models import Organisation
from teilhabe.core.roles import Principal, is_alliance_staff, is_state_coordinator

M = TypeVar("M", bound=Model)


def _get(qs: QuerySet[M], pk: uuid.UUID | str) -> M:
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError) as exc:  # type: ignore[attr-defined]
        raise Http404 from exc


def _require(condition: bool) -> None:
    if not condition:
        raise Http404


def get_programme() -> Programme:
    programme = Programme.objects.order_by("created_at").first()
    if programme is None:
        raise Http404
    return programme


def get_declaration(user: Any, declaration_id: uuid.UUID) -> JoinDeclaration:
    _require(is_state_coordinator(user))
    return _get(
        JoinDeclaration.objects.select_related("programme", "kreis", "gemeinde", "alliance"),
        declaration_id,
    )


def get_partner(principal: Principal, organisation_id: uuid.UUID) -> Organisation:
    _require(principal.is_coordinator)
    return _get(Organisation.objects.filter(alliance=principal.alliance), organisation_id)


def get_core_group_member(principal: Principal, member_id: uuid.UUID) -> CoreGroupMember:
    _require(principal.is_coordinator)
    return _get(CoreGroupMember.objects.filter(alliance=principal.alliance), member_id)


def get_post(principal: Principal, post_id: uuid.UUID) -> TeilhabemanagementPost:
    _require(principal.is_coordinator)
    return _get(TeilhabemanagementPost.objects.filter(alliance=principal.alliance), post_id)


def get_workshop(principal: Principal, workshop_id: uuid.UUID) -> Workshop:
    _require(is_alliance_staff(principal))
    return _get(Workshop.objects.filter(alliance=principal.alliance), workshop_id)


def get_priority(principal: Principal, priority_id: uuid.UUID) -> Priority:
    _require(principal.is_coordinator)
    return _get(Priority.objects.filter(alliance=principal.alliance), priority_id)


def get_contact_point(principal: Principal, contact_id: uuid.UUID) -> ContactPoint:
    _require(principal.is_coordinator)
    return _get(ContactPoint.objects.filter(alliance=principal.alliance), contact_id)


def get_article(principal: Principal, article_id: uuid.UUID) -> Article:
    _require(principal.is_member)
    return _get(
        Article.objects.filter(alliance=principal.alliance).select_related(
            "current", "current__author"
        ),
        article_id,
    )


def get_expenditure_for_alliance(principal: Principal, report_id: uuid.UUID) -> ExpenditureReport:
    _require(principal.is_coordinator)
    return _get(ExpenditureReport.objects.filter(alliance=principal.alliance), report_id)


def get_expenditure_for_state(user: Any, report_id: uuid.UUID) -> ExpenditureReport:
    """The state coordinator checks the evidence of every alliance's expenditure."""
    from django_scopes import scopes_disabled

    _require(is_state_coordinator(user))
    with scopes_disabled():
        return _get(ExpenditureReport.objects.select_related("alliance"), report_id)
