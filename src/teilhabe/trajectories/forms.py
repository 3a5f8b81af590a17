"""Forms of the trajectories app. They validate input only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.plausible import DateField
from teilhabe.employers.models import Employer
from teilhabe.offers.models import Offer
from teilhabe.trajectories.models import LEVELS, Outcome, Transition


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ParticipationForm(forms.Form):
    offer: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Offer from the catalogue"),
        queryset=Offer.objects.none(),
        required=False,
        empty_label=_("– an external measure (type it in below) –"),
    )
    external_title = forms.CharField(
        label=_("External measure"),
        required=False,
        max_length=200,
        help_text=_("Only for a measure that is not in the catalogue."),
    )
    external_provider = forms.CharField(
        label=_("Provider of the external measure"), required=False, max_length=200
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        help_text=_("Taken from the offer when one is chosen."),
    )
    start = DateField(label=pgettext_lazy("start of a period", "Start"), widget=date_input())
    end = DateField(label=_("End"), widget=date_input(), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    level_reached = forms.ChoiceField(
        label=_("Level reached (CEFR)"),
        required=False,
        choices=[("", _("none / not applicable")), *[(v, v) for v in LEVELS]],
    )
    certificate = forms.BooleanField(label=_("Certificate obtained"), required=False)
    certificate_title = forms.CharField(
        label=_("Name of the certificate"), required=False, max_length=200
    )
    transition = forms.ChoiceField(
        label=_("Transition afterwards"),
        required=False,
        choices=[("", _("none (yet)")), *Transition.choices],
    )
    # Internship, EQ, training place or job: the firm, from the alliance's directory (the
    # manager is scoped to the page's alliance).
    employer: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Firm (internship, training place, job)"),
        queryset=Employer.objects.none(),
        required=False,
        empty_label=_("– none or not in the directory –"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        offers: QuerySet[Offer],
        categories: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers  # type: ignore[attr-defined]
        firms = Employer.objects.filter(archived_on__isnull=True).order_by("name")  # scoped
        self.fields["employer"].queryset = firms  # type: ignore[attr-defined]
        self.fields["offer"].label_from_instance = (  # type: ignore[attr-defined]
            lambda o: f"{o.title} – {o.provider.name}"
        )
        self.fields["category"].choices = [("", _("Please choose")), *categories]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("offer") and not data.get("external_title"):
            self.add_error(
                "external_title", _("Choose an offer or type in the name of the measure.")
            )
        if not data.get("offer") and not data.get("category"):
            self.add_error("category", _("Choose the category of the external measure."))
        return data


class CareerRulesForm(forms.Form):
    chain_length = forms.IntegerField(
        label=_("MK1: measures in a row without progress"), min_value=2, max_value=10
    )
    abort_run = forms.IntegerField(
        label=_("MK4: aborted measures in a row"), min_value=2, max_value=10
    )
    waiting_days = forms.IntegerField(
        label=_("MK3: days without a measure (waiting loop)"), min_value=30, max_value=730
    )
    lookback_months = forms.IntegerField(label=_("Lookback in months"), min_value=6, max_value=120)


class FindingAssessForm(forms.Form):
    note = forms.CharField(
        label=_("Assessment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Only your organisation's case management sees this note."),
        error_messages={"required": _("Write down your assessment.")},
    )
    conference_on = DateField(label=_("Case conference on"), required=False, widget=date_input())


class FindingCloseForm(forms.Form):
    action_taken = forms.CharField(
        label=_("Action taken"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("What was done about the finding, e.g. a new plan goal or a referral."),
        error_messages={"required": _("Describe the action taken before closing.")},
    )


def with_review_forms(findings: list[Any]) -> list[Any]:
    """Attach each finding's assess and close forms (ids unique per finding on one page)."""
    for f in findings:
        auto_id = f"finding-{f.pk}-%s"
        f.assess_form = FindingAssessForm(
            auto_id=auto_id,
            initial={"note": f.review_note or "", "conference_on": f.review_conference_on},
        )
        f.close_form = FindingCloseForm(auto_id=auto_id)
    return findings


class FlaggedFilterForm(forms.Form):
    zeigen = forms.ChoiceField(
        label=_("Show persons with"),
        choices=[
            ("neu", _("new findings only")),
            ("offen", _("open findings")),
            ("alle", _("all findings")),
        ],
        initial="offen",
        widget=forms.RadioSelect,
    )


class WaitingListForm(forms.Form):
    """Put a person on an offer's waiting list (the case management)."""

    offer: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Offer"), queryset=Offer.objects.none()
    )
    since = DateField(
        label=_("Waiting since"),
        widget=date_input(),
        required=False,
        help_text=_("Leave empty for today."),
    )
    priority_note = forms.CharField(
        label=_("Priority note"),
        required=False,
        max_length=200,
        help_text=_(
            "Why the place is urgent, in a few words (e.g. start of training in August). "
            "The provider sees it only with a consent covering participations."
        ),
    )

    def __init__(self, *args: Any, offers: QuerySet[Offer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers  # type: ignore[attr-defined]
