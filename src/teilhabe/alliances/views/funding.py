"""Funding: the state's overview, budgets and allocations; an alliance's own figures and
expenditure reports with their evidence."""

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
from teilhabe.alliances.access import (
    get_expenditure_for_alliance,
    get_expenditure_for_state,
    get_programme,
)
from teilhabe.alliances.export import funding_workbook
from teilhabe.alliances.forms import AllocationForm, BudgetForm, ExpenditureForm
from teilhabe.core.downloads import bytes_download, file_download
from teilhabe.core.roles import is_state_coordinator
from teilhabe.core.uploads import download_name
from teilhabe.core.web import AllianceRequest, StateRequest, alliance_view, form_page, state_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@state_view()
@require_GET
def overview(request: StateRequest) -> HttpResponse:
    programme = get_programme()
    return TemplateResponse(
        request,
        "alliances/state/funding.html",
        {
            "programme": programme,
            "overview": selectors.funding_overview(programme),
            "can_edit": is_state_coordinator(request.user),
        },
    )


@state_view()
@require_GET
def export(request: StateRequest) -> HttpResponse:
    data = funding_workbook(selectors.funding_overview(get_programme()))
    services.funding_export_record(actor=request.user)
    return bytes_download(data, filename="foerderuebersicht.xlsx", content_type=XLSX)


@state_view(edit=True)
def budget_new(request: StateRequest) -> HttpResponse:
    programme = get_programme()
    form = BudgetForm(request.POST or None)

    def save(data: dict[str, Any]) -> str:
        services.funding_budget_set(actor=request.user, programme=programme, **data)
        return reverse("alliances_state:funding")

    return form_page(
        request,
        form,
        save=save,
        title=_("Set the budget of a year"),
        submit=_("Save budget"),
        back_url=reverse("alliances_state:funding"),
        success=_("The budget has been saved."),
        preline=_("Funding of Teilhabemanagement"),
        intro=_("An existing budget of the same year is replaced."),
    )


@state_view(edit=True)
def allocation_new(request: StateRequest) -> HttpResponse:
    programme = get_programme()
    form = AllocationForm(request.POST or None)

    def save(data: dict[str, Any]) -> str:
        services.funding_allocation_set(actor=request.user, programme=programme, **data)
        return reverse("alliances_state:funding")

    return form_page(
        request,
        form,
        save=save,
        title=_("Allocate funds to an alliance"),
        submit=_("Save allocation"),
        back_url=reverse("alliances_state:funding"),
        success=_("The allocation has been saved."),
        preline=_("Funding of Teilhabemanagement"),
        intro=_("An existing allocation of the same alliance and year is replaced."),
    )


@state_view(edit=True)
@require_GET
def state_evidence(request: StateRequest, expenditure_id: uuid.UUID) -> HttpResponseBase:
    report = get_expenditure_for_state(request.user, expenditure_id)
    response = file_download(
        report.document,
        filename=download_name("beleg", report.document_content_type),
        content_type=report.document_content_type,
    )
    services.document_download_record(
        actor=request.user,
        obj=report,
        alliance=report.alliance,
    )
    return response


@alliance_view("coordinator")
@require_GET
def alliance_funding(request: AllianceRequest) -> HttpResponse:
    allocations, reports = selectors.funding_for(request.alliance)
    return TemplateResponse(
        request,
        "alliances/funding.html",
        {
            "allocations": allocations,
            "reports": reports,
            "allocated": sum(a.amount for a in allocations),
            "spent": sum(r.amount for r in reports),
        },
    )


@alliance_view("coordinator")
def expenditure_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    slug = request.alliance.slug
    form = ExpenditureForm(request.POST or None, request.FILES or None)

    def save(data: dict[str, Any]) -> str:
        services.expenditure_report_create(principal=principal, **data)
        return reverse("alliances:funding", args=[slug])

    return form_page(
        request,
        form,
        save=save,
        title=_("Report expenditure"),
        submit=_("Report expenditure"),
        back_url=reverse("alliances:funding", args=[slug]),
        success=_("The expenditure has been reported."),
        preline=request.alliance.name,
    )


@alliance_view("coordinator")
@require_GET
def alliance_evidence(request: AllianceRequest, expenditure_id: uuid.UUID) -> HttpResponseBase:
    principal = request.principal
    report = get_expenditure_for_alliance(principal, expenditure_id)
    response = file_download(
        report.document,
        filename=download_name("beleg", report.document_content_type),
        content_type=report.document_content_type,
    )
    services.document_download_record(
        actor=request.user,
        obj=report,
        alliance=principal.alliance,
    )
    return response
