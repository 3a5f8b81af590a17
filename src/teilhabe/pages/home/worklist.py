"""The case manager's start page: the worklist of everything due."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from teilhabe.casework.work.selectors import start_page_work
from teilhabe.core.models import Role
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest
from teilhabe.people.selectors import start_page_figures


@require_GET
def worklist_home(request: AllianceRequest) -> HttpResponse:
    """The start page of a member who is not a case manager; its content depends on the
    user's roles in the alliance."""
    principal: Principal = request.principal
    figures = start_page_figures(principal) if principal.can_read_persons else None
    is_case_manager = principal.has_role(Role.CASE_MANAGER)
    # Overdue plan steps, due follow-ups and open tasks: a fixed number of queries.
    work = start_page_work(principal, timezone.localdate()) if is_case_manager else None
    return TemplateResponse(
        request,
        "core/alliance_home.html",
        {
            "principal": principal,
            "figures": figures,
            "work": work,
            "is_case_manager": is_case_manager,
            "is_partner": principal.has_role(Role.PARTNER_STAFF),
            "organisations": request.alliance.organisations.order_by("name")
            if principal.is_coordinator
            else None,
        },
    )
