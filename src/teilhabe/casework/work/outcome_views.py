"""The outcome after exit: the page that completes a closure check by recording the
situation found (reached from the start page's worklist, the follow-up page and the person
page's cases). Owner only, through people.access (404 otherwise)."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from teilhabe.casework.models import ExitOutcome, Situation
from teilhabe.casework.outcomes import exit_outcome_record
from teilhabe.casework.work import selectors
from teilhabe.casework.work.forms import date_input
from teilhabe.core.plausible import DateField
from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.people.intake.selectors import owner_access
from teilhabe.people.sections import person_url
from teilhabe.people.services import person_view_record


class ExitOutcomeForm(forms.Form):
    situation = forms.ChoiceField(
        label=gettext_lazy("Situation of the young person"),
        choices=Situation.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("If you could not find out, choose “unknown”."),
    )
    found_on = DateField(
        label=gettext_lazy("Found out on"), widget=date_input(), initial=timezone.localdate
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@require_http_methods(["GET", "POST"])
def exit_outcome(
    request: AllianceRequest, person_id: uuid.UUID, work_case_id: uuid.UUID
) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    case = selectors.person_case(access, work_case_id)
    current = ExitOutcome.objects.filter(case=case).first()
    initial = (
        {"situation": current.situation, "found_on": current.found_on, "note": current.note}
        if current
        else None
    )
    form = ExitOutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exit_outcome_record(
                case=case,
                actor=request.user,
                organisation=access.organisation,
                situation=data["situation"],
                found_on=data["found_on"],
                note=data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The situation after exit has been recorded."))
            return redirect(person_url(request.alliance.slug, person_id, "cases"))
    person_view_record(access=access)
    return TemplateResponse(
        request,
        "casework/work/exit_outcome.html",
        {"person": access.person, "access": access, "case": case, "form": form},
    )
