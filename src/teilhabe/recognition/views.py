"""Pages of a recognition procedure, reached from the person page (area "bildung"): open
it for a certificate, record the decision, record a withdrawal. Only the owning
organisation's case managers; everyone else gets 404 (partners read on the person page)."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.core.web import AllianceRequest, form_page
from teilhabe.people.intake.selectors import owned_entry
from teilhabe.people.models import Certificate
from teilhabe.people.sections import person_url
from teilhabe.recognition import services
from teilhabe.recognition.forms import DecideForm, OpenForm, WithdrawForm
from teilhabe.recognition.selectors import procedure_get

SECTION = "recognition"


@require_http_methods(["GET", "POST"])
def procedure_open(request: AllianceRequest, certificate_id: uuid.UUID) -> HttpResponse:
    access, certificate = owned_entry(request.principal, Certificate, certificate_id)
    back = person_url(request.alliance.slug, access.person.pk, SECTION)

    def save(data: dict) -> str:
        services.recognition_open(
            access=access, certificate=certificate, data=services.ProcedureData(**data)
        )
        return back

    return form_page(
        request,
        OpenForm(request.POST or None),
        save=save,
        title=_("Record an application for recognition"),
        preline=certificate.title,
        submit=_("Record the application"),
        back_url=back,
        success=_("The application for recognition has been recorded."),
        intro=_(
            "Which body decides depends on the certificate: school certificates go to the "
            "Bezirksregierung, vocational qualifications to the chamber of the profession, "
            "university degrees to the ZAB."
        ),
    )


@require_http_methods(["GET", "POST"])
def procedure_decide(request: AllianceRequest, procedure_id: uuid.UUID) -> HttpResponse:
    access, procedure = procedure_get(request.principal, procedure_id)
    back = person_url(request.alliance.slug, access.person.pk, SECTION)
    initial = {"reference_qualification": procedure.reference_qualification}

    def save(data: dict) -> str:
        services.recognition_decide(access=access, procedure=procedure, **data)
        return back

    return form_page(
        request,
        DecideForm(request.POST or None, initial=initial),
        save=save,
        title=_("Record the decision on recognition"),
        preline=procedure.certificate.title,
        submit=_("Record the decision"),
        back_url=back,
        success=_("The decision has been recorded."),
    )


@require_http_methods(["GET", "POST"])
def procedure_withdraw(request: AllianceRequest, procedure_id: uuid.UUID) -> HttpResponse:
    access, procedure = procedure_get(request.principal, procedure_id)
    back = person_url(request.alliance.slug, access.person.pk, SECTION)

    def save(data: dict) -> str:
        services.recognition_withdraw(
            access=access, procedure=procedure, withdrawn_on=data["withdrawn_on"]
        )
        return back

    return form_page(
        request,
        WithdrawForm(request.POST or None),
        save=save,
        title=_("Record the withdrawal of the application"),
        preline=procedure.certificate.title,
        submit=_("Record the withdrawal"),
        back_url=back,
        success=_("The withdrawal has been recorded."),
    )
