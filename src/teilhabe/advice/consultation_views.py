"""Case consultations (kollegiale Fallberatung): every member sees the alliance's sessions
and joins; staff schedule them; participants bring anonymised cases and write the short
minutes, both checked by `people.mentions` like the advice requests."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teilhabe.advice import services
from teilhabe.advice.access import get_consultation
from teilhabe.advice.forms import ConsultationForm, MinutesForm, PresentationForm
from teilhabe.advice.models import Consultation
from teilhabe.core.roles import is_alliance_staff
from teilhabe.core.web import AllianceRequest, alliance_view, form_page

PAGE_SIZE = 25


def _url(request: AllianceRequest, name: str, *args: Any) -> str:
    return reverse(f"advice:{name}", args=[request.alliance.slug, *args])


def _is_participant(request: AllianceRequest, consultation: Consultation) -> bool:
    return consultation.participations.filter(user_id=request.user.pk).exists()


@alliance_view("member")
@require_GET
def consultation_list(request: AllianceRequest) -> HttpResponse:
    rows = Consultation.objects.filter(alliance=request.alliance).order_by("-starts_at", "-id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {"page": page, "query": "", "may_schedule": is_alliance_staff(request.principal)}
    return TemplateResponse(request, "advice/consultation_list.html", context)


@alliance_view("staff")
def consultation_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    form = ConsultationForm(request.POST or None)

    def save(data: dict[str, Any]) -> str:
        created = services.consultation_create(principal=principal, **data)
        return _url(request, "consultation_detail", created.pk)

    return form_page(
        request,
        form,
        save=save,
        title=_("Schedule a case consultation"),
        submit=_("Schedule"),
        back_url=_url(request, "consultation_list"),
        success=_("The case consultation has been scheduled."),
        preline=_("Case consultations"),
        template="advice/form.html",
    )


@alliance_view("member")
@require_GET
def consultation_detail(request: AllianceRequest, consultation_id: uuid.UUID) -> HttpResponse:
    consultation = get_consultation(request.principal, consultation_id)
    participants = list(consultation.participations.select_related("user").order_by("created_at"))
    return TemplateResponse(
        request,
        "advice/consultation_detail.html",
        {
            "consultation": consultation,
            "participants": [p.user for p in participants],
            "presentations": list(consultation.presentations.all()),
            "is_participant": any(p.user_id == request.user.pk for p in participants),
        },
    )


@alliance_view("member")
@require_POST
def consultation_join(request: AllianceRequest, consultation_id: uuid.UUID) -> HttpResponse:
    consultation = get_consultation(request.principal, consultation_id)
    services.consultation_participant_add(principal=request.principal, consultation=consultation)
    messages.success(request, _("You take part in the case consultation."))
    return redirect(_url(request, "consultation_detail", consultation.pk))


@alliance_view("member")
def presentation_new(request: AllianceRequest, consultation_id: uuid.UUID) -> HttpResponse:
    consultation = get_consultation(request.principal, consultation_id)
    if not _is_participant(request, consultation):
        raise Http404
    form = PresentationForm(request.POST or None, alliance=request.alliance)

    def save(data: dict[str, Any]) -> str:
        services.case_presentation_add(
            principal=request.principal, consultation=consultation, **data
        )
        return _url(request, "consultation_detail", consultation.pk)

    return form_page(
        request,
        form,
        save=save,
        title=_("Bring a case"),
        submit=_("Add case"),
        back_url=_url(request, "consultation_detail", consultation.pk),
        success=_("The case has been added."),
        preline=consultation.topic,
        intro=_("Describe the case anonymously: what happened and what the question is."),
        template="advice/form.html",
    )


@alliance_view("member")
def consultation_minutes(request: AllianceRequest, consultation_id: uuid.UUID) -> HttpResponse:
    consultation = get_consultation(request.principal, consultation_id)
    if not _is_participant(request, consultation):
        raise Http404
    form = MinutesForm(
        request.POST or None, alliance=request.alliance, initial={"minutes": consultation.minutes}
    )

    def save(data: dict[str, Any]) -> str:
        services.consultation_minutes_record(
            principal=request.principal, consultation=consultation, **data
        )
        return _url(request, "consultation_detail", consultation.pk)

    return form_page(
        request,
        form,
        save=save,
        title=_("Short minutes"),
        submit=_("Save minutes"),
        back_url=_url(request, "consultation_detail", consultation.pk),
        success=_("The minutes have been saved."),
        preline=consultation.topic,
        template="advice/form.html",
    )
