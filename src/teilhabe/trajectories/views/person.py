"""The person's trajectory page and recording participations on a person
(/b/<alliance>/personen/<person>/verlauf/ and …/teilnahmen/…).

Every view starts at people.access (404 for what the principal may not see). The owning
case management records any participation; the providing partner records participations
in its own offers while the person's consent covers "participations".
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.offers.models import Offer
from teilhabe.offers.selectors import offers_for_participations
from teilhabe.people.access import PersonAccess, get_person_access
from teilhabe.people.sections import person_url
from teilhabe.people.services import person_view_record
from teilhabe.trajectories import selectors, services
from teilhabe.trajectories.forms import ParticipationForm
from teilhabe.trajectories.models import Participation
from teilhabe.trajectories.timeline import timeline_for

GET_POST = require_http_methods(["GET", "POST"])
FIELDS = services.EDITABLE  # the form's fields are exactly what the service edits


def _access(request: AllianceRequest, person_id: uuid.UUID) -> PersonAccess:
    access = get_person_access(request.principal, person_id)
    if not (access.is_owner or services.may_record_any(access)):
        raise Http404
    return access


def _offers(access: PersonAccess, current: Offer | None = None) -> QuerySet[Offer]:
    qs = offers_for_participations(access.person.alliance_id)
    if not access.is_owner:
        qs = qs.filter(provider=access.organisation)
    condition = Q(is_active=True)
    if current is not None:
        condition |= Q(pk=current.pk)
    return qs.filter(condition).order_by("title")


def _form(access: PersonAccess, data: Any = None, **kwargs: Any) -> ParticipationForm:
    return ParticipationForm(
        data,
        offers=_offers(access, kwargs.pop("current", None)),
        categories=services.category_choices(access.person.alliance),
        **kwargs,
    )


def _back(request: AllianceRequest, access: PersonAccess) -> str:
    return person_url(request.alliance.slug, access.person.pk, "participations")


def _values(form: ParticipationForm) -> dict[str, Any]:
    data = {k: form.cleaned_data.get(k) for k in FIELDS}
    for key in ("external_title", "external_provider", "category", "level_reached"):
        data[key] = data[key] or ""
    data["certificate_title"] = data["certificate_title"] or ""
    data["transition"] = data["transition"] or ""
    data["certificate"] = bool(data["certificate"])
    return data


def _page(request: HttpRequest, access: PersonAccess, context: dict[str, Any]) -> TemplateResponse:
    person_view_record(access=access)
    return TemplateResponse(
        request,
        "trajectories/participation_form.html",
        {"person": access.person, "access": access, **context},
    )


@require_GET
def trajectory(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    """The trajectory page: every principal who sees the person, audited as a read."""
    access = get_person_access(request.principal, person_id)
    person_view_record(access=access)
    return TemplateResponse(
        request,
        "trajectories/trajectory.html",
        {"person": access.person, "access": access, "entries": timeline_for(access)},
    )


@GET_POST
def participation_create(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = _access(request, person_id)
    initial: dict[str, Any] = {}
    offer_id = request.GET.get("angebot")
    if offer_id:
        initial["offer"] = offer_id
    form = _form(access, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = _values(form)
        offer = values.pop("offer")
        try:
            services.participation_record(access=access, actor=request.user, offer=offer, **values)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The participation has been recorded."))
            return redirect(_back(request, access))
    return _page(request, access, {"form": form, "heading": _("Record a participation")})


@GET_POST
def participation_edit(
    request: AllianceRequest, person_id: uuid.UUID, participation_id: uuid.UUID
) -> HttpResponse:
    access = _access(request, person_id)
    participation = selectors.person_participation(access, participation_id)
    if not services.may_edit(access, participation):
        raise Http404
    initial = {k: getattr(participation, k) for k in FIELDS}
    initial["version"] = participation.version
    form = _form(access, request.POST or None, initial=initial, current=participation.offer)
    if request.method == "POST" and form.is_valid():
        values = _values(form)
        try:
            services.participation_update(
                access=access,
                actor=request.user,
                participation=participation,
                version=form.cleaned_data.get("version") or 0,
                **values,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The participation has been saved."))
            return redirect(_back(request, access))
    return _page(
        request,
        access,
        {"form": form, "heading": _("Edit the participation"), "participation": participation},
    )


@GET_POST
def participation_delete(
    request: AllianceRequest, person_id: uuid.UUID, participation_id: uuid.UUID
) -> HttpResponse:
    access = _access(request, person_id)
    participation: Participation = selectors.person_participation(access, participation_id)
    if not services.may_edit(access, participation):
        raise Http404
    if request.method == "POST":
        services.participation_delete(
            access=access, actor=request.user, participation=participation
        )
        messages.success(request, _("The participation has been removed."))
        return redirect(_back(request, access))
    person_view_record(access=access)
    return TemplateResponse(
        request,
        "trajectories/participation_delete.html",
        {"person": access.person, "access": access, "participation": participation},
    )
