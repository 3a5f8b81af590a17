"""Forms whose free text must describe situations without personal data: each is checked
by `people.mentions` before the service is called. On a finding the form shows the
warnings (never the value found) and asks the user to edit the text or to confirm."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.advice.access import advising_organisations
from teilhabe.advice.models import AdviceRequest, Topic
from teilhabe.core.models import Alliance, Organisation
from teilhabe.people.mentions import may_confirm, mentions, warnings

NO_PERSONAL_DATA = _(
    "Describe the situation without personal data: no names, dates of birth, file or AZR numbers."
)


class CheckedTextForm(forms.Form):
    """A form with texts (`checked`) that `people.mentions` checks; `confirm` appears only
    after a warning. `cleaned_data["confirmed_warning"]` says whether the user sent the text
    despite one."""

    checked: tuple[str, ...] = ()
    confirm = forms.BooleanField(
        label=_("I have checked the text: it contains no personal data. Send it anyway."),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.alliance = alliance
        self.warnings: list[str] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        texts = [str(data.get(name) or "") for name in self.checked]
        kinds = mentions(self.alliance, *texts)
        self.warnings = warnings(kinds)
        confirmed = bool(data.pop("confirm", False)) and may_confirm(kinds)
        if self.warnings and not may_confirm(kinds):
            self.fields["confirm"].widget = forms.HiddenInput()
            raise forms.ValidationError(
                [*self.warnings, _("Please describe the situation without the name.")],
                code="personal_data",
            )
        if self.warnings and not confirmed:
            self.fields["confirm"].widget = forms.CheckboxInput()
            raise forms.ValidationError(
                [
                    *self.warnings,
                    _(
                        "Please change the text, or confirm below that it contains no "
                        "personal data."
                    ),
                ],
                code="personal_data",
            )
        data["confirmed_warning"] = bool(self.warnings) and confirmed
        return data


class AdviceRequestForm(CheckedTextForm):
    checked = ("subject", "body")
    advising_organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Whom do you ask?"), queryset=None, empty_label=None
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Your question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=NO_PERSONAL_DATA,
    )
    field_order = ["advising_organisation", "topic", "subject", "body", "confirm"]

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        super().__init__(*args, alliance=alliance, **kwargs)
        field = self.fields["advising_organisation"]
        field.queryset = advising_organisations(alliance)  # type: ignore[attr-defined]


class MessageForm(CheckedTextForm):
    checked = ("body",)
    body = forms.CharField(
        label=_("Your message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=NO_PERSONAL_DATA,
    )
    field_order = ["body", "confirm"]


class ConsultationForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online = forms.BooleanField(label=_("Online"), required=False)


class PresentationForm(CheckedTextForm):
    checked = ("title", "summary")
    title = forms.CharField(label=_("Title"), max_length=200, help_text=NO_PERSONAL_DATA)
    summary = forms.CharField(
        label=_("Short anonymised description"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=NO_PERSONAL_DATA,
    )
    field_order = ["title", "summary", "confirm"]


class MinutesForm(CheckedTextForm):
    checked = ("minutes",)
    minutes = forms.CharField(
        label=_("Short minutes"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=NO_PERSONAL_DATA,
    )
    field_order = ["minutes", "confirm"]


SORTS = {
    "neu": ("-asked_at", "-id"),
    "alt": ("asked_at", "id"),
    "thema": ("topic", "-asked_at", "-id"),
}


class RequestFilter(django_filters.FilterSet):
    """Filters and order of the request lists (asker's and inbox)."""

    thema = django_filters.ChoiceFilter(
        field_name="topic", choices=Topic.choices, label=_("Topic"), empty_label=_("All topics")
    )
    stand = django_filters.ChoiceFilter(
        field_name="status",
        choices=AdviceRequest.Status.choices,
        label=_("Status"),
        empty_label=_("Every status"),
    )
    sortierung = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=[("neu", _("Newest first")), ("alt", _("Oldest first")), ("thema", _("By topic"))],
        empty_label=None,
        method="order",
    )

    class Meta:
        model = AdviceRequest
        fields: list[str] = []

    def order(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.order_by(*SORTS.get(value, SORTS["neu"]))
