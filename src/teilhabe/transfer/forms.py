from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Organisation
from teilhabe.transfer.fields import TARGETS
from teilhabe.transfer.models import ImportKind

NOT_IN_FILE = ""


class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Import for the organisation"), queryset=Organisation.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind of list"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("Excel (.xlsx) or CSV (.csv), the first row holding the column titles."),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])  # type: ignore[attr-defined]
        if len(organisations) == 1:
            field.initial = organisations[0].pk
            field.widget = forms.HiddenInput()


class MappingForm(forms.Form):
    """One choice per target field: which column of the file holds it."""

    confirm_age = forms.BooleanField(
        label=_("Import persons outside the target group of 18 to 27 years too"), required=False
    )
    confirm_duplicates = forms.BooleanField(
        label=_("Import possible duplicates too (same name and date of birth)"), required=False
    )

    def __init__(self, *args: Any, kind: str, header: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns = [(NOT_IN_FILE, _("— not in the file —"))] + [
            (str(index), f"{_column_letter(index)}: {title or '–'}")
            for index, title in enumerate(header)
        ]
        self.targets = TARGETS[kind]
        for target in self.targets:
            self.fields[f"col_{target.name}"] = forms.ChoiceField(
                label=target.label,
                choices=columns,
                required=False,
                help_text=_("required") if target.required else "",
            )
        if kind != "persons":
            del self.fields["confirm_age"]
            del self.fields["confirm_duplicates"]
        # The field choices first, then the options.
        self.order_fields([f"col_{t.name}" for t in self.targets])

    def mapping(self) -> dict[str, int]:
        return {
            target.name: int(self.cleaned_data[f"col_{target.name}"])
            for target in self.targets
            if self.cleaned_data.get(f"col_{target.name}")
        }


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def initial_mapping(mapping: dict[str, int]) -> dict[str, str]:
    return {f"col_{name}": str(index) for name, index in mapping.items()}
