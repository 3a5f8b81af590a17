"""State pages under /land/: the initiative, join declarations, coverage, problem fields."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teilhabe.alliances import selectors, services
from teilhabe.alliances.access import get_declaration, get_programme
from teilhabe.alliances.coverage import SEEKERS_SOURCE, attach_member_names, coverage_report
from teilhabe.alliances.export import coverage_rows
from teilhabe.alliances.forms import CoverageFilterForm, DeclarationForm, ProgrammeForm
from teilhabe.alliances.models import DeclarationStatus, JoinDeclaration
from teilhabe.core.downloads import file_download
from teilhabe.core.exports import export_format, export_response
from teilhabe.core.roles import is_state_coordinator
from teilhabe.core.uploads import download_name
from teilhabe.core.web import StateRequest, form_page, state_view


@state_view()
@require_GET
def initiative(request: StateRequest) -> HttpResponse:
    programme = get_programme()
    return TemplateResponse(
        request,
        "alliances/state/initiative.html",
        {
            "programme": programme,
            "counts": selectors.declaration_counts(),
            "can_edit": is_state_coordinator(request.user),
        },
    )


@state_view(edit=True)
def programme_edit(request: StateRequest) -> HttpResponse:
    programme = get_programme()
    initial = {f: getattr(programme, f) for f in ProgrammeForm.base_fields}
    form = ProgrammeForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> str:
        services.programme_update(actor=request.user, programme=programme, **data)
        return reverse("alliances_state:initiative")

    return form_page(
        request,
        form,
        save=save,
        title=_("Edit the initiative"),
        submit=_("Save"),
        back_url=reverse("alliances_state:initiative"),
        success=_("The initiative has been saved."),
        preline=programme.name,
    )


@state_view()
@require_GET
def bodies(request: StateRequest) -> HttpResponse:
    """Every NRW body that may join, with its participation status."""
    report = attach_member_names(coverage_report())
    return TemplateResponse(request, "alliances/state/bodies.html", {"report": report})


@state_view(edit=True)
@require_GET
def declaration_list(request: StateRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in DeclarationStatus.values:
        status = ""
    return TemplateResponse(
        request,
        "alliances/state/declaration_list.html",
        {
            "declarations": selectors.declarations(status),
            "status": status,
            "statuses": DeclarationStatus.choices,
            "programme": get_programme(),
        },
    )


@state_view(edit=True)
def declaration_new(request: StateRequest) -> HttpResponse:
    programme = get_programme()
    form = DeclarationForm(request.POST or None, request.FILES or None)

    def save(data: dict[str, Any]) -> str:
        declaration = services.join_declaration_record(
            actor=request.user,
            programme=programme,
            body_key=data["body"],
            received_on=data["received_on"],
            signed_by_name=data["signed_by_name"],
            signed_by_function=data["signed_by_function"],
            lead_office_type=data["lead_office_type"],
            lead_office_name=data["lead_office_name"],
            kreis_consent_on=data["kreis_consent_on"],
            letter=data["letter"],
        )
        return reverse("alliances_state:declaration_detail", args=[declaration.pk])

    return form_page(
        request,
        form,
        save=save,
        title=_("Record a join declaration"),
        submit=_("Record declaration"),
        back_url=reverse("alliances_state:declaration_list"),
        success=_("The join declaration has been recorded."),
        preline=programme.name,
        intro=_(
            "Declarations are due by %(date)s. They are signed by a member of the "
            "administrative board and name the lead office. A municipality belonging to a "
            "district also needs the consent of its district."
        )
        % {"date": programme.join_deadline.strftime("%d.%m.%Y")},
    )


@state_view(edit=True)
@require_GET
def declaration_detail(request: StateRequest, declaration_id: uuid.UUID) -> HttpResponse:
    declaration = get_declaration(request.user, declaration_id)
    return TemplateResponse(
        request,
        "alliances/state/declaration_detail.html",
        {
            "declaration": declaration,
            "alone": selectors.gemeinden_alone_in(declaration),
            "open": declaration.status == DeclarationStatus.RECEIVED,
        },
    )


def _decide(request: StateRequest, declaration: JoinDeclaration, accept: bool) -> HttpResponse:
    try:
        if accept:
            alliance = services.join_declaration_accept(
                actor=request.user,
                declaration=declaration,
            )
            messages.success(
                request,
                _("The declaration has been accepted; the alliance %(name)s has been set up.")
                % {"name": alliance.name},
            )
        else:
            services.join_declaration_reject(actor=request.user, declaration=declaration)
            messages.success(request, _("The declaration has been rejected."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("alliances_state:declaration_detail", declaration_id=declaration.pk)


@state_view(edit=True)
@require_POST
def declaration_accept(request: StateRequest, declaration_id: uuid.UUID) -> HttpResponse:
    return _decide(request, get_declaration(request.user, declaration_id), accept=True)


@state_view(edit=True)
@require_POST
def declaration_reject(request: StateRequest, declaration_id: uuid.UUID) -> HttpResponse:
    return _decide(request, get_declaration(request.user, declaration_id), accept=False)


@state_view(edit=True)
@require_GET
def declaration_letter(request: StateRequest, declaration_id: uuid.UUID) -> HttpResponseBase:
    declaration = get_declaration(request.user, declaration_id)
    response = file_download(
        declaration.letter,
        filename=download_name("beitrittserklaerung", declaration.letter_content_type),
        content_type=declaration.letter_content_type,
    )
    services.document_download_record(actor=request.user, obj=declaration)
    return response


@state_view()
@require_GET
def coverage(request: StateRequest) -> HttpResponseBase:
    form = CoverageFilterForm(request.GET or None)
    as_of = form.cleaned_data.get("as_of") if form.is_valid() else None
    fmt = export_format(request)
    if fmt:  # CSV/Excel (core.exports)
        header, rows = coverage_rows(coverage_report(as_of))
        return export_response(request, fmt=fmt, filename=_("coverage"), header=header,
                               rows=rows, list_name="alliances.coverage")  # fmt: skip
    return TemplateResponse(
        request,
        "alliances/state/coverage.html",
        {"form": form, "report": coverage_report(as_of), "source": SEEKERS_SOURCE},
    )


@state_view()
@require_GET
def problem_fields(request: StateRequest) -> HttpResponse:
    counts = selectors.statewide_problem_fields()
    top = max((c.reports for c in counts), default=0)
    return TemplateResponse(
        request, "alliances/state/problem_fields.html", {"counts": counts, "top": top}
    )
