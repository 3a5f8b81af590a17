"""The directory's pages under /b/<alliance_slug>/betriebe/ (scoped by the middleware)."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core import suppression, tabular
from teilhabe.core.exports import export_format, export_response
from teilhabe.core.web import AllianceRequest, alliance_view, form_page
from teilhabe.employers import access, services
from teilhabe.employers import placements as placement_counts
from teilhabe.employers.forms import EmployerFilter, EmployerForm
from teilhabe.employers.models import Employer

PAGE_SIZE = 25


def _url(request: AllianceRequest, name: str, *args: Any) -> str:
    return reverse(f"employers:{name}", args=[request.alliance.slug, *args])


@alliance_view("staff")
def employer_list(request: AllianceRequest) -> HttpResponseBase:
    principal = request.principal
    data = request.GET.copy()
    data.setdefault("sortierung", "name")
    data.setdefault("archiv", "nein")
    rows = access.employers_for(principal).select_related("municipality")
    filterset = EmployerFilter(data, queryset=rows)
    fmt = export_format(request)
    if fmt is not None:
        return _export(request, fmt, filterset.qs)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = data.copy()
    query.pop("seite", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "can_edit": access.can_edit(principal),
        "is_coordinator": principal.is_coordinator,
    }
    return TemplateResponse(request, "employers/employer_list.html", context)


def _export(request: AllianceRequest, fmt: str, employers: Any) -> HttpResponseBase:
    header = [
        _("Name"),
        _("Sector"),
        _("Municipality"),
        _("Contact person"),
        _("Training places"),
        _("Internship places"),
        _("Jobs offered"),
        _("Last contact on"),
        _("In the company network"),
    ]
    rows = (
        [
            e.name,
            e.get_sector_display(),
            e.municipality.name if e.municipality else "",
            e.contact_name,
            e.places_training,
            e.places_internship,
            e.places_employment,
            e.last_contact_on,
            e.in_network,
        ]
        for e in employers.iterator()
    )
    return export_response(
        request,
        fmt=fmt,
        filename=_("employers"),
        tables=[tabular.Table(_("Employers"), header, rows)],
        list_name="employers.directory",
    )


@alliance_view("coordinator")
def placements(request: AllianceRequest) -> HttpResponseBase:
    """Young people per firm in a year, suppressed (coordinators: no person behind a count)."""
    year = placement_counts.year_of(request.GET.get("jahr"), timezone.localdate())
    rows = placement_counts.placements(request.alliance, year)
    fmt = export_format(request)
    if fmt is not None:
        return _export_placements(request, fmt, year, rows)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("seite"))
    shown = placement_counts.published(list(page.object_list))
    context = {
        "year": year,
        "page": page,
        "rows": shown,
        "query": f"jahr={year}",
        "note": suppression.note(),
        "suppressed": placement_counts.any_suppressed(shown),
    }
    return TemplateResponse(request, "employers/placements.html", context)


def _export_placements(
    request: AllianceRequest, fmt: str, year: int, rows: Any
) -> HttpResponseBase:
    header = [_("Firm"), _("Via participations"), _("Via work experience"), _("Young people")]
    shown = placement_counts.published(list(rows))
    body: list[list[Any]] = [
        [r.employer.name, r.via_participations, r.via_experiences, r.total] for r in shown
    ]
    if placement_counts.any_suppressed(shown):
        body.append([suppression.note()])  # as the reports export it: the note as last row
    title = _("Young people per employer %(year)s") % {"year": year}
    return export_response(
        request,
        fmt=fmt,
        filename=_("placements"),
        tables=[tabular.Table(title, header, body)],
        list_name="employers.placements",
        detail=str(year),
    )


@alliance_view("staff")
def employer_detail(request: AllianceRequest, employer_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    employer = access.get_employer(principal, employer_id)
    context = {"employer": employer, "can_edit": access.can_edit(principal)}
    return TemplateResponse(request, "employers/employer_detail.html", context)


@alliance_view("staff")
def employer_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    access.require(access.can_edit(principal))
    form = EmployerForm(request.POST or None, alliance=request.alliance)

    def save(data: dict[str, Any]) -> str:
        created = services.employer_create(principal=principal, data=data)
        return _url(request, "employer_detail", created.pk)

    return form_page(
        request,
        form,
        save=save,
        title=_("Add an employer"),
        submit=_("Save employer"),
        back_url=_url(request, "employer_list"),
        success=_("The employer has been added."),
        preline=_("Employers"),
    )


@alliance_view("staff")
def employer_edit(request: AllianceRequest, employer_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    access.require(access.can_edit(principal))
    employer: Employer = access.get_employer(principal, employer_id)
    initial = model_to_dict(employer, fields=services.EDITABLE)
    form = EmployerForm(request.POST or None, initial=initial, alliance=request.alliance)

    def save(data: dict[str, Any]) -> str:
        services.employer_update(principal=principal, employer=employer, data=data)
        return _url(request, "employer_detail", employer_id)

    return form_page(
        request,
        form,
        save=save,
        title=_("Edit employer"),
        submit=_("Save changes"),
        back_url=_url(request, "employer_detail", employer_id),
        success=_("The changes have been saved."),
        preline=_("Employers"),
    )


@alliance_view("staff")
@require_POST
def employer_archive(request: AllianceRequest, employer_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    access.require(access.can_edit(principal))
    employer = access.get_employer(principal, employer_id)
    services.employer_archive(principal=principal, employer=employer)
    return redirect(_url(request, "employer_detail", employer_id))
