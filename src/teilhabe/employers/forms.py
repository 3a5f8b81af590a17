"""The directory's filter and edit forms."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Alliance
from teilhabe.employers.models import Employer
from teilhabe.employers.services import EDITABLE

SORTS = {
    "name": ("name", "id"),
    "kontakt": ("-last_contact_on", "name", "id"),
    "plaetze": ("-places_training", "name", "id"),
}


class EmployerFilter(django_filters.FilterSet):
    suche = django_filters.CharFilter(label=_("Name"), method="search")
    branche = django_filters.ChoiceFilter(
        field_name="sector",
        choices=Employer.Sector.choices,
        label=_("Sector"),
        empty_label=_("All sectors"),
    )
    netzwerk = django_filters.ChoiceFilter(
        field_name="in_network",
        label=_("In the company network"),
        choices=[("ja", _("yes")), ("nein", _("no"))],
        empty_label=_("All firms"),
        method="network",
    )
    archiv = django_filters.ChoiceFilter(
        label=_("Archived"),
        choices=[("nein", _("Current only")), ("ja", _("Archived only"))],
        empty_label=_("Current and archived"),
        method="archived",
    )
    sortierung = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=[
            ("name", _("By name")),
            ("kontakt", _("Latest contact first")),
            ("plaetze", _("Most training places first")),
        ],
        empty_label=None,
        method="order",
    )

    class Meta:
        model = Employer
        fields: list[str] = []

    def search(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(Q(name__icontains=value.strip())) if value.strip() else queryset

    def network(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(in_network=value == "ja") if value else queryset

    def archived(self, queryset: Any, name: str, value: str) -> Any:
        if value == "nein":
            return queryset.filter(archived_on__isnull=True)
        if value == "ja":
            return queryset.filter(archived_on__isnull=False)
        return queryset

    def order(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.order_by(*SORTS.get(value, SORTS["name"]))


WIDGETS: dict[str, Any] = {
    "last_contact_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    "note": forms.Textarea(attrs={"rows": 3}),
}


class EmployerForm(forms.Form):
    """The editable fields as the model declares them (labels, limits, choices)."""

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Employer, fields=EDITABLE, widgets=WIDGETS))
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ModelChoiceField)
        municipality.queryset = alliance.gemeinden().order_by("name")
