"""Pages of the mentoring app: the volunteer's profile and "Meine Begleitung", the case
manager's pairing from the person page, the volunteer organisation's check-ins."""

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
from django.views.decorators.http import require_POST

from teilhabe.core.models import Role
from teilhabe.core.web import AllianceRequest, alliance_view, form_page
from teilhabe.mentoring import selectors, services
from teilhabe.mentoring.forms import CheckInForm, CloseForm, PairForm, ProfileForm
from teilhabe.people.access import get_person_access
from teilhabe.people.sections import person_url

PAGE_SIZE = 20


def _volunteer(request: AllianceRequest) -> None:
    if not request.principal.has_role(Role.VOLUNTEER):
        raise Http404


@alliance_view("member")
def my_pairs(request: AllianceRequest) -> HttpResponse:
    """Meine Begleitung: the volunteer's active pairs, each as far as its consent holds."""
    _volunteer(request)
    shown = selectors.pairs_for_volunteer(request.principal)
    for pair, seen in shown:
        services.accompaniment_view_record(principal=request.principal, pair=pair, accompanied=seen)
    return TemplateResponse(
        request,
        "mentoring/my_pairs.html",
        {"pairs": shown, "profile": selectors.volunteer_profile_get(request.principal)},
    )


@alliance_view("member")
def pair_detail(request: AllianceRequest, pair_id: uuid.UUID) -> HttpResponse:
    _volunteer(request)
    pair, seen = selectors.pair_for_volunteer(request.principal, pair_id)
    services.accompaniment_view_record(principal=request.principal, pair=pair, accompanied=seen)
    return TemplateResponse(request, "mentoring/pair_detail.html", {"pair": pair, "seen": seen})


@alliance_view("member")
def profile_edit(request: AllianceRequest) -> HttpResponse:
    _volunteer(request)
    profile = selectors.volunteer_profile_get(request.principal)
    initial = {}
    if profile and not profile.consent_withdrawn_on:
        initial = {k: getattr(profile, k) for k in ("availability", "languages", "skills")}
    form = ProfileForm(request.POST or None, initial=initial)
    back = reverse("mentoring:my_pairs", args=[request.alliance.slug])

    def save(data: dict) -> str:
        services.volunteer_profile_set(
            principal=request.principal,
            organisation=request.principal.organisations(Role.VOLUNTEER)[0],
            availability=data["availability"],
            languages=data["languages"],
            skills=data["skills"],
        )
        return back

    return form_page(
        request,
        form,
        save=save,
        title=_("Your volunteer profile"),
        submit=_("Save profile"),
        back_url=back,
        success=_("Your profile has been saved."),
        intro=_("Case managers of the alliance find you by these details."),
    )


@require_POST
@alliance_view("member")
def profile_withdraw(request: AllianceRequest) -> HttpResponse:
    _volunteer(request)
    profile = selectors.volunteer_profile_get(request.principal)
    if profile is None:
        raise Http404
    services.volunteer_profile_withdraw(principal=request.principal, profile=profile)
    messages.success(request, _("Your consent has been withdrawn and your details erased."))
    return redirect("mentoring:my_pairs", request.alliance.slug)


@alliance_view("staff")
def pair_create(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    """The case manager pairs the person with a volunteer (search by languages and time)."""
    access = get_person_access(request.principal, person_id)
    languages = request.GET.get("sprachen", "")[:100]
    availability = request.GET.get("zeit", "")[:100]
    volunteers = selectors.volunteers_list(access, languages=languages, availability=availability)
    page = Paginator(volunteers, PAGE_SIZE).get_page(request.GET.get("seite"))
    form = PairForm(request.POST or None)
    field: Any = form.fields["volunteer"]
    field.queryset = volunteers if request.method == "POST" else page.object_list
    field.label_from_instance = lambda v: (
        f"{v.user.get_full_name() or v.user.get_username()} ({v.organisation.name}) – "
        f"{v.languages or '–'}; {v.availability or '–'}"
    )
    back = person_url(request.alliance.slug, person_id, "mentoring")

    def save(data: dict) -> str:
        services.mentoring_pair_create(
            access=access,
            volunteer=data["volunteer"],
            goal=data["goal"],
            started_on=data["started_on"],
        )
        return back

    return form_page(
        request,
        form,
        save=save,
        title=_("Start a mentoring pair"),
        submit=_("Start the pair"),
        back_url=back,
        success=_("The mentoring pair has been started."),
        template="mentoring/pair_form.html",
        extra={"page": page, "search_languages": languages, "search_availability": availability},
    )


@alliance_view("staff")
def pair_close(request: AllianceRequest, person_id: uuid.UUID, pair_id: uuid.UUID) -> HttpResponse:
    access = get_person_access(request.principal, person_id)
    pair = selectors.pair_of_person(access, pair_id)
    if pair.ended_on:
        raise Http404
    back = person_url(request.alliance.slug, person_id, "mentoring")

    def save(data: dict) -> str:
        services.mentoring_pair_close(
            access=access, pair=pair, ended_on=data["ended_on"], end_reason=data["end_reason"]
        )
        return back

    return form_page(
        request,
        CloseForm(request.POST or None),
        save=save,
        title=_("End the mentoring pair"),
        submit=_("End the pair"),
        back_url=back,
        success=_("The mentoring pair has been ended."),
    )


@alliance_view("staff")
def coordination(request: AllianceRequest) -> HttpResponse:
    """The volunteer organisation's coordinator: its active pairs and their check-ins."""
    if not request.principal.is_coordinator:
        raise Http404
    pairs = selectors.pairs_for_coordinator(request.principal)
    return TemplateResponse(request, "mentoring/coordination.html", {"pairs": pairs})


@alliance_view("staff")
def checkin_create(request: AllianceRequest, pair_id: uuid.UUID) -> HttpResponse:
    pair = selectors.pair_for_coordinator(request.principal, pair_id)
    back = reverse("mentoring:coordination", args=[request.alliance.slug])

    def save(data: dict) -> str:
        services.checkin_record(
            principal=request.principal, pair=pair, on=data["on"], note=data["note"]
        )
        return back

    return form_page(
        request,
        CheckInForm(request.POST or None),
        save=save,
        title=_("Record a check-in"),
        submit=_("Save the check-in"),
        back_url=back,
        success=_("The check-in has been saved."),
    )
