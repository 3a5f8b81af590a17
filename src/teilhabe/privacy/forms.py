"""Forms of the privacy pages (rendered with the KERN form renderer)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.privacy.bildungspass import SECOND_LANGUAGES
from teilhabe.privacy.models import Ground, RetentionRule


class RetentionRuleForm(forms.ModelForm):
    class Meta:
        model = RetentionRule
        fields = ["months", "start_event"]

    def clean_months(self) -> int:
        months = self.cleaned_data["months"]
        if not 1 <= months <= 1200:
            raise forms.ValidationError(_("Between 1 and 1200 months."))
        return int(months)


class RestrictionRequestForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground"), choices=Ground.choices)


class DecideForm(forms.Form):
    grant = forms.BooleanField(required=False)


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)


class BildungspassForm(forms.Form):
    sprache = forms.ChoiceField(
        label=_("Second language"), choices=list(SECOND_LANGUAGES.items()), initial="en"
    )
