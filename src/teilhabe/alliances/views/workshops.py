"""Workshops and meetings, problem reports, and the priority board."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.alliances import selectors, services
from teilhabe.alliances.access import get_priority, get_workshop
from teilhabe.alliances.export import workshop_rows
from teilhabe.alliances.forms import PriorityForm, ProblemForm, WorkshopForm
from teilhabe.core.downloads import file_download
from teilhabe.core.exports import EXPORT_CHUNK, export_format, export_response
from teilhabe.core.uploads import download_name
from teilhabe.core.web import AllianceRequest, alliance_view, form_page

WORKSHOP_FIELDS = (
    "kind",
    "title",
    "held_on",
    "place",
    "organiser",
    "organiser_name",
    "professionals_count",
    "volunteers_count",
)


def _url(request: AllianceRequest, name: str, *args: Any) -> str:
    return reverse(f"alliances:{name}", args=[request.alliance.slug, *args])


@alliance_view("staff")
@require_GET
def workshop_list(request: AllianceRequest) -> HttpResponseBase:
    principal = request.principal
    fmt = export_format(request)
    if fmt:  # CSV/Excel (core.exports)
        header, rows = workshop_rows(
            selectors.workshops_for(request.alliance).iterator(EXPORT_CHUNK)
        )
        return export_response(request, fmt=fmt, filename=_("workshops"), header=header,
                               rows=rows, list_name="alliances.workshops")  # fmt: skip
    return TemplateResponse(
        request,
        "alliances/workshop_list.html",
        {
            "workshops": selectors.workshops_for(request.alliance),
            "is_coordinator": principal.is_coordinator,
        },
    )


@alliance_view("coordinator")
def workshop_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    form = WorkshopForm(request.POST or None, request.FILES or None)

    def save(data: dict[str, Any]) -> str:
        workshop = services.workshop_create(principal=principal, **data)
        return _url(request, "workshop_detail", workshop.pk)

    return form_page(
        request,
        form,
        save=save,
        title=_("Record a workshop or meeting"),
        submit=_("Save workshop"),
        back_url=_url(request, "workshop_list"),
        success=_("The workshop has been saved."),
        preline=request.alliance.name,
    )


@alliance_view("coordinator")
def workshop_edit(request: AllianceRequest, workshop_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    workshop = get_workshop(principal, workshop_id)
    initial = {f: getattr(workshop, f) for f in WORKSHOP_FIELDS}
    form = WorkshopForm(request.POST or None, request.FILES or None, initial=initial)

    def save(data: dict[str, Any]) -> str:
        services.workshop_update(principal=principal, workshop=workshop, **data)
        return _url(request, "workshop_detail", workshop.pk)

    return form_page(
        request,
        form,
        save=save,
        title=_("Edit workshop"),
        submit=_("Save"),
        back_url=_url(request, "workshop_detail", workshop.pk),
        success=_("The workshop has been saved."),
        preline=workshop.title,
        intro=_("A new minutes file replaces the previous one."),
    )


@alliance_view("staff")
@require_GET
def workshop_detail(request: AllianceRequest, workshop_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    workshop = get_workshop(principal, workshop_id)
    return TemplateResponse(
        request,
        "alliances/workshop_detail.html",
        {
            "workshop": workshop,
            "problems": selectors.problems_of(workshop),
            "is_coordinator": principal.is_coordinator,
        },
    )


@alliance_view("staff")
@require_GET
def workshop_minutes(request: AllianceRequest, workshop_id: uuid.UUID) -> HttpResponseBase:
    principal = request.principal
    workshop = get_workshop(principal, workshop_id)
    response = file_download(
        workshop.minutes,
        filename=download_name("protokoll", workshop.minutes_content_type),
        content_type=workshop.minutes_content_type,
    )
    services.document_download_record(
        actor=request.user,
        obj=workshop,
        alliance=principal.alliance,
    )
    return response


@alliance_view("coordinator")
def problem_new(request: AllianceRequest, workshop_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    workshop = get_workshop(principal, workshop_id)
    form = ProblemForm(request.POST or None, alliance=request.alliance)
    detail = _url(request, "workshop_detail", workshop.pk)

    def save(data: dict[str, Any]) -> str:
        services.problem_report_create(principal=principal, workshop=workshop, **data)
        return detail + "#problems-heading"

    return form_page(
        request,
        form,
        save=save,
        title=_("Record a problem"),
        submit=_("Save problem"),
        back_url=detail,
        success=_("The problem has been recorded."),
        preline=workshop.title,
    )


@alliance_view("staff")
@require_GET
def priority_board(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    return TemplateResponse(
        request,
        "alliances/priority_board.html",
        {
            "columns": selectors.priority_board(request.alliance),
            "is_coordinator": principal.is_coordinator,
        },
    )


@alliance_view("coordinator")
def priority_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    form = PriorityForm(request.POST or None, alliance=request.alliance)

    def save(data: dict[str, Any]) -> str:
        services.priority_create(principal=principal, **data)
        return _url(request, "priority_board")

    return form_page(
        request,
        form,
        save=save,
        title=_("Set a priority"),
        submit=_("Save priority"),
        back_url=_url(request, "priority_board"),
        success=_("The priority has been saved."),
        preline=request.alliance.name,
        intro=_("The core group sets priorities from the problems reported at workshops."),
    )


@alliance_view("coordinator")
def priority_edit(request: AllianceRequest, priority_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    priority = get_priority(principal, priority_id)
    initial = {
        "title": priority.title,
        "field": priority.field,
        "problems": list(priority.problems.all()),
        "actions": priority.actions,
        "responsible": priority.responsible,
        "due_on": priority.due_on,
        "status": priority.status,
    }
    form = PriorityForm(request.POST or None, alliance=request.alliance, initial=initial)

    def save(data: dict[str, Any]) -> str:
        services.priority_update(principal=principal, priority=priority, **data)
        return _url(request, "priority_board")

    return form_page(
        request,
        form,
        save=save,
        title=_("Edit priority"),
        submit=_("Save"),
        back_url=_url(request, "priority_board"),
        success=_("The priority has been saved."),
        preline=priority.title,
    )
