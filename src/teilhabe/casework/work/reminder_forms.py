"""The form of an own reminder or appointment (one person or many)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models import FollowUp
from teilhabe.core.plausible import DateField
from teilhabe.core.templatetags.users import user_name


class ColleagueChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return user_name(obj)


class ReminderForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in FollowUp.OWN],
        widget=forms.RadioSelect,
        initial=FollowUp.Reason.REMINDER,
    )
    due_on = DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    assigned_to = ColleagueChoice(
        label=_("Who is reminded"), queryset=User.objects.none(), required=False, empty_label=None
    )

    def __init__(self, *args: Any, colleagues: QuerySet[User], me: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assigned_to"]
        field.queryset = colleagues  # type: ignore[attr-defined]
        field.initial = me.pk
