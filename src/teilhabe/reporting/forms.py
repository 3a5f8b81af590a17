"""Filter, report and age-share forms of the reporting pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.alliances.forms import date_field
from teilhabe.core.models import Organisation
from teilhabe.core.web import apply_errors
from teilhabe.reporting import periods
from teilhabe.reporting.models import AgeShare, Report
from teilhabe.reporting.selectors import Filters, check_period


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    return periods.year_so_far(today or timezone.localdate())


OFF_GRID = _(
    "Statewide figures are only shown for a calendar year, a half-year or a quarter, "
    "e.g. from 01.01.2026 to 31.03.2026. Please choose such a period."
)


class FilterForm(forms.Form):
    """Period (and organisation) of a dashboard; `grid`: only periods of the published
    grid (statewide figures, see `periods`)."""

    start = date_field(_("From"), required=False)
    end = date_field(_("Until"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("all organisations"),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        organisations: list[Organisation] | None = None,
        grid: bool = False,
        **kw: Any,
    ) -> None:
        super().__init__(data, **kw)
        self.grid = grid
        if organisations is None:
            del self.fields["organisation"]
        else:
            field = self.fields["organisation"]
            field.queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
                pk__in=[o.pk for o in organisations]
            )
            if len(organisations) == 1:
                field.empty_label = None  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            try:
                check_period(start, end)
            except ValidationError as exc:
                apply_errors(self, exc)
        if self.grid and (start or end) and not self.errors:
            default_start, default_end = self._default()
            if not periods.on_grid(start or default_start, end or default_end):
                raise ValidationError(OFF_GRID, code="off_grid")
        return data

    def _default(self) -> tuple[dt.date, dt.date]:
        return periods.default(timezone.localdate()) if self.grid else default_period()

    def filters(self, *, forced_organisation: Organisation | None = None) -> Filters:
        start, end = self._default()
        org = None
        if self.is_valid():
            start = self.cleaned_data.get("start") or start
            end = self.cleaned_data.get("end") or end
            org = self.cleaned_data.get("organisation")
        if forced_organisation is not None and (org is None or org.pk != forced_organisation.pk):
            org = forced_organisation
        return Filters(start=start, end=end, organisation_id=org.pk if org else None)


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=Report.Period.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter (for a quarterly report)"),
        choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        required=False,
    )

    def dates(self) -> tuple[dt.date, dt.date]:
        year = self.cleaned_data["year"]
        if self.cleaned_data["period"] == Report.Period.YEAR:
            return periods.year_periods(year)[0]
        return periods.quarter(year, self.cleaned_data.get("quarter") or 1)


class ScheduleForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=Report.Period.choices,
        help_text=_(
            "A quarterly report is produced on the first day after the quarter, an annual "
            "report on 2 January. You are notified when it is ready."
        ),
    )


class DownloadFilterForm(forms.Form):
    """The download history's filter (read by `history.downloads_page`)."""

    datei = forms.ChoiceField(
        label=_("File"),
        choices=[("", _("PDF and Excel")), ("pdf", "PDF"), ("xlsx", "Excel")],
        required=False,
    )
    reihenfolge = forms.ChoiceField(
        label=_("Order"),
        choices=[("", _("Newest first")), ("alt", _("Oldest first"))],
        required=False,
    )


class AgeShareForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Status group"),
        choices=AgeShare.Group.choices,
        required=False,
        help_text=_("A share for one group applies instead of the share for every group."),
    )
    percent = forms.DecimalField(
        label=_("Share aged 18–27 among protection seekers (%)"),
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        decimal_places=2,
    )
    valid_from = date_field(_("Valid from"))
    basis = forms.CharField(
        label=_("Basis of the figure"),
        max_length=300,
        help_text=_("Where the share comes from, e.g. the age structure of the asylum statistics."),
    )
