"""Forms of the sharing area. They only validate input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models import Case, Consent, DataCategory, Referral
from teilhabe.casework.sharing.selectors import CoveringOption, categories_for
from teilhabe.core.models import Organisation
from teilhabe.core.plausible import DateField
from teilhabe.core.uploads import check_document, document_field

# <input type="date"> needs ISO dates, whatever the locale formats.
DATE = {"type": "date"}


class ConsentForm(forms.Form):
    recipients = forms.ModelMultipleChoiceField(
        label=_("Recipients"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisations of the alliance the person allows to receive data."),
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices)
    purpose_detail = forms.CharField(
        label=_("Purpose in detail"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    categories = forms.MultipleChoiceField(
        label=_("Data categories"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Counselling notes are never shared. The immigration office never receives "
            "needs or the individual plan."
        ),
    )
    valid_from = DateField(
        label=_("Valid from"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    valid_until = DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("Leave empty for a consent until withdrawal."),
    )
    evidence = document_field(
        _("Signed form"),
        required=False,
        help_text=_("PDF, PNG or JPEG, at most 10 MB. It can also be uploaded later."),
    )

    def __init__(self, *args: Any, owner: Organisation, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("valid_from", timezone.localdate())
        super().__init__(*args, **kwargs)
        field = self.fields["recipients"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            Organisation.objects.filter(alliance_id=owner.alliance_id)
            .exclude(pk=owner.pk)
            .order_by("name")
        )

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if upload:
            check_document(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end of validity lies before its start."))
        return data


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = DateField(
        label=_("Withdrawn on"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("The day the person withdrew the consent. Access ends from this day on."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("withdrawn_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class EvidenceForm(forms.Form):
    evidence = document_field(_("Signed form"), required=True)

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data["evidence"]
        check_document(upload)
        return upload


def _option_label(option: CoveringOption) -> str:
    labels = dict(DataCategory.choices)
    categories = ", ".join(str(labels.get(c, c)) for c in option.consent.categories)
    since = formats.date_format(option.consent.valid_from, "SHORT_DATE_FORMAT")
    return str(
        _("%(organisation)s — consent of %(date)s (%(categories)s)")
        % {"organisation": option.organisation.name, "date": since, "categories": categories}
    )


class ReferralForm(forms.Form):
    case = forms.ChoiceField(label=_("Case"))
    receiver = forms.ChoiceField(
        label=_("Receiving organisation and covering consent"),
        help_text=_("Only organisations named by an active consent of the person are offered."),
    )
    purpose = forms.CharField(
        label=_("Purpose"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
    categories = forms.MultipleChoiceField(
        label=_("Data categories shared"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[DataCategory.MASTER_DATA],
        help_text=_("Only categories the chosen consent covers; the master data are needed."),
    )

    def __init__(
        self, *args: Any, cases: list[Case], options: list[CoveringOption], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cases = {str(c.pk): c for c in cases}
        self.options = {o.key: o for o in options}
        case_field = self.fields["case"]
        receiver_field = self.fields["receiver"]
        assert isinstance(case_field, forms.ChoiceField)
        assert isinstance(receiver_field, forms.ChoiceField)
        case_field.choices = [
            (
                key,
                _("opened on %(date)s")
                % {"date": formats.date_format(c.opened_on, "SHORT_DATE_FORMAT")},
            )
            for key, c in self.cases.items()
        ]
        receiver_field.choices = [
            ("", "—"),
            *[(k, _option_label(o)) for k, o in self.options.items()],
        ]
        # Only the categories some active consent covers for its receiver; with one
        # receiver, exactly its consent's categories, all chosen.
        covered = {c for o in options for c in categories_for(o.organisation, o.consent.categories)}
        categories_field = self.fields["categories"]
        assert isinstance(categories_field, forms.MultipleChoiceField)
        categories_field.choices = [(k, v) for k, v in DataCategory.choices if k in covered]
        if len(options) == 1:
            receiver_field.initial = options[0].key
            categories_field.initial = [k for k, _v in categories_field.choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "case" in data:
            data["case_obj"] = self.cases[data["case"]]
        if data.get("receiver"):
            data["option"] = self.options[data["receiver"]]
        return data


class ReferralDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Referral.Outcome.choices)
