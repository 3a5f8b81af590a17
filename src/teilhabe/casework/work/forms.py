"""Forms of the daily casework. They validate input only; the services decide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import ClosureReason, Contact, NeedAssessment, NeedLevel
from teilhabe.casework.models.plans import PlanStatus
from teilhabe.core.models import Organisation
from teilhabe.core.plausible import DateField
from teilhabe.people.languages import language_name

TITLE_MAX = 200


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    # The case version the user read: the service refuses to overwrite a newer one.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CaseCloseForm(VersionedForm):
    reason = forms.ChoiceField(
        label=_("Reason for closure"),
        choices=[("", _("Please choose")), *ClosureReason.choices],
    )
    closed_on = DateField(label=_("Closed on"), widget=date_input(), initial=timezone.localdate)
    follow_up_on = DateField(
        label=_("Follow-up check on"),
        required=False,
        widget=date_input(),
        help_text=_("On this date the follow-up check appears on your start page."),
    )


class CaseReopenForm(VersionedForm):
    reopened_on = DateField(label=_("Reopened on"), widget=date_input(), initial=timezone.localdate)


class NeedsDateForm(forms.Form):
    assessed_on = DateField(
        label=_("Date of the assessment"), widget=date_input(), initial=timezone.localdate
    )


class NeedRowForm(forms.Form):
    """One field of action: its level (left empty: not assessed now) and a note."""

    level = forms.ChoiceField(required=False)
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        field: FieldOfAction,
        current: NeedAssessment | None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", f"need-{field.pk}")
        if current is not None:
            kwargs.setdefault("initial", {"level": current.level, "note": current.note})
        super().__init__(*args, **kwargs)
        self.field_of_action = field
        self.current = current
        level = self.fields["level"]
        assert isinstance(level, forms.ChoiceField)
        level.choices = [("", _("not assessed")), *NeedLevel.choices]
        level.label = _("Need level")
        self.fields["note"].label = _("Note")

    def changed_row(self) -> tuple[FieldOfAction, str, str] | None:
        """The row to record: a level was chosen and it or the note differs from the
        current assessment (an unchanged field keeps its earlier dated assessment)."""
        level = self.cleaned_data.get("level") or ""
        note = (self.cleaned_data.get("note") or "").strip()
        if not level:
            return None
        if self.current is not None and (self.current.level, self.current.note) == (level, note):
            return None
        return (self.field_of_action, level, note)


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=TITLE_MAX)


class GoalEditForm(GoalForm):
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)


class StepForm(forms.Form):
    title = forms.CharField(label=_("Step"), max_length=TITLE_MAX)
    responsible = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none()
    )
    due_on = DateField(label=_("Due on"), required=False, widget=date_input())
    status = forms.ChoiceField(
        label=_("Status"), choices=PlanStatus.choices, initial=PlanStatus.OPEN
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        responsible = self.fields["responsible"]
        assert isinstance(responsible, forms.ModelChoiceField)
        responsible.queryset = organisations


class StepStatusForm(forms.Form):
    """Prefixed per step, so that a plan page can hold one such form per step."""

    status = forms.ChoiceField(label=_("New status"), choices=PlanStatus.choices)

    def __init__(self, *args: Any, step: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"step-{step.pk}")
        kwargs.setdefault("initial", {"status": step.status})
        super().__init__(*args, **kwargs)


class ContactForm(forms.Form):
    on = DateField(label=_("Date"), widget=date_input(), initial=timezone.localdate)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=600, initial=30
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Contact.Channel.choices)
    interpreter = forms.BooleanField(label=_("With interpreter"), required=False)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        required=False,
        queryset=FieldOfAction.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Visible only to your organisation, never to partners."),
    )

    def __init__(
        self,
        *args: Any,
        fields: QuerySet[FieldOfAction],
        interpreter_languages: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if interpreter_languages:  # the person's recorded need starts every new contact
            self.fields["interpreter"].initial = True
            self.fields["interpreter"].help_text = _(
                "Recorded for this person: an interpreter is needed for %(languages)s."
            ) % {"languages": ", ".join(language_name(code) for code in interpreter_languages)}
        topics = self.fields["topics"]
        assert isinstance(topics, forms.ModelMultipleChoiceField)
        topics.queryset = fields
        topics.label_from_instance = lambda obj: obj.label  # type: ignore[method-assign]

    def clean_on(self) -> Any:
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("A contact cannot lie in the future."))
        return on
