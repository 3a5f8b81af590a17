"""Referral pages: send (owner), the list of incoming and outgoing referrals, the detail
with the receiver's answers and the sender's withdrawal.

The sender's case managers and the receiving organisation's partner staff (while a consent
names it) see a referral; anyone else gets 404. Pages that show a partner who a person is
are logged as disclosures.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.casework.models import Referral
from teilhabe.casework.sharing import selectors as sel
from teilhabe.casework.sharing import services
from teilhabe.casework.sharing.exports import referral_export
from teilhabe.casework.sharing.forms import (
    ReferralDeclineForm,
    ReferralForm,
    ReferralOutcomeForm,
)
from teilhabe.core.exports import export_format, export_response
from teilhabe.core.models import Role
from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.people.access import PersonAccess, get_person_access
from teilhabe.people.services import person_view_record

PAGE_SIZE = 25


@require_http_methods(["GET", "POST"])
def referral_create(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = get_person_access(request.principal, person_id)
    if not access.is_owner:
        raise Http404
    cases = sel.open_cases_of(access.person)
    options = sel.covering_options(access.person)
    form = ReferralForm(request.POST or None, cases=cases, options=options)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        option = data["option"]
        try:
            referral = services.referral_send(
                access=access,
                case=data["case_obj"],
                consent=option.consent,
                to_organisation=option.organisation,
                purpose=data["purpose"],
                categories=data["categories"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The referral has been sent."))
            return redirect("people:sharing:referral_detail", request.alliance.slug, referral.pk)
    return TemplateResponse(
        request,
        "casework/sharing/referral_form.html",
        {"person": access.person, "form": form, "cases": cases, "options": options},
    )


INCOMING = "eingang"
OUTGOING = "ausgang"


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("all")), *Referral.Status.choices],
    )
    richtung = forms.CharField(required=False, widget=forms.HiddenInput)


@require_GET
def referral_inbox(request: AllianceRequest) -> HttpResponseBase:
    """Incoming referrals for partner staff, outgoing ones for case managers (a user with
    both roles switches with `richtung`)."""
    principal = request.principal
    directions = []
    if principal.has_role(Role.PARTNER_STAFF):
        directions.append(INCOMING)
    if principal.has_role(Role.CASE_MANAGER):
        directions.append(OUTGOING)
    if not directions:
        raise Http404
    direction = request.GET.get("richtung", directions[0])
    if direction not in directions:
        direction = directions[0]
    form = ReferralFilterForm(request.GET or None, initial={"richtung": direction})
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    qs = (
        sel.incoming_referrals(principal)
        if direction == INCOMING
        else sel.outgoing_referrals(principal)
    )
    if status:
        qs = qs.filter(status=status)
    fmt = export_format(request)
    if fmt:  # CSV/Excel: all rows, same checks, disclosures logged per chunk as written
        header, export = referral_export(principal, qs, incoming=direction == INCOMING)
        name = "casework.referral_inbox" if direction == INCOMING else "casework.referrals_sent"
        return export_response(
            request,
            fmt=fmt,
            filename=_("referrals"),
            header=header,
            rows=export,
            list_name=name,
            expected=qs,
        )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    rows = list(page.object_list)
    named = sel.referrals_named(principal, rows, incoming=direction == INCOMING)
    services.referral_inbox_disclosures_record(principal=principal, shown=named.disclosures)
    query = request.GET.copy()
    query.pop("seite", None)
    query["richtung"] = direction
    return TemplateResponse(
        request,
        "casework/sharing/referral_inbox.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "named": named.ids,
            "direction": direction,
            "directions": directions,
            "incoming": direction == INCOMING,
            "query": query.urlencode(),
        },
    )


def _detail(
    request: HttpRequest,
    referral: Referral,
    access: PersonAccess,
    side: str,
    *,
    decline_form: ReferralDeclineForm | None = None,
    outcome_form: ReferralOutcomeForm | None = None,
) -> HttpResponse:
    return TemplateResponse(
        request,
        "casework/sharing/referral_detail.html",
        {
            "referral": referral,
            "person": access.person,
            "access": access,
            "side": side,
            "is_sender": side == sel.SENDER,
            "is_receiver": side == sel.RECEIVER,
            "categories": sel.category_labels(referral.categories),
            "decline_form": decline_form or ReferralDeclineForm(),
            "outcome_form": outcome_form or ReferralOutcomeForm(),
        },
    )


@require_GET
def referral_detail(request: AllianceRequest, referral_id: uuid.UUID) -> HttpResponse:
    referral, access, side = sel.get_referral_for(request.principal, referral_id)
    person_view_record(access=access, purpose="referral")
    return _detail(request, referral, access, side)


def referral_answer(request: AllianceRequest, referral_id: uuid.UUID) -> HttpResponse:
    """The receiver accepts, declines with a reason, or records the outcome."""
    referral, access, side = sel.get_referral_for(request.principal, referral_id)
    if side != sel.RECEIVER:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    action = request.POST.get("action", "")
    decline_form = outcome_form = None
    try:
        if action == "accept":
            services.referral_accept(access=access, referral=referral)
            messages.success(request, _("You have accepted the referral."))
        elif action == "decline":
            decline_form = ReferralDeclineForm(request.POST)
            if not decline_form.is_valid():
                return _detail(request, referral, access, side, decline_form=decline_form)
            services.referral_decline(
                access=access, referral=referral, reason=decline_form.cleaned_data["reason"]
            )
            messages.success(request, _("You have declined the referral."))
        elif action == "outcome":
            outcome_form = ReferralOutcomeForm(request.POST)
            if not outcome_form.is_valid():
                return _detail(request, referral, access, side, outcome_form=outcome_form)
            services.referral_record_outcome(
                access=access, referral=referral, outcome=outcome_form.cleaned_data["outcome"]
            )
            messages.success(request, _("The outcome has been recorded."))
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("people:sharing:referral_detail", request.alliance.slug, referral.pk)


def referral_withdraw(request: AllianceRequest, referral_id: uuid.UUID) -> HttpResponse:
    """The sender takes back a referral that has not been answered yet."""
    referral, access, side = sel.get_referral_for(request.principal, referral_id)
    if side != sel.SENDER:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.referral_withdraw(access=access, referral=referral)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The referral has been withdrawn."))
    return redirect("people:sharing:referral_detail", request.alliance.slug, referral.pk)
