"""Pages to record and withdraw a person's work permissions (owner only, 404 otherwise)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.people.intake.permit_forms import WithdrawForm, WorkPermissionForm
from teilhabe.people.intake.permit_services import (
    work_permission_record,
    work_permission_withdraw,
)
from teilhabe.people.intake.selectors import current_status, owned_entry, owner_access
from teilhabe.people.models import WorkPermission
from teilhabe.people.sections import person_url

ANCHOR = "status"


def _page(request: AllianceRequest, person: object, form: object, heading: str) -> HttpResponse:
    return TemplateResponse(
        request,
        "people/intake/entry_form.html",
        {"person": person, "form": form, "heading": heading, "anchor": ANCHOR},
    )


@require_http_methods(["GET", "POST"])
def work_permission_add(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    person = access.person
    if request.method == "POST":
        form = WorkPermissionForm(request.POST, person=person)
        if form.is_valid():
            try:
                work_permission_record(access=access, **form.permission_data())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The work permission has been recorded."))
                return redirect(person_url(request.alliance.slug, person.pk, ANCHOR))
    else:
        current = current_status(person)
        form = WorkPermissionForm(
            person=person,
            initial={
                "status_entry": current.pk if current else None,
                "granted_on": timezone.localdate(),
                "valid_until": current.valid_until if current else None,
            },
        )
    return _page(request, person, form, _("Record a work permission"))


@require_http_methods(["GET", "POST"])
def work_permission_withdraw_page(
    request: AllianceRequest, work_permission_id: uuid.UUID
) -> HttpResponse:
    access, permission = owned_entry(request.principal, WorkPermission, work_permission_id)
    if request.method == "POST":
        form = WithdrawForm(request.POST)
        if form.is_valid():
            work_permission_withdraw(
                access=access, permission=permission, on=form.cleaned_data["withdrawn_on"]
            )
            messages.success(request, _("The work permission has been withdrawn."))
            return redirect(person_url(request.alliance.slug, access.person.pk, ANCHOR))
    else:
        form = WithdrawForm(initial={"withdrawn_on": timezone.localdate()})
    return _page(request, access.person, form, _("Withdraw a work permission"))
