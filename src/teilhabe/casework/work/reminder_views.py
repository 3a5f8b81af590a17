"""Own reminders and appointments: for one person (from the person page) and for many at
once (the caseload list's bulk action). Persons are reached through the owner's access."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from teilhabe.casework.work.reminder_forms import ReminderForm
from teilhabe.casework.work.reminders import followup_create, reminder_colleagues
from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.people.access import PersonAccess
from teilhabe.people.intake.selectors import owner_access
from teilhabe.people.sections import person_url

SECTION = "reminders"


def _form(
    request: AllianceRequest, access: PersonAccess, data: Any = None, auto_id: str = "id_%s"
) -> ReminderForm:
    return ReminderForm(
        data,
        colleagues=reminder_colleagues(access.organisation),
        me=request.user,  # type: ignore[arg-type]
        auto_id=auto_id,
    )


def _create(request: AllianceRequest, access: PersonAccess, data: dict[str, Any]) -> None:
    followup_create(
        access=access,
        actor=request.user,
        kind=data["kind"],
        due_on=data["due_on"],
        time=data["time"],
        note=data["note"],
        assigned_to=data["assigned_to"],
    )


@require_http_methods(["GET", "POST"])
def reminder_create(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    back = person_url(request.alliance.slug, person_id, SECTION)
    if request.method == "GET" and request.htmx:
        # The person page loads the form only when its fold is opened: the page itself
        # stays without the colleagues' query and the form's rendering.
        return TemplateResponse(
            request,
            "casework/work/_reminder_inline_form.html",
            {"form": _form(request, access, auto_id="reminder-%s"), "person": access.person},
        )
    form = _form(request, access, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            _create(request, access, form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The reminder has been saved."))
            return redirect(back)
    return TemplateResponse(
        request,
        "casework/work/reminder_form.html",
        {"form": form, "persons": [access.person], "back_url": back, "bulk": False},
    )


@require_POST
def reminders_bulk(request: AllianceRequest) -> HttpResponse:
    """From the caseload list: first the form (persons as hidden fields), then one
    reminder per person, all or none. A person the user may not work on answers 404."""
    accesses = []
    for value in dict.fromkeys(request.POST.getlist("person")):
        try:
            accesses.append(owner_access(request.principal, uuid.UUID(value)))
        except ValueError as exc:
            raise Http404 from exc
    if not accesses:
        messages.error(request, _("Choose at least one person."))
        return redirect("people:list", request.alliance.slug)
    back = reverse("people:list", args=[request.alliance.slug])
    submitted = request.POST.get("schritt") == "anlegen"
    form = _form(request, accesses[0], request.POST if submitted else None)
    if submitted and form.is_valid():
        try:
            with transaction.atomic():
                for access in accesses:
                    _create(request, access, form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("%(count)d reminders have been saved.") % {"count": len(accesses)}
            )
            return redirect(back)
    return TemplateResponse(
        request,
        "casework/work/reminder_form.html",
        {
            "form": form,
            "persons": [a.person for a in accesses],
            "back_url": back,
            "bulk": True,
        },
    )
