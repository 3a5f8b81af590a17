"""Pages that record a change of legal domain and the interpreter need. Only the owning
organisation's case managers reach them (404 for everyone else, as the entry pages)."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.core.web import AllianceRequest
from teilhabe.people.domains import services
from teilhabe.people.domains.forms import DomainEndForm, InterpreterForm, change_form
from teilhabe.people.intake.forms import initial_from
from teilhabe.people.intake.selectors import owned_entry, owner_access
from teilhabe.people.intake.views.entries import _delete_page, _form_page
from teilhabe.people.languages import language_name
from teilhabe.people.models import InterpreterNeed, LegalDomainPeriod


@require_http_methods(["GET", "POST"])
def domain_change(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    form_class = change_form(services.open_periods(access.person.pk))
    return _form_page(
        request,
        access=access,
        form_class=form_class,
        save=lambda form: services.legal_domain_change(access=access, change=form.change()),
        heading=_("Record a change of legal domain"),
        anchor="legal_domains",
        saved=_("The change of legal domain has been recorded."),
    )


@require_http_methods(["GET", "POST"])
def domain_end(request: AllianceRequest, period_id: uuid.UUID) -> HttpResponse:
    access, period = owned_entry(request.principal, LegalDomainPeriod, period_id)
    return _form_page(
        request,
        access=access,
        form_class=DomainEndForm,
        save=lambda form: services.legal_domain_end(
            access=access, period=period, ended_on=form.cleaned_data["ended_on"]
        ),
        heading=_("End a legal domain: %(domain)s") % {"domain": period.get_domain_display()},
        anchor="legal_domains",
        initial={"ended_on": timezone.localdate()},
        saved=_("The end of the legal domain has been recorded."),
    )


@require_http_methods(["GET", "POST"])
def domain_delete(request: AllianceRequest, period_id: uuid.UUID) -> HttpResponse:
    access, period = owned_entry(request.principal, LegalDomainPeriod, period_id)
    return _delete_page(
        request,
        access=access,
        delete=lambda: services.legal_domain_period_delete(access=access, period=period),
        heading=_("Delete a legal-domain entry"),
        what=str(period),
        anchor="legal_domains",
        deleted=_("The legal-domain entry has been deleted."),
    )


@require_http_methods(["GET", "POST"])
def interpreter_add(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    return _form_page(
        request,
        access=access,
        form_class=InterpreterForm,
        save=lambda form: services.interpreter_need_set(
            access=access, data=form.interpreter_data()
        ),
        heading=_("Record an interpreter need"),
        anchor="interpreter",
        saved=_("The interpreter need has been saved."),
    )


@require_http_methods(["GET", "POST"])
def interpreter_edit(request: AllianceRequest, need_id: uuid.UUID) -> HttpResponse:
    access, need = owned_entry(request.principal, InterpreterNeed, need_id)
    return _form_page(
        request,
        access=access,
        form_class=InterpreterForm,
        save=lambda form: services.interpreter_need_set(
            access=access, data=form.interpreter_data()
        ),
        heading=_("Change an interpreter need"),
        anchor="interpreter",
        initial=initial_from(need, ["language", "needed", "note"]),
        saved=_("The interpreter need has been saved."),
    )


@require_http_methods(["GET", "POST"])
def interpreter_delete(request: AllianceRequest, need_id: uuid.UUID) -> HttpResponse:
    access, need = owned_entry(request.principal, InterpreterNeed, need_id)
    return _delete_page(
        request,
        access=access,
        delete=lambda: services.interpreter_need_delete(access=access, need=need),
        heading=_("Delete an interpreter need"),
        what=language_name(need.language),
        anchor="interpreter",
        deleted=_("The interpreter need has been deleted."),
    )
