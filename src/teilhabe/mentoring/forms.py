from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.mentoring.models import MentoringPair, VolunteerProfile


class ProfileForm(forms.Form):
    availability = forms.CharField(
        label=_("When you have time"),
        max_length=200,
        required=False,
        help_text=_("For example: Tuesday afternoons, weekends."),
    )
    languages = forms.CharField(
        label=_("Languages you speak"),
        max_length=200,
        required=False,
        help_text=_("For example: Deutsch, Arabisch, Englisch."),
    )
    skills = forms.CharField(
        label=_("What you can help with"),
        max_length=300,
        required=False,
        help_text=_("For example: applications, homework, sports."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the case managers of the alliance see these details, my name and "
            "my organisation, so that they can ask me to accompany a young person. I can "
            "withdraw this at any time."
        ),
        required=True,
    )


class PairForm(forms.Form):
    volunteer: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Volunteer"), queryset=VolunteerProfile.objects.none(), empty_label=None
    )
    goal = forms.CharField(
        label=_("Agreed goal"),
        max_length=300,
        help_text=_("The volunteer sees this goal. Write no health or residence details."),
    )
    started_on = forms.DateField(
        label=_("Start"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class CloseForm(forms.Form):
    end_reason = forms.ChoiceField(label=_("Reason"), choices=MentoringPair.EndReason.choices)
    ended_on = forms.DateField(
        label=_("End"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class CheckInForm(forms.Form):
    on = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Short note"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the pair is doing. No health or residence details."),
    )
