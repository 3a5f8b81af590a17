"""Pages of intake, master data, residence status and profile.

Every page that touches a person starts from the access helpers and answers 404 to anyone
but the owning organisation's case managers (partners with a consent only read, on the
person page). Intake itself is open to every case manager of the alliance, for their own
organisation.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.casework.models import TriState
from teilhabe.core.models import Organisation, Role
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.people.access import PersonAccess
from teilhabe.people.intake import profile_services, status_services
from teilhabe.people.intake.forms import (
    CertificateForm,
    EditLanguageFormSet,
    EligibilityForm,
    ExperienceForm,
    IntakeForm,
    IntakeLanguageFormSet,
    PersonEditForm,
    ProfileForm,
    StatusEntryForm,
    initial_from,
)
from teilhabe.people.intake.selectors import eligibility, owned_entry, owner_access
from teilhabe.people.intake.services import person_intake, person_language_set, person_update
from teilhabe.people.models import Certificate, Experience, Profile, ResidenceStatusEntry
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
LANGUAGE_PREFIX = "sprachen"
STATUS_PREFIX = "status"
PROFILE_PREFIX = "profil"


def _intake_organisations(principal: Principal) -> list[Organisation]:
    organisations = principal.organisations(Role.CASE_MANAGER)
    if not organisations:
        raise Http404
    return organisations


def _person_url(request: AllianceRequest, access: PersonAccess, anchor: str = "") -> str:
    url = reverse("people:detail", args=[request.alliance.slug, access.person.pk])
    return f"{url}#{anchor}" if anchor else url


# --- intake ------------------------------------------------------------------------------


class _PreviewForm(EligibilityForm):
    """Lenient parse of the intake form for the eligibility preview: nothing is required."""

    date_of_birth = forms.DateField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


def _eligibility_context(data: Any = None) -> dict[str, Any]:
    form = _PreviewForm(data) if data is not None else _PreviewForm()
    values: dict[str, Any] = {}
    if data is not None:
        form.is_valid()
        values = form.cleaned_data
    else:
        values = {name: field.initial for name, field in form.fields.items()}
        values["intake_date"] = form.fields["intake_date"].initial()  # type: ignore[misc]
    result = eligibility(
        date_of_birth=values.get("date_of_birth"),
        intake_date=values.get("intake_date"),
        answers={k: v for k, v in values.items() if isinstance(v, str)},
    )
    criteria = [
        (EligibilityForm.base_fields[name].label, TriState(value).label)
        for name, value in result.answers.items()
    ]
    return {"eligibility": result, "criteria": criteria}


def _spread_errors(exc: ValidationError, main: forms.Form, *sections: forms.Form) -> None:
    """The intake service's ValidationError on the section forms: each message on the form
    that has the field it names; the rest on the main form (apply_errors, per form)."""
    by_form: list[tuple[forms.Form, dict[str, Any]]] = [(f, {}) for f in (*sections, main)]
    named = exc.error_dict.items() if hasattr(exc, "error_dict") else [(None, exc.error_list)]
    for name, errors in named:
        target = next((d for f, d in by_form if name in f.fields), by_form[-1][1])
        target[name] = errors
    for form, errors in by_form:
        if errors:
            apply_errors(form, ValidationError(errors))


def _intake_forms(
    request: AllianceRequest, organisations: list[Organisation], data: Any = None
) -> dict[str, Any]:
    """The sections of the one intake form, bound to `data` on a POST."""
    return {
        "form": IntakeForm(
            data, organisations=organisations, gemeinden=request.alliance.gemeinden()
        ),
        "status_form": StatusEntryForm(data, prefix=STATUS_PREFIX),
        "language_formset": IntakeLanguageFormSet(data, prefix=LANGUAGE_PREFIX),
        "profile_form": ProfileForm(data, prefix=PROFILE_PREFIX),
    }


@require_http_methods(["GET", "POST"])
def intake(request: AllianceRequest) -> HttpResponse:
    """Person, residence and contact, first residence status, languages, schooling and the
    case in one form and one transaction; then straight to the new person's page."""
    principal = request.principal
    organisations = _intake_organisations(principal)
    parts = _intake_forms(request, organisations, request.POST or None)
    form, status_form = parts["form"], parts["status_form"]
    languages, profile_form = parts["language_formset"], parts["profile_form"]
    if request.method == "POST":
        valid = [form.is_valid(), status_form.is_valid(), languages.is_valid()]
        if all([*valid, profile_form.is_valid()]):
            try:
                case = person_intake(
                    alliance=request.alliance,
                    organisation=form.chosen_organisation(),
                    actor=principal.user,
                    data=form.master_data(),
                    languages=languages.entries(),
                    answers=form.answers(),
                    intake_date=form.cleaned_data["intake_date"],
                    confirmations=form.confirmations(),
                    status=status_form.status_data(),
                    profile=profile_form.profile_data(),
                )
            except ValidationError as exc:
                for name in ("confirm_age", "confirm_duplicate"):
                    if name in getattr(exc, "error_dict", {}):
                        form.ask(name)
                _spread_errors(exc, form, status_form, profile_form)
            else:
                messages.success(request, _("The person has been taken in and a case opened."))
                return redirect("people:detail", request.alliance.slug, case.person_id)
        preview = _eligibility_context(request.POST)
    else:
        preview = _eligibility_context()
    return TemplateResponse(
        request,
        "people/intake/create.html",
        {
            **parts,
            "section_forms": [status_form, profile_form],
            "section_errors": bool(status_form.errors or profile_form.errors),
            "language_row_url": reverse("people:intake:language_row", args=[request.alliance.slug]),
            **preview,
        },
    )


