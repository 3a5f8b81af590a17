"""Privacy pages of one person (/b/<alliance>/datenschutz/personen/<person>/): the Art. 15
answer (PDF, JSON), the restriction request and the Bildungspass.

Open to the owning organisation's case managers (as the person page) and to its
data-protection officer, who alone still reaches a restricted person and whose Art. 15 copy
leaves counselling notes out. The Bildungspass is the case manager's.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.core.audit import audit_record
from teilhabe.core.downloads import bytes_download
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest
from teilhabe.people.access import get_person_access, get_person_for_dpo
from teilhabe.people.models import Person
from teilhabe.privacy import art15, bildungspass, selectors, services
from teilhabe.privacy.forms import BildungspassForm, RestrictionRequestForm


@dataclass(frozen=True)
class Acting:
    person: Person
    organisation: Organisation
    as_dpo: bool


def acting_for(request: AllianceRequest, person_id: uuid.UUID) -> Acting:
    """The owning case manager first; else the owning organisation's DPO; else 404."""
    principal: Principal = request.principal
    try:
        access = get_person_access(principal, person_id)
        if access.is_owner:
            return Acting(access.person, access.organisation, False)
    except Http404:
        pass
    person = get_person_for_dpo(principal, person_id)
    org = principal.dpo_organisation(person.owner_id)
    if org is None:
        raise Http404
    return Acting(person, org, True)


def _audit(request: AllianceRequest, acting: Acting, action: str, purpose: str) -> None:
    audit_record(
        action=action,
        actor=request.user,
        alliance=request.alliance,
        organisation=acting.organisation,
        obj=acting.person,
        purpose=purpose,
    )


@require_GET
def person(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    acting = acting_for(request, person_id)
    _audit(request, acting, AuditEvent.Action.VIEW, "privacy page")
    return TemplateResponse(
        request,
        "privacy/person.html",
        {
            "acting": acting,
            "person": acting.person,
            "restrictions": selectors.restrictions_of_person(acting.person),
            "restriction_form": RestrictionRequestForm(),
            "bildungspass_form": BildungspassForm(),
        },
    )


def _art15(request: AllianceRequest, acting: Acting) -> dict[str, Any]:
    """The answer in the language asked for (`?sprache=en`; German otherwise)."""
    language = request.GET.get("sprache", "de")
    if language not in art15.DOCUMENT_LANGUAGES:
        raise Http404
    return art15.collect(
        acting.person, acting.organisation, include_notes=not acting.as_dpo, language=language
    )


@require_GET
def art15_json(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    acting = acting_for(request, person_id)
    data = _art15(request, acting)
    _audit(request, acting, AuditEvent.Action.EXPORT, "art15 json")
    return bytes_download(
        json.dumps(data, ensure_ascii=False, indent=2),
        filename=f"auskunft-{person_id}.json",
        content_type="application/json",
    )


@require_GET
def art15_pdf(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    acting = acting_for(request, person_id)
    data = _art15(request, acting)
    # The cover letter also in the person's own language, where it exists in it.
    pdf = art15.render_pdf(data, letter=art15.letter_language(acting.person))
    _audit(request, acting, AuditEvent.Action.EXPORT, "art15 pdf")
    return bytes_download(pdf, filename=f"auskunft-{person_id}.pdf", content_type="application/pdf")


def restriction_request(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    acting = acting_for(request, person_id)
    if request.method != "POST":  # after the access check: 404 before 405
        return HttpResponseNotAllowed(["POST"])
    form = RestrictionRequestForm(request.POST)
    if form.is_valid():
        try:
            services.restriction_request(
                actor=request.user,
                person=acting.person,
                organisation=acting.organisation,
                ground=form.cleaned_data["ground"],
            )
            messages.success(
                request, _("Restriction requested; the data-protection officer decides.")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("privacy:person", request.alliance.slug, person_id)


@require_GET
def bildungspass_pdf(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    acting = acting_for(request, person_id)
    if acting.as_dpo:
        raise Http404  # the person's own record is handed out by their case manager
    form = BildungspassForm(request.GET or {"sprache": "en"})
    if not form.is_valid():
        raise Http404
    second = form.cleaned_data["sprache"]
    pdf = bildungspass.render_pdf(acting.person, acting.organisation, second)
    _audit(request, acting, AuditEvent.Action.EXPORT, f"bildungspass {second}")
    return bytes_download(
        pdf, filename=f"bildungspass-{second}.pdf", content_type="application/pdf"
    )
