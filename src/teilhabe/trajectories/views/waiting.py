"""Waiting lists (issue #17): the case management puts a person on an offer's queue and
takes them off (…/personen/<person>/warteliste/…); the provider's staff and coordinators
read an offer's queue and give a freed place to the first in it with one button
(/b/<alliance>/angebote/warteliste/<offer>/…). Persons are named as `people.access` allows.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.offers import selectors as offer_sel
from teilhabe.offers import waiting
from teilhabe.people.access import PersonAccess, get_person_access, shared_with
from teilhabe.people.sections import person_url
from teilhabe.trajectories import services
from teilhabe.trajectories.forms import WaitingListForm

PAGE_SIZE = 25


def _owner(request: AllianceRequest, person_id: uuid.UUID) -> PersonAccess:
    access = get_person_access(request.principal, person_id)
    if not access.is_owner:
        raise Http404
    return access


@require_http_methods(["GET", "POST"])
def waiting_list_add(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = _owner(request, person_id)
    offers = offer_sel.offers_for_participations(access.person.alliance_id).filter(is_active=True)
    initial = {"offer": request.GET.get("angebot")} if request.GET.get("angebot") else {}
    form = WaitingListForm(
        request.POST or None, offers=offers.order_by("title", "id"), initial=initial
    )
    back = person_url(request.alliance.slug, access.person.pk, "participations")
    if request.method == "POST" and form.is_valid():
        try:
            waiting.waiting_list_entry_add(
                access=access,
                offer=form.cleaned_data["offer"],
                since=form.cleaned_data.get("since"),
                priority_note=form.cleaned_data.get("priority_note") or "",
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The person is now on the waiting list."))
            return redirect(back)
    return TemplateResponse(
        request,
        "trajectories/waiting_form.html",
        {"person": access.person, "access": access, "form": form, "back_url": back},
    )


def waiting_list_withdraw(
    request: AllianceRequest, person_id: uuid.UUID, entry_id: uuid.UUID
) -> HttpResponse:
    access = _owner(request, person_id)
    entry = waiting.person_entry(access, entry_id)
    if request.method != "POST":  # after the access check: a 405 tells only the allowed
        return HttpResponseNotAllowed(["POST"])
    try:
        waiting.waiting_list_entry_withdraw(access=access, entry=entry)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The person has been taken off the waiting list."))
    return redirect(person_url(request.alliance.slug, access.person.pk, "participations"))


@require_GET
def waiting_queue(request: AllianceRequest, offer_id: uuid.UUID) -> HttpResponse:
    """The offer's queue for its provider and the coordinators, paged in the database."""
    offer = offer_sel.get_offer(request.principal, offer_id)
    offer_sel.require(waiting.may_manage_queue(request.principal, offer))
    page = Paginator(waiting.queue_of(offer).select_related("person"), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    rows = waiting.queue_rows(
        request.principal, list(page.object_list), shared_with(request.principal)
    )
    return TemplateResponse(
        request,
        "trajectories/waiting_queue.html",
        {"offer": offer, "page": page, "rows": rows, "query": ""},
    )


def waiting_allocate(request: AllianceRequest, offer_id: uuid.UUID) -> HttpResponse:
    """One action: the first in the queue gets the place (the participation is recorded)."""
    offer = offer_sel.get_offer(request.principal, offer_id)
    offer_sel.require(waiting.may_manage_queue(request.principal, offer))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.waiting_list_allocate(principal=request.principal, offer=offer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The place has been allocated to the first person on the waiting list."),
        )
    if request.POST.get("zurueck") == "angebot":
        return redirect(reverse("offers:offer_detail", args=[request.alliance.slug, offer.pk]))
    return redirect(reverse("waiting:queue", args=[request.alliance.slug, offer.pk]))
