"""Forms of the work permissions; the rules (term of the Duldung, employer named) live in
the model's clean and the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Organisation
from teilhabe.core.plausible import DateField
from teilhabe.people.intake.forms import date_input
from teilhabe.people.models import Person, ResidenceStatusEntry, WorkPermission


class WorkPermissionForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Employer or training place (organisation of the alliance)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="–",
        help_text=_("Offers of this organisation become accessible to the person."),
    )
    employer_name = forms.CharField(
        label=_("Employer or training place (name)"),
        max_length=200,
        required=False,
        help_text=_("When the employer is not an organisation of the alliance."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Please choose")), *WorkPermission.Kind.choices]
    )
    status_entry: forms.ModelChoiceField[ResidenceStatusEntry] = forms.ModelChoiceField(
        label=_("Granted with the residence status"),
        queryset=ResidenceStatusEntry.objects.none(),
        required=False,
        empty_label="–",
        help_text=_("The permission cannot be valid beyond this document."),
    )
    granted_on = DateField(label=_("Granted on"), widget=date_input())
    valid_until = DateField(label=_("Valid until"), widget=date_input(), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ModelChoiceField)
        provider.queryset = Organisation.objects.filter(alliance_id=person.alliance_id).order_by(
            "name"
        )
        entry = self.fields["status_entry"]
        assert isinstance(entry, forms.ModelChoiceField)
        entry.queryset = ResidenceStatusEntry.objects.filter(person=person).order_by("-valid_from")

    def permission_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "provider": d.get("provider"),
            "employer_name": d.get("employer_name") or "",
            "kind": d["kind"],
            "status_entry": d.get("status_entry"),
            "granted_on": d["granted_on"],
            "valid_until": d.get("valid_until"),
            "note": d.get("note") or "",
        }


class WithdrawForm(forms.Form):
    withdrawn_on = DateField(label=_("Withdrawn on"), widget=date_input())
