from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.recognition.bodies import body_choices
from teilhabe.recognition.models import DocumentKind, RecognitionProcedure

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
Decision = RecognitionProcedure.Decision


class OpenForm(forms.Form):
    body = forms.ChoiceField(label=_("Competent body"), choices=())
    applied_on = forms.DateField(label=_("Applied on"), initial=timezone.localdate, widget=DATE)
    documents = forms.MultipleChoiceField(
        label=_("Documents submitted"),
        choices=DocumentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reference_qualification = forms.CharField(
        label=_("German reference qualification"),
        max_length=200,
        required=False,
        help_text=_("If already known, for example: Kauffrau für Büromanagement."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: file number or missing documents. No health details."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["body"].choices = body_choices()  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (d.value, d.label) for d in (Decision.FULL, Decision.PARTIAL, Decision.NOT_EQUIVALENT)
        ],
    )
    decided_on = forms.DateField(label=_("Decided on"), initial=timezone.localdate, widget=DATE)
    reference_qualification = forms.CharField(
        label=_("German reference qualification"),
        max_length=200,
        required=False,
        help_text=_("The German qualification named in the decision."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: which adaptation measure the decision names."),
    )


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=pgettext_lazy("application", "Withdrawn on"), initial=timezone.localdate, widget=DATE
    )