def language_row(request: AllianceRequest) -> HttpResponse:
    """htmx: the next empty language row of the intake form, and the formset's new form
    count (out of band). Only the count is posted, no personal value. 404 before 405, as
    for the eligibility preview."""
    _intake_organisations(request.principal)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    total_name = f"{LANGUAGE_PREFIX}-TOTAL_FORMS"
    try:
        index = max(int(request.POST.get(total_name, "")), 0)
    except ValueError:
        return HttpResponse(status=400)
    limit = IntakeLanguageFormSet.max_num
    if index >= limit:
        return HttpResponse("")
    row = IntakeLanguageFormSet(prefix=LANGUAGE_PREFIX).empty_form
    row.prefix = f"{LANGUAGE_PREFIX}-{index}"
    row.fields["language"].widget.attrs["autofocus"] = True  # htmx focuses the new row
    return TemplateResponse(
        request,
        "people/intake/_language_row.html",
        {
            "language_form": row,
            "number": index + 1,
            "total_name": total_name,
            "total": index + 1,
            "last": index + 1 >= limit,
        },
    )


def eligibility_check(request: AllianceRequest) -> HttpResponse:
    """The htmx preview of eligibility while the intake form is filled in. POST only, so the
    date of birth never appears in a URL."""
    _intake_organisations(request.principal)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return TemplateResponse(
        request, "people/intake/_eligibility.html", _eligibility_context(request.POST)
    )


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


STATUS_FIELDS = ["status", "legal_basis", "valid_from", "valid_until", "document_seen"]


@require_http_methods(["GET", "POST"])
def status_add(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    return _form_page(
        request,
        access=access,
        form_class=StatusEntryForm,
        save=lambda form: status_services.status_entry_add(access=access, data=form.status_data()),
        heading=_("Add a residence status"),
        anchor="residence-status",
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
        anchor="residence-status",
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
        anchor="residence-status",
        deleted=_("The residence status has been deleted."),
    )


PROFILE_FIELDS = [
    "school_years_abroad",
    "school_years_germany",
    "interests",
    "goals",
    "legal_domains",
]


@require_http_methods(["GET", "POST"])
def profile_edit(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    profile = Profile.objects.filter(person=access.person).first()
    return _form_page(
        request,
        access=access,
        form_class=ProfileForm,
        save=lambda form: profile_services.profile_update(access=access, data=form.profile_data()),
        heading=_("Edit schooling, interests and legal domains"),
        anchor="profile",
        initial=initial_from(profile, PROFILE_FIELDS) if profile else {},
        saved=_("The profile has been saved."),
    )


CERTIFICATE_FIELDS = ["title", "country", "level", "issued_on", "recognition"]
EXPERIENCE_FIELDS = ["kind", "title", "employer", "country", "started_on", "ended_on"]


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
