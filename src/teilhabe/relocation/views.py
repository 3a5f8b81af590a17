"""Pages of a move to another alliance: the sender's start form (from the person page),
the receiver's inbox, one handover with what the consent covers, accept and decline."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.casework.models import DataCategory
from teilhabe.core.web import AllianceRequest, alliance_view, form_page
from teilhabe.people.access import access_label, get_person_access
from teilhabe.people.sections import person_url
from teilhabe.relocation import selectors, services
from teilhabe.relocation.copying import MASTER_DATA, TRANSFERABLE

PAGE_SIZE = 25


class OfficeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.alliance.name} – {obj.name}"


class RelocationForm(forms.Form):
    to_organisation = OfficeField(
        queryset=None, label=gettext_lazy("Teilhabemanagement of the new alliance")
    )
    categories = forms.MultipleChoiceField(
        label=gettext_lazy("What the person agrees to pass on"),
        choices=[(c, label) for c, label in DataCategory.choices if c in TRANSFERABLE],
        widget=forms.CheckboxSelectMultiple,
        initial=[MASTER_DATA],
        help_text=gettext_lazy(
            "The master data are always passed on. Needs, plan, contacts and notes stay here."
        ),
    )
    consent_given = forms.BooleanField(
        label=gettext_lazy("The person has agreed to this handover (signed form).")
    )

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = offices  # type: ignore[attr-defined]


@alliance_view("staff")
def relocation_start(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = get_person_access(request.principal, person_id)
    if not access.is_owner:
        raise Http404
    offices = services.receiving_offices(access)
    form = RelocationForm(request.POST or None, offices=offices)
    back = person_url(request.alliance.slug, person_id, "relocation")

    def save(data: dict[str, Any]) -> str:
        services.relocation_send(
            access=access, to_organisation=data["to_organisation"], categories=data["categories"]
        )
        return back

    return form_page(
        request,
        form,
        save=save,
        title=_("Move to another alliance – hand over"),
        preline=access_label(access),
        intro=_(
            "The Teilhabemanagement of the new alliance receives the chosen data once it "
            "accepts. Your case is then closed with “moved away – handed over”; what your "
            "retention requires stays here."
        ),
        submit=_("Start handover"),
        back_url=back,
        success=_("The handover was sent. The new alliance will answer."),
    )


def _case_manager(request: AllianceRequest) -> None:
    # Handovers go to a Teilhabemanagement's case management; nobody else has an inbox.
    if not request.principal.case_manager_memberships():
        raise Http404


@alliance_view("staff")
def inbox(request: AllianceRequest) -> HttpResponse:
    _case_manager(request)
    rows = selectors.incoming_for(request.principal)
    status = request.GET.get("status", "requested")
    if status in {"requested", "accepted", "declined"}:
        rows = rows.filter(status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("seite"))
    items = [(r, selectors.label(r)) for r in page]
    return TemplateResponse(
        request,
        "relocation/inbox.html",
        {"page": page, "items": items, "status": status},
    )


@alliance_view("staff")
def detail(request: AllianceRequest, relocation_id: uuid.UUID) -> HttpResponse:
    relocation = selectors.incoming_get(request.principal, relocation_id)
    preview = selectors.preview(relocation)
    services.relocation_preview_record(principal=request.principal, relocation=relocation)
    created_url = (
        person_url(request.alliance.slug, relocation.created_person_id)
        if relocation.created_person_id
        else ""
    )
    return TemplateResponse(
        request,
        "relocation/detail.html",
        {
            "relocation": relocation,
            "label": selectors.label(relocation),
            "person": relocation.person if MASTER_DATA in preview.categories else None,
            "preview": preview,
            "category_labels": [
                label for c, label in DataCategory.choices if c in preview.categories
            ],
            "created_url": created_url,
        },
    )


@alliance_view("staff")
def accept(request: AllianceRequest, relocation_id: uuid.UUID) -> HttpResponse:
    relocation = selectors.incoming_get(request.principal, relocation_id)
    if request.method != "POST":  # after the access check: 405 only for the receiver
        return HttpResponseNotAllowed(["POST"])
    try:
        person = services.relocation_accept(principal=request.principal, relocation=relocation)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("relocation:detail", request.alliance.slug, relocation.pk)
    messages.success(request, _("The person was taken over."))
    return redirect(person_url(request.alliance.slug, person.pk))


@alliance_view("staff")
def decline(request: AllianceRequest, relocation_id: uuid.UUID) -> HttpResponse:
    relocation = selectors.incoming_get(request.principal, relocation_id)
    if request.method != "POST":  # after the access check: 405 only for the receiver
        return HttpResponseNotAllowed(["POST"])
    try:
        services.relocation_decline(principal=request.principal, relocation=relocation)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("relocation:detail", request.alliance.slug, relocation.pk)
    messages.success(request, _("The handover was declined."))
    return redirect(reverse("relocation:inbox", args=[request.alliance.slug]))
