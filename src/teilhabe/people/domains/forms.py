"""Forms of the legal-domain history and the interpreter need."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.plausible import DateField
from teilhabe.people.domains.services import DomainChange, InterpreterData
from teilhabe.people.intake.forms import date_input
from teilhabe.people.languages import language_choices
from teilhabe.people.models import LegalDomain, LegalDomainPeriod


class DomainChangeForm(forms.Form):
    """One form for a change: the new legal domain, its start and, optionally, the one
    that ends the day before."""

    domain = forms.ChoiceField(label=_("New legal domain"), choices=LegalDomain.choices)
    started_on = DateField(label=_("Responsible from"), widget=date_input())
    ending = forms.ChoiceField(
        label=_("Which legal domain ends?"),
        required=False,
        help_text=_("It ends the day before. “None” ends every other legal domain."),
    )
    office = forms.CharField(
        label=_("Responsible office"),
        max_length=200,
        required=False,
        help_text=_("For example the Jobcenter or youth welfare office in charge."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, periods: list[LegalDomainPeriod], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = {str(p.pk): p for p in periods}
        self.fields["ending"].choices = [  # type: ignore[attr-defined]
            ("", _("none ends")),
            *((key, str(p)) for key, p in self.periods.items()),
        ]

    def change(self) -> DomainChange:
        d = self.cleaned_data
        return DomainChange(
            domain=d["domain"],
            started_on=d["started_on"],
            ending=self.periods.get(d["ending"]),
            office=d["office"],
            note=d["note"],
        )


def change_form(periods: list[LegalDomainPeriod]) -> type[DomainChangeForm]:
    """The change form bound to the person's current periods (for the generic form page)."""

    class BoundChangeForm(DomainChangeForm):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, periods=periods, **kwargs)

    return BoundChangeForm


class DomainEndForm(forms.Form):
    ended_on = DateField(label=_("Responsible until"), widget=date_input())


class InterpreterForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    needed = forms.BooleanField(label=_("An interpreter is needed"), required=False, initial=True)
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("For example: a female interpreter, or only for official letters."),
    )

    def interpreter_data(self) -> InterpreterData:
        return InterpreterData(**self.cleaned_data)
