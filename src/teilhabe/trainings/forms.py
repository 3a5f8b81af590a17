"""Forms of trainings: input checking only; the services decide and write."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Organisation
from teilhabe.core.plausible import DateField
from teilhabe.trainings.models import Audience, Registration, Training, TrainingKind

BERLIN = ZoneInfo("Europe/Berlin")


class TrainingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TrainingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What it is about and whom it is for. Please name no young person."),
    )
    day = DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start = forms.TimeField(
        label=_("Begins at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(
        label=_("Place"), max_length=200, required=False, help_text=_("Address and room.")
    )
    online_link = forms.URLField(
        label=_("Link to the online meeting"), required=False, assume_scheme="https"
    )
    organiser = forms.ModelChoiceField(
        label=_("Organised by"), queryset=Organisation.objects.none(), empty_label=None
    )
    audience = forms.ChoiceField(label=_("For"), choices=Audience.choices)
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=10_000)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisations  # type: ignore[attr-defined]

    def service_values(self) -> dict[str, Any]:
        """The cleaned data as the services take them: start and end as Berlin times."""
        data = dict(self.cleaned_data)
        day: dt.date = data.pop("day")
        data["starts_at"] = dt.datetime.combine(day, data.pop("start"), tzinfo=BERLIN)
        data["ends_at"] = dt.datetime.combine(day, data.pop("end"), tzinfo=BERLIN)
        return data

    @staticmethod
    def initial_of(training: Training) -> dict[str, Any]:
        starts = training.starts_at.astimezone(BERLIN)
        return {
            "kind": training.kind,
            "title": training.title,
            "description": training.description,
            "day": starts.date(),
            "start": starts.time(),
            "end": training.ends_at.astimezone(BERLIN).time(),
            "place": training.place,
            "online_link": training.online_link,
            "organiser": training.organiser,
            "audience": training.audience,
            "places": training.places,
        }


class TrainingFilterForm(forms.Form):
    wann = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[
            ("kommend", _("Upcoming")),
            ("vergangen", _("Past")),
            ("alle", _("All dates")),
        ],
    )
    art = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *TrainingKind.choices]
    )
    fuer = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[
            ("", _("Everyone")),
            (Audience.PROFESSIONALS, _("Professionals")),
            (Audience.VOLUNTEERS, _("Volunteers")),
        ],
    )
    veranstalter = forms.ModelChoiceField(
        label=_("Organised by"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("All organisations"),
        to_field_name="pk",
    )
    meine = forms.BooleanField(label=_("Only my registrations"), required=False)
    sortierung = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("datum", _("Soonest first")),
            ("datum-ab", _("Latest first")),
            ("titel", _("By title")),
        ],
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["veranstalter"].queryset = organisations  # type: ignore[attr-defined]


class AttendanceFilterForm(forms.Form):
    ansicht = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("teilnahmen", _("Each participation")), ("personen", _("Per person"))],
    )
    veranstaltung: forms.ModelChoiceField[Training] = forms.ModelChoiceField(
        label=_("Training or event"),
        required=False,
        queryset=Training.objects.none(),
        empty_label=_("All trainings and events"),
    )
    art = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *TrainingKind.choices]
    )
    teilnahme = forms.ChoiceField(
        label=_("Attendance"),
        required=False,
        choices=[
            (Registration.Attended.YES, _("attended")),
            (Registration.Attended.NO, _("did not attend")),
            (Registration.Attended.UNKNOWN, _("not recorded")),
            ("alle", _("All registered")),
        ],
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=100)
    sortierung = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("datum", _("Newest training first")),
            ("name", _("By name")),
            ("veranstaltung", _("By training")),
            ("anzahl", _("Most attended first")),
        ],
    )

    def __init__(self, *args: Any, trainings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["veranstaltung"].queryset = trainings  # type: ignore[attr-defined]
