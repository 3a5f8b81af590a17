"""Forms of the offers app. They only validate input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.alliances.models import FieldOfAction
from teilhabe.core.models import Organisation
from teilhabe.core.plausible import DateField
from teilhabe.municipalities.models import Gemeinde
from teilhabe.people.models import CefrLevel, LegalDomain, ResidenceStatus

DATE = {"type": "date"}


def _date(label: Any) -> forms.DateField:
    return DateField(
        label=label, required=False, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )


class OfferForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    target_level = forms.ChoiceField(
        label=_("Target level (CEFR)"),
        required=False,
        choices=[("", "–"), *CefrLevel.choices],
        help_text=_("For language courses: the level the course leads to."),
    )
    places = forms.IntegerField(
        label=_("Places"),
        required=False,
        min_value=0,
        help_text=_("Leave empty for offers without a fixed number of places (e.g. counselling)."),
    )
    free_places = forms.IntegerField(label=_("Free places"), required=False, min_value=0)
    schedule = forms.CharField(label=_("Schedule"), max_length=200, required=False)
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"))
    gemeinde = forms.ModelChoiceField(
        label=_("Location (municipality)"), queryset=Gemeinde.objects.none(), required=False
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    public_transport = forms.BooleanField(
        label=_("Reachable by public transport"), required=False, initial=True
    )
    costs = forms.CharField(label=_("Costs"), max_length=200, required=False)
    funding_source = forms.CharField(label=_("Funding source"), max_length=200, required=False)
    contact = forms.CharField(
        label=_("Contact"),
        max_length=200,
        required=False,
        help_text=_("A business contact of the provider, never a young person's data."),
    )
    min_age = forms.IntegerField(label=_("Minimum age"), required=False, min_value=0)
    max_age = forms.IntegerField(label=_("Maximum age"), required=False, min_value=0)
    allowed_statuses = forms.MultipleChoiceField(
        label=_("Open to these residence statuses"),
        choices=ResidenceStatus.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none for an offer open to every residence status."),
    )
    required_legal_domain = forms.ChoiceField(
        label=_("Only for clients of the legal domain"),
        required=False,
        choices=[("", _("no restriction")), *LegalDomain.choices[:-1]],
    )
    min_cefr_level = forms.ChoiceField(
        label=_("Minimum German level (CEFR)"),
        required=False,
        choices=[("", _("no restriction")), *CefrLevel.choices[1:-1]],
    )
    # Explicit yes/no, or left to the category (EQ, training, internship, job placement).
    requires_work_permission = forms.TypedChoiceField(
        label=_("Requires permission to work"),
        required=False,
        choices=[
            ("", _("according to the category")),
            ("True", _("yes")),
            ("False", _("no")),
        ],
        coerce=lambda value: value == "True",
        empty_value=None,
        help_text=_(
            "Persons whose residence document does not permit work, or only with a "
            "permission of the immigration office for this provider, are shown as not eligible."
            " According to the category: yes for EQ, training places, internships and job"
            " placement."
        ),
    )
    other_requirements = forms.CharField(
        label=_("Other requirements"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        providers: list[Organisation],
        categories: list[tuple[str, str]],
        gemeinden: Any,
        provider_fixed: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ModelChoiceField)
        provider.queryset = Organisation.objects.filter(pk__in=[o.pk for o in providers])
        if provider_fixed:
            provider.disabled = True
            provider.required = False
        self.fields["category"].choices = categories  # type: ignore[attr-defined]
        gemeinde = self.fields["gemeinde"]
        assert isinstance(gemeinde, forms.ModelChoiceField)
        gemeinde.queryset = gemeinden

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        places, free = data.get("places"), data.get("free_places")
        if free is not None and places is None:
            self.add_error("free_places", _("Free places need a number of places."))
        elif free is not None and places is not None and free > places:
            self.add_error("free_places", _("There cannot be more free places than places."))
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error("max_age", _("The maximum age lies below the minimum age."))
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end lies before the start."))
        return data

    def offer_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("provider", "version"):
            data.pop(name, None)
        for name in ("target_level", "required_legal_domain", "min_cefr_level"):
            data[name] = data.get(name) or ""
        data["allowed_statuses"] = list(data.get("allowed_statuses") or [])
        return data


class CategoryForm(forms.Form):
    key = forms.SlugField(
        label=_("Key"),
        max_length=40,
        help_text=_("Short name without spaces; it cannot be changed later."),
    )
    name = forms.CharField(label=_("Name"), max_length=120)
    field_of_action = forms.ModelChoiceField(
        label=_("Field of action"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        help_text=_("The gap analysis counts offers of this category in this field."),
    )

    def __init__(self, *args: Any, fields_of_action: Any, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["field_of_action"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = fields_of_action
        field.label_from_instance = lambda f: f.label  # type: ignore[method-assign,assignment]
        if editing:
            self.fields["key"].disabled = True


class FilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    provider = forms.ChoiceField(label=_("Provider"), required=False)
    gemeinde = forms.ChoiceField(label=_("Municipality"), required=False)
    status = forms.ChoiceField(
        label=_("Open to residence status"),
        required=False,
        choices=[("", _("any")), *ResidenceStatus.choices],
    )
    free = forms.BooleanField(label=_("Only offers with free places"), required=False)
    inactive = forms.BooleanField(label=_("Include closed offers"), required=False)

    def __init__(
        self,
        *args: Any,
        categories: list[tuple[str, str]],
        providers: list[Organisation],
        gemeinden: list[Gemeinde],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        any_ = [("", _("any"))]
        self.fields["category"].choices = any_ + categories  # type: ignore[attr-defined]
        self.fields["provider"].choices = any_ + [  # type: ignore[attr-defined]
            (str(o.pk), o.name) for o in providers
        ]
        self.fields["gemeinde"].choices = any_ + [  # type: ignore[attr-defined]
            (g.pk, g.name) for g in gemeinden
        ]
