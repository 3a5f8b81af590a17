"""The alliance's calendar of trainings for every member: the list, one training with
registration and withdrawal in one click, and its ICS file."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teilhabe.core.downloads import bytes_download
from teilhabe.core.ics import IcsEvent, ics_calendar
from teilhabe.core.models import Organisation
from teilhabe.core.web import AllianceRequest, alliance_view
from teilhabe.trainings import access, selectors, services
from teilhabe.trainings.forms import TrainingFilterForm
from teilhabe.trainings.models import Registration

PAGE_SIZE = 20


def training_url(request: AllianceRequest, training_id: uuid.UUID) -> str:
    return reverse("trainings:detail", args=[request.alliance.slug, training_id])


def _filter(form: TrainingFilterForm) -> selectors.TrainingFilter:
    data = form.cleaned_data if form.is_valid() else {}
    organiser = data.get("veranstalter")
    return selectors.TrainingFilter(
        kind=data.get("art") or "",
        audience=data.get("fuer") or "",
        organiser=organiser.pk if organiser else None,
        when=data.get("wann") or "kommend",
        mine=bool(data.get("meine")),
        order=data.get("sortierung") or "datum",
    )


@alliance_view("member")
@require_GET
def training_list(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    organisations = Organisation.objects.filter(alliance=request.alliance).order_by("name")
    form = TrainingFilterForm(request.GET or None, organisations=organisations)
    trainings = selectors.trainings_list(principal, _filter(form), timezone.now())
    page = Paginator(trainings, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return TemplateResponse(
        request,
        "trainings/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_organise": access.may_organise(principal),
            "may_overview": access.may_organise(principal),
        },
    )


@alliance_view("member")
@require_GET
def training_detail(request: AllianceRequest, training_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    training = access.training_get(principal, training_id)
    registration = selectors.registration_of(principal, training)
    active = registration is not None and registration.status != Registration.Status.CANCELLED
    counts = selectors.registrations_of(training).values_list("status", flat=True)
    taken = sum(1 for s in counts if s == Registration.Status.REGISTERED)
    now = timezone.now()
    return TemplateResponse(
        request,
        "trainings/detail.html",
        {
            "training": training,
            "registration": registration if active else None,
            "waiting_place": (
                selectors.waiting_place(registration)
                if active and registration and registration.position
                else None
            ),
            "free": max(training.places - taken, 0),
            "taken": taken,
            "open": training.starts_at > now,
            "over": training.ends_at <= now,
            "fits": access.audience_fits(principal, training.audience),
            "may_manage": access.may_manage(principal, training),
        },
    )


@alliance_view("member")
@require_POST
def training_register(request: AllianceRequest, training_id: uuid.UUID) -> HttpResponse:
    training = access.training_get(request.principal, training_id)
    try:
        registration = services.registration_create(principal=request.principal, training=training)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if registration.status == Registration.Status.REGISTERED:
            messages.success(request, _("You are registered. You have a place."))
        else:
            messages.info(
                request,
                _(
                    "All places are taken: you are on the waiting list. You will be told "
                    "as soon as a place becomes free for you."
                ),
            )
    return redirect(training_url(request, training.pk))


@alliance_view("member")
@require_POST
def training_withdraw(request: AllianceRequest, training_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    training = access.training_get(principal, training_id)
    registration = selectors.registration_of(principal, training)
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        try:
            services.registration_withdraw(principal=principal, registration=registration)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("You have withdrawn your registration."))
    return redirect(training_url(request, training.pk))


@alliance_view("member")
@require_GET
def training_ics(request: AllianceRequest, training_id: uuid.UUID) -> HttpResponse:
    """One training for the member's own calendar: title, time, place or link, and the
    address of its page. Nothing about who registered."""
    training = access.training_get(request.principal, training_id)
    url = request.build_absolute_uri(training_url(request, training.pk))
    event = IcsEvent(
        uid=f"{training.pk}@teilhabe",
        summary=training.title,
        start=training.starts_at,
        end=training.ends_at,
        url=url,
        description=url,
        location=training.place or training.online_link,
    )
    body = ics_calendar([event], product="Fortbildungen", name=training.title)
    return bytes_download(body, filename="veranstaltung.ics", content_type="text/calendar")
