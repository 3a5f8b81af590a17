"""Pages of master data, residence status and profile entries of a person after intake.

Every page starts from the access helpers and answers 404 to anyone but the owning
organisation's case managers (partners with a consent only read, on the person page).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.people.access import PersonAccess
from teilhabe.people.intake import profile_services, status_services
from teilhabe.people.intake.forms import (
    LANGUAGE_PREFIX,
    CertificateForm,
    EditLanguageFormSet,
    ExperienceForm,
    PersonEditForm,
    ProfileEditForm,
    StatusEntryForm,
    initial_from,
)
from teilhabe.people.intake.selectors import owned_entry, owner_access
from teilhabe.people.intake.services import person_language_set, person_update
from teilhabe.people.models import Certificate, Experience, Profile, ResidenceStatusEntry
from teilhabe.people.sections import person_url
from teilhabe.people.services import person_view_record

MASTER_FIELDS = [
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "nationality",
    "residence",
    "arrival_date",
    "phone",
    "email",
    "address",
]


def _person_url(request: AllianceRequest, access: PersonAccess, section: str = "") -> str:
    return person_url(request.alliance.slug, access.person.pk, section)


# --- master data and languages -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def person_edit(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    person = access.person
    gemeinden = request.alliance.gemeinden()
    if request.method == "POST":
        form = PersonEditForm(request.POST, gemeinden=gemeinden)
        languages = EditLanguageFormSet(request.POST, prefix=LANGUAGE_PREFIX)
        if form.is_valid() and languages.is_valid():
            try:
                with transaction.atomic():
                    person_update(
                        access=access,
                        version=form.cleaned_data["version"],
                        data=form.master_data(),
                    )
                    person_language_set(access=access, languages=languages.entries())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The master data have been saved."))
                return redirect(_person_url(request, access))
    else:
        person_view_record(access=access)
        initial = initial_from(person, MASTER_FIELDS)
        form = PersonEditForm(initial={**initial, "version": person.version}, gemeinden=gemeinden)
        languages = EditLanguageFormSet(
            prefix=LANGUAGE_PREFIX,
            initial=[
                {"language": row.language, "level": row.level, "certified": row.certified}
                for row in person.languages.all()
            ],
        )
    return TemplateResponse(
        request,
        "people/intake/person_edit.html",
        {"person": person, "form": form, "language_formset": languages},
    )


# --- one generic form page for the entries of a person -----------------------------------


def _form_page(
    request: AllianceRequest,
    *,
    access: PersonAccess,
    form_class: type[forms.Form],
    save: Callable[[Any], object],
    heading: str,
    anchor: str,
    initial: dict[str, Any] | None = None,
    saved: str,
) -> HttpResponse:
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                save(form)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, saved)
                return redirect(_person_url(request, access, anchor))
    else:
        if initial is not None:
            person_view_record(access=access)
        form = form_class(initial=initial)
    return TemplateResponse(
        request,
        "people/intake/entry_form.html",
        {"person": access.person, "form": form, "heading": heading, "anchor": anchor},
    )


def _delete_page(
    request: AllianceRequest,
    *,
    access: PersonAccess,
    delete: Callable[[], object],
    heading: str,
    what: str,
    anchor: str,
    deleted: str,
) -> HttpResponse:
    if request.method == "POST":
        delete()
        messages.success(request, deleted)
        return redirect(_person_url(request, access, anchor))
    return TemplateResponse(
        request,
        "people/intake/confirm_delete.html",
        {"person": access.person, "heading": heading, "what": what, "anchor": anchor},
    )


STATUS_FIELDS = [
    "status",
    "legal_basis",
    "valid_from",
    "valid_until",
    "document_seen",
    "conditions",
    "conditions_note",
    "residence_gemeinde",
    "residence_kreis",
]


@require_http_methods(["GET", "POST"])
def status_add(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    return _form_page(
        request,
        access=access,
        form_class=StatusEntryForm,
        save=lambda form: status_services.status_entry_add(access=access, data=form.status_data()),
        heading=_("Add a residence status"),
        anchor="status",
        saved=_("The residence status has been added."),
    )


@require_http_methods(["GET", "POST"])
def status_edit(request: AllianceRequest, status_entry_id: uuid.UUID) -> HttpResponse:
    access, entry = owned_entry(request.principal, ResidenceStatusEntry, status_entry_id)
    return _form_page(
        request,
        access=access,
        form_class=StatusEntryForm,
        save=lambda form: status_services.status_entry_update(
            access=access, entry=entry, data=form.status_data()
        ),
        heading=_("Correct a residence status"),
        anchor="status",
        initial=initial_from(entry, STATUS_FIELDS),
        saved=_("The residence status has been corrected."),
    )


@require_http_methods(["GET", "POST"])
def status_delete(request: AllianceRequest, status_entry_id: uuid.UUID) -> HttpResponse:
    access, entry = owned_entry(request.principal, ResidenceStatusEntry, status_entry_id)
    return _delete_page(
        request,
        access=access,
        delete=lambda: status_services.status_entry_delete(access=access, entry=entry),
        heading=_("Delete a residence status"),
        what=str(entry),
        anchor="status",
        deleted=_("The residence status has been deleted."),
    )


PROFILE_FIELDS = [
    "school_years_abroad",
    "school_years_germany",
    "interests",
    "goals",
]


@require_http_methods(["GET", "POST"])
def profile_edit(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    profile = Profile.objects.filter(person=access.person).first()
    return _form_page(
        request,
        access=access,
        form_class=ProfileEditForm,
        save=lambda form: profile_services.profile_update(access=access, data=form.profile_data()),
        heading=_("Edit schooling, interests and goals"),
        anchor="profile",
        initial=initial_from(profile, PROFILE_FIELDS) if profile else {},
        saved=_("The profile has been saved."),
    )


CERTIFICATE_FIELDS = ["title", "country", "level", "issued_on", "recognition"]
EXPERIENCE_FIELDS = [
    "kind",
    "title",
    "employer_entry",
    "employer",
    "country",
    "started_on",
    "ended_on",
]


@require_http_methods(["GET", "POST"])
def certificate_add(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    return _form_page(
        request,
        access=access,
        form_class=CertificateForm,
        save=lambda form: profile_services.certificate_add(
            access=access, data=form.certificate_data()
        ),
        heading=_("Add a certificate"),
        anchor="profile",
        saved=_("The certificate has been added."),
    )


@require_http_methods(["GET", "POST"])
def certificate_edit(request: AllianceRequest, certificate_id: uuid.UUID) -> HttpResponse:
    access, certificate = owned_entry(request.principal, Certificate, certificate_id)
    return _form_page(
        request,
        access=access,
        form_class=CertificateForm,
        save=lambda form: profile_services.certificate_update(
            access=access, certificate=certificate, data=form.certificate_data()
        ),
        heading=_("Edit a certificate"),
        anchor="profile",
        initial=initial_from(certificate, CERTIFICATE_FIELDS),
        saved=_("The certificate has been saved."),
    )


@require_http_methods(["GET", "POST"])
def certificate_delete(request: AllianceRequest, certificate_id: uuid.UUID) -> HttpResponse:
    access, certificate = owned_entry(request.principal, Certificate, certificate_id)
    return _delete_page(
        request,
        access=access,
        delete=lambda: profile_services.certificate_delete(access=access, certificate=certificate),
        heading=_("Delete a certificate"),
        what=certificate.title,
        anchor="profile",
        deleted=_("The certificate has been deleted."),
    )


@require_http_methods(["GET", "POST"])
def experience_add(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    return _form_page(
        request,
        access=access,
        form_class=ExperienceForm,
        save=lambda form: profile_services.experience_add(
            access=access, data=form.experience_data()
        ),
        heading=_("Add experience"),
        anchor="profile",
        saved=_("The experience has been added."),
    )


@require_http_methods(["GET", "POST"])
def experience_edit(request: AllianceRequest, experience_id: uuid.UUID) -> HttpResponse:
    access, experience = owned_entry(request.principal, Experience, experience_id)
    return _form_page(
        request,
        access=access,
        form_class=ExperienceForm,
        save=lambda form: profile_services.experience_update(
            access=access, experience=experience, data=form.experience_data()
        ),
        heading=_("Edit experience"),
        anchor="profile",
        initial=initial_from(experience, EXPERIENCE_FIELDS),
        saved=_("The experience has been saved."),
    )


@require_http_methods(["GET", "POST"])
def experience_delete(request: AllianceRequest, experience_id: uuid.UUID) -> HttpResponse:
    access, experience = owned_entry(request.principal, Experience, experience_id)
    return _delete_page(
        request,
        access=access,
        delete=lambda: profile_services.experience_delete(access=access, experience=experience),
        heading=_("Delete experience"),
        what=experience.title,
        anchor="profile",
        deleted=_("The experience has been deleted."),
    )
