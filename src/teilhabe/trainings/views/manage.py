"""Organising a training: create and change it, see its registrations and waiting list,
record attendance. Coordinators for every organisation, staff for their own."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.web import AllianceRequest, alliance_view, form_page
from teilhabe.trainings import access, selectors, services
from teilhabe.trainings.forms import TrainingForm
from teilhabe.trainings.models import Audience, Registration
from teilhabe.trainings.views.calendar import training_url


@alliance_view("member")
def training_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    if not access.may_organise(principal):
        raise Http404
    organisations = access.organiser_organisations(principal)
    own = principal.organisations()
    initial = {"audience": Audience.EVERYONE, "organiser": own[0] if own else None}
    form = TrainingForm(request.POST or None, organisations=organisations, initial=initial)

    def save(data: dict[str, Any]) -> str:
        training = services.training_create(principal=principal, **form.service_values())
        return training_url(request, training.pk)

    return form_page(
        request,
        form,
        save=save,
        title=_("Announce a training or event"),
        submit=_("Announce"),
        back_url=reverse("trainings:list", args=[request.alliance.slug]),
        success=_("The training has been announced. Members can register now."),
        preline=request.alliance.name,
    )


@alliance_view("member")
def training_edit(request: AllianceRequest, training_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    training = access.training_to_manage(principal, training_id)
    form = TrainingForm(
        request.POST or None,
        organisations=access.organiser_organisations(principal),
        initial=TrainingForm.initial_of(training),
    )

    def save(data: dict[str, Any]) -> str:
        services.training_update(principal=principal, training=training, **form.service_values())
        return training_url(request, training.pk)

    return form_page(
        request,
        form,
        save=save,
        title=_("Change the training"),
        submit=_("Save"),
        back_url=training_url(request, training.pk),
        success=_("The training has been saved."),
        preline=training.title,
    )


@alliance_view("member")
def training_registrations(request: AllianceRequest, training_id: uuid.UUID) -> HttpResponse:
    """The registrations in order (places, waiting list, withdrawn); once the training has
    begun, attendance is recorded here with one form for all."""
    principal = request.principal
    training = access.training_to_manage(principal, training_id)
    registrations = list(selectors.registrations_of(training))
    started = training.starts_at <= timezone.now()
    if request.method == "POST":
        wanted = {
            r.pk: request.POST.get(f"teilnahme-{r.pk}", r.attended)
            for r in registrations
            if r.status == Registration.Status.REGISTERED
        }
        try:
            changed = services.attendance_record(
                principal=principal, training=training, attended=wanted
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Attendance saved (%(count)d changed).") % {"count": changed}
            )
        return redirect(
            reverse("trainings:registrations", args=[request.alliance.slug, training.pk])
        )
    return TemplateResponse(
        request,
        "trainings/registrations.html",
        {
            "training": training,
            "registered": [r for r in registrations if r.status == Registration.Status.REGISTERED],
            "waiting": [r for r in registrations if r.status == Registration.Status.WAITING],
            "cancelled": [r for r in registrations if r.status == Registration.Status.CANCELLED],
            "started": started,
            "choices": Registration.Attended.choices,
        },
    )
