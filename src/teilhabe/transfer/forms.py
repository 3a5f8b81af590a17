from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Organisation
from teilhabe.core.roles import Principal, import_kinds, import_organisations
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

    def __init__(self, *args: Any, principal: Principal, **kwargs: Any) -> None:
        """The kinds of list the principal may import, for the organisations they hold
        the role of that kind in (core.roles.IMPORT_ROLES)."""
        super().__init__(*args, **kwargs)
        self.principal = principal
        kinds = import_kinds(principal)
        kind = self.fields["kind"]
        kind.choices = [(k, label) for k, label in ImportKind.choices if k in kinds]  # type: ignore[attr-defined]
        organisations = {o.pk: o for k in kinds for o in import_organisations(principal, k)}
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=list(organisations))  # type: ignore[attr-defined]
        if len(organisations) == 1:
            field.initial = next(iter(organisations))
            field.widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, organisation = data.get("kind"), data.get("organisation")
        if kind and organisation and organisation not in import_organisations(self.principal, kind):
            self.add_error(
                "organisation", _("You cannot import this kind of list for this organisation.")
            )
        return data


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
