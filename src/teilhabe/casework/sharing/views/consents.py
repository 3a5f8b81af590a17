"""Consent pages: record, show (with its disclosures), withdraw, evidence, printable form.

All of them belong to the owning organisation's case managers; anyone else gets 404.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.casework.models import Consent, Referral
from teilhabe.casework.sharing import selectors as sel
from teilhabe.casework.sharing import services
from teilhabe.casework.sharing.forms import ConsentForm, ConsentWithdrawForm, EvidenceForm
from teilhabe.casework.sharing.pdf import ConsentScope
from teilhabe.core.audit import audit_record
from teilhabe.core.downloads import bytes_download, file_download
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.roles import Principal
from teilhabe.core.uploads import content_type_for, download_name
from teilhabe.core.web import NEXT_PARAM, AllianceRequest, apply_errors, safe_next
from teilhabe.people.access import PersonAccess, get_person_access


def _owner_access(request: AllianceRequest, person_id: uuid.UUID) -> PersonAccess:
    principal: Principal = request.principal
    access = get_person_access(principal, person_id)
    if not access.is_owner:
        raise Http404
    return access


def _render_form(
    request: HttpRequest, access: PersonAccess, form: ConsentForm, back: str | None = None
) -> HttpResponse:
    return TemplateResponse(
        request,
        "casework/sharing/consent_form.html",
        {"person": access.person, "access": access, "form": form, "back": back},
    )


@require_http_methods(["GET", "POST"])
def consent_create(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = _owner_access(request, person_id)
    form = ConsentForm(
        request.POST or None,
        request.FILES or None,
        owner=access.organisation,
        initial=_prefill(request, access),
    )
    back = safe_next(request, request.POST.get(NEXT_PARAM) or request.GET.get(NEXT_PARAM))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consent = services.consent_record(
                access=access,
                recipients=list(data["recipients"]),
                purpose=data["purpose"],
                purpose_detail=data["purpose_detail"],
                categories=data["categories"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                evidence=data.get("evidence") or None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The consent has been recorded."))
            if back:  # e.g. back to the referral that needed the consent
                return redirect(back)
            return redirect("people:sharing:consent_detail", request.alliance.slug, consent.pk)
    return _render_form(request, access, form, back)


def _prefill(request: AllianceRequest, access: PersonAccess) -> dict[str, Any]:
    """From a matched offer: `?empfaenger=<organisation>` names the recipient; the purpose
    is the referral and the categories those a referral needs that it may receive."""
    try:
        recipient_id = uuid.UUID(request.GET.get("empfaenger", ""))
    except ValueError:
        return {}
    recipient = (
        Organisation.objects.filter(alliance=request.alliance, pk=recipient_id)
        .exclude(pk=access.organisation.pk)
        .first()
    )
    if recipient is None:
        return {}
    return {
        "recipients": [recipient],
        "purpose": Consent.Purpose.REFERRAL,
        "categories": sel.categories_for(recipient, list(sel.REFERRAL_CATEGORIES)),
    }


def consent_form_pdf(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    """The printable form for the scope entered in the consent form (not yet recorded)."""
    access = _owner_access(request, person_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ConsentForm(request.POST, owner=access.organisation)
    if not form.is_valid():
        return _render_form(request, access, form)
    data = form.cleaned_data
    scope = ConsentScope(
        person=access.person,
        organisation=access.organisation,
        recipients=list(data["recipients"]),
        purpose=data["purpose"],
        purpose_detail=data["purpose_detail"],
        categories=list(data["categories"]),
        valid_from=data["valid_from"],
        valid_until=data["valid_until"],
    )
    pdf = services.consent_form_export(access=access, scope=scope)
    return bytes_download(pdf, filename="einwilligung.pdf", content_type="application/pdf")


@require_GET
def consent_pdf(request: AllianceRequest, consent_id: uuid.UUID) -> HttpResponse:
    """The printable form of a recorded consent."""
    principal: Principal = request.principal
    consent, access = sel.get_owned_consent(principal, consent_id)
    consent.person = access.person
    pdf = services.consent_form_export(
        access=access, scope=ConsentScope.of(consent), consent=consent
    )
    return bytes_download(pdf, filename="einwilligung.pdf", content_type="application/pdf")


@require_GET
def consent_detail(request: AllianceRequest, consent_id: uuid.UUID) -> HttpResponse:
    principal: Principal = request.principal
    consent, access = sel.get_owned_consent(principal, consent_id)
    audit_record(
        action=AuditEvent.Action.VIEW,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=access.organisation,
        obj=consent,
    )
    disclosures = Paginator(sel.disclosures_of_consent(consent), 25).get_page(
        request.GET.get("seite")
    )
    referrals = (
        Referral.objects.filter(consent=consent)
        .select_related("to_organisation")
        .order_by("-created_at")
    )
    recipients = list(consent.recipients.all())
    return TemplateResponse(
        request,
        "casework/sharing/consent_detail.html",
        {
            "person": access.person,
            "consent": consent,
            "row": sel.consent_rows([consent])[0],
            "recipients": [
                {
                    "organisation": org,
                    "categories": sel.category_labels(sel.categories_for(org, consent.categories)),
                }
                for org in recipients
            ],
            "referrals": referrals,
            "disclosures": disclosures,
        },
    )


@require_http_methods(["GET", "POST"])
def consent_withdraw(request: AllianceRequest, consent_id: uuid.UUID) -> HttpResponse:
    principal: Principal = request.principal
    consent, access = sel.get_owned_consent(principal, consent_id)
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                access=access, consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The consent has been withdrawn."))
            return redirect("people:sharing:consent_detail", request.alliance.slug, consent.pk)
    return TemplateResponse(
        request,
        "casework/sharing/consent_withdraw.html",
        {"person": access.person, "consent": consent, "form": form},
    )


@require_http_methods(["GET", "POST"])
def consent_evidence_upload(request: AllianceRequest, consent_id: uuid.UUID) -> HttpResponse:
    principal: Principal = request.principal
    consent, access = sel.get_owned_consent(principal, consent_id)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_evidence_attach(
                access=access, consent=consent, upload=form.cleaned_data["evidence"]
            )
        except ValidationError as exc:
            form.add_error("evidence", exc)
        else:
            messages.success(request, _("The signed form has been stored."))
            return redirect("people:sharing:consent_detail", request.alliance.slug, consent.pk)
    return TemplateResponse(
        request,
        "casework/sharing/consent_evidence.html",
        {"person": access.person, "consent": consent, "form": form},
    )


@require_GET
def consent_evidence(request: AllianceRequest, consent_id: uuid.UUID) -> HttpResponseBase:
    """Download of the signed form: only for the owner's case managers, never inline."""
    principal: Principal = request.principal
    consent, access = sel.get_owned_consent(principal, consent_id)
    name = consent.evidence.name or ""
    if not name or not consent.evidence.storage.exists(name):
        raise Http404
    services.consent_evidence_download_record(access=access, consent=consent)
    content_type = content_type_for(name)
    return file_download(
        consent.evidence,
        filename=download_name("einwilligung-nachweis", content_type),
        content_type=content_type,
    )
