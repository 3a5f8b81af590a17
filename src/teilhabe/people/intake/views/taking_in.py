"""The intake page: one form with the sections person, residence and contact, first
residence status, languages, schooling and case, saved by one service call; and its two
htmx helpers (the eligibility preview and "Add another language").

Intake is open to every case manager of the alliance, for their own organisation.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.casework.models import TriState
from teilhabe.core.models import Organisation, Role
from teilhabe.core.plausible import DateField
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.people.intake.forms import (
    LANGUAGE_PREFIX,
    EligibilityForm,
    IntakeForm,
    IntakeLanguageFormSet,
    ProfileForm,
    StatusEntryForm,
)
from teilhabe.people.intake.selectors import eligibility
from teilhabe.people.intake.services import person_intake

STATUS_PREFIX = "status"
PROFILE_PREFIX = "profil"
ADD_LANGUAGE = "add_language"  # the name of the "Add another language" button


def _intake_organisations(principal: Principal) -> list[Organisation]:
    organisations = principal.organisations(Role.CASE_MANAGER)
    if not organisations:
        raise Http404
    return organisations


# --- intake ------------------------------------------------------------------------------


class _PreviewForm(EligibilityForm):
    """Lenient parse of the intake form for the eligibility preview: nothing is required."""

    date_of_birth = DateField(required=False)

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
    if not hasattr(exc, "error_dict"):
        apply_errors(main, exc)
        return
    by_form: list[tuple[forms.Form, dict[str, Any]]] = [(f, {}) for f in (*sections, main)]
    for name, messages_ in exc.error_dict.items():
        target = next((d for f, d in by_form if name in f.fields), by_form[-1][1])
        target[name] = messages_
    for form, named in by_form:
        if named:
            apply_errors(form, ValidationError(named))


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


def _typed(form: forms.Form) -> dict[str, Any]:
    """What was typed into a bound form, field by field, unchecked."""
    return {field.name: field.data for field in form}


def _with_another_language(
    request: AllianceRequest, organisations: list[Organisation]
) -> dict[str, Any]:
    """Without JavaScript "Add another language" submits the whole form: the same form
    again, unbound (nothing checked, no error yet), with what was typed and one more row."""
    bound = _intake_forms(request, organisations, request.POST)
    rows = [_typed(row) for row in bound["language_formset"].forms]  # one extra follows
    return {
        "form": IntakeForm(
            initial=_typed(bound["form"]),
            organisations=organisations,
            gemeinden=request.alliance.gemeinden(),
        ),
        "status_form": StatusEntryForm(initial=_typed(bound["status_form"]), prefix=STATUS_PREFIX),
        "language_formset": IntakeLanguageFormSet(initial=rows, prefix=LANGUAGE_PREFIX),
        "profile_form": ProfileForm(initial=_typed(bound["profile_form"]), prefix=PROFILE_PREFIX),
    }


@require_http_methods(["GET", "POST"])
def intake(request: AllianceRequest) -> HttpResponse:
    """Person, residence and contact, first residence status, languages, schooling and the
    case in one form and one transaction; then straight to the new person's page."""
    principal = request.principal
    organisations = _intake_organisations(principal)
    adding = ADD_LANGUAGE in request.POST
    if adding:
        parts = _with_another_language(request, organisations)
    else:
        parts = _intake_forms(request, organisations, request.POST or None)
    form, status_form = parts["form"], parts["status_form"]
    languages, profile_form = parts["language_formset"], parts["profile_form"]
    if request.method == "POST" and not adding:
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
    if request.method == "POST":
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
