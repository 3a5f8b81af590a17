"""The early-warning workflow on a person's finding: acknowledge, assess, close
(…/personen/<person>/befunde/<finding>/…). Owning case management only (404 otherwise).

GET shows the action on its own page (works without JavaScript); a POST saves through the
services in trajectories/reviews.py. With htmx the answer is the finding's block, swapped
in place; without, a redirect back to the page the form was on.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.people.access import PersonAccess, get_person_access
from teilhabe.people.sections import person_url
from teilhabe.trajectories import reviews, selectors
from teilhabe.trajectories.forms import FindingAssessForm, FindingCloseForm, with_review_forms
from teilhabe.trajectories.models import Finding

GET_POST = require_http_methods(["GET", "POST"])


class AcknowledgeForm(forms.Form):
    """Nothing to fill in: the button is the whole action."""


def _back(request: AllianceRequest, access: PersonAccess) -> str:
    # Only two fixed targets, never a URL from the request.
    if request.POST.get("zurueck") == "person":
        return person_url(request.alliance.slug, access.person.pk, "participations")
    url = reverse(
        "people:participations:trajectory", args=[request.alliance.slug, access.person.pk]
    )
    return f"{url}#befunde"


def _stated(access: PersonAccess, finding: Finding, form: forms.Form | None = None) -> Finding:
    """The finding with its state and forms; a refused form replaces its empty twin."""
    stated = next(f for f in selectors.findings_with_state(access) if f.pk == finding.pk)
    with_review_forms([stated])
    if isinstance(form, FindingAssessForm):
        stated.assess_form = form  # type: ignore[attr-defined]
    elif isinstance(form, FindingCloseForm):
        stated.close_form = form  # type: ignore[attr-defined]
    return stated


def _action(
    request: AllianceRequest,
    person_id: uuid.UUID,
    finding_id: uuid.UUID,
    *,
    form_class: type[forms.Form],
    save: Callable[..., Any],
    heading: str,
    done: str,
) -> HttpResponse:
    access = get_person_access(request.principal, person_id)
    finding = reviews.finding_of(access, finding_id)  # 404 for anyone but the owner
    auto_id = f"finding-{finding.pk}-%s"
    form = form_class(request.POST or None, auto_id=auto_id)
    if request.method == "POST" and form.is_valid():
        try:
            save(access=access, actor=request.user, finding_id=finding.pk, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if request.htmx:
                return _block(request, access, _stated(access, finding), announce=done)
            messages.success(request, done)
            return redirect(_back(request, access))
    if request.htmx:  # a refused htmx save: the block, its form open with the errors
        return _block(request, access, _stated(access, finding, form), opened=form)
    context = {
        "person": access.person,
        "access": access,
        "finding": _stated(access, finding),
        "form": form,
        "heading": heading,
        "back": request.POST.get("zurueck") or request.GET.get("zurueck") or "",
    }
    return TemplateResponse(request, "trajectories/finding_action.html", context)


def _block(
    request: AllianceRequest,
    access: PersonAccess,
    finding: Finding,
    *,
    announce: str = "",
    opened: forms.Form | None = None,
) -> TemplateResponse:
    return TemplateResponse(
        request,
        "trajectories/_finding.html",
        {
            "finding": finding,
            "person": access.person,
            "can_review": True,
            "announce": announce,
            "opened": type(opened).__name__ if opened is not None else "",
        },
    )


@GET_POST
def finding_acknowledge(
    request: AllianceRequest, person_id: uuid.UUID, finding_id: uuid.UUID
) -> HttpResponse:
    return _action(
        request,
        person_id,
        finding_id,
        form_class=AcknowledgeForm,
        save=reviews.finding_acknowledge,
        heading=_("Acknowledge the finding"),
        done=_("The finding has been acknowledged."),
    )


@GET_POST
def finding_assess(
    request: AllianceRequest, person_id: uuid.UUID, finding_id: uuid.UUID
) -> HttpResponse:
    return _action(
        request,
        person_id,
        finding_id,
        form_class=FindingAssessForm,
        save=reviews.finding_assess,
        heading=_("Assess the finding"),
        done=_("The assessment has been saved."),
    )


@GET_POST
def finding_close(
    request: AllianceRequest, person_id: uuid.UUID, finding_id: uuid.UUID
) -> HttpResponse:
    return _action(
        request,
        person_id,
        finding_id,
        form_class=FindingCloseForm,
        save=reviews.finding_close,
        heading=_("Close the finding"),
        done=_("The finding has been closed."),
    )
