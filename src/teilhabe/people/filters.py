"""The caseload list's filters and sorts (django-filter), on the annotated queryset of
`people.selectors.caseload` (plus `open_findings`, added by the page above the apps).

Every filter works on values the row may show (the selector's annotations are NULL where
the principal may not see them), so a filter or a sort never reveals a hidden value.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.contrib.auth.models import User
from django.db.models import Case as CaseWhen
from django.db.models import Exists, F, OuterRef, QuerySet, Value, When
from django.db.models.expressions import OrderBy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.casework.models import Case
from teilhabe.casework.models.needs import NeedLevel
from teilhabe.core.models import Membership, Role
from teilhabe.core.roles import Principal
from teilhabe.people.collation import german
from teilhabe.people.models import ResidenceStatus
from teilhabe.people.selectors import current_need_assessments, name_search, shown_name

MAX_DAYS = 3650
SORT_PARAM = "sort"


def user_label(user: User) -> str:
    """A colleague as people read it: the full name, else the e-mail address."""
    return user.get_full_name() or user.email


class ColleagueField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return user_label(obj)


class ColleagueFilter(django_filters.ModelChoiceFilter):
    field_class = ColleagueField


def colleagues(principal: Principal) -> QuerySet[User]:
    """Active case managers of the principal's case-management organisations."""
    organisations = [m.organisation_id for m in principal.case_manager_memberships()]
    members = Membership.objects.filter(
        user=OuterRef("pk"),
        organisation_id__in=organisations,
        role=Role.CASE_MANAGER,
        is_active=True,
    )
    return User.objects.filter(Exists(members)).order_by(
        german("last_name").asc(), german("first_name").asc(), "email"
    )


def _status_rank() -> CaseWhen:
    """Residence statuses in the order of their choices (from the asylum procedure to
    settlement), not alphabetically by code."""
    whens = [When(status_code=v, then=Value(i)) for i, v in enumerate(ResidenceStatus.values)]
    return CaseWhen(*whens, default=Value(None))


def _sorts() -> dict[str, list[Any]]:
    """Sort parameter → ascending order; descending is each term reversed (NULLs last)."""
    name = [shown_name("family_name"), shown_name("given_name")]
    return {
        "name": name,
        "alter": [F("birth_date").desc()],  # youngest first
        "status": [_status_rank()],
        "ablauf": [F("status_until")],
        "kontakt": [F("last_contact")],
        "schritt": [F("next_step_on")],
        "befunde": [F("open_findings")],
        "bedarf": [F("need_rank")],
        "zustaendig": [
            shown_name("assigned_to__last_name"),
            shown_name("assigned_to__first_name"),
            CaseWhen(When(master_visible=True, then=F("assigned_to__email")), default=None),
        ],
    }


SORT_LABELS = {
    "name": _("Name"),
    "alter": _("Age"),
    "status": _("Residence status"),
    "ablauf": _("Status expires"),
    "kontakt": _("Last contact"),
    "schritt": _("Next step"),
    "befunde": _("Open findings"),
    "bedarf": _("Need"),
    "zustaendig": _("Case manager"),
}


def _direction(term: Any, descending: bool) -> OrderBy:
    if isinstance(term, OrderBy):  # descending by nature ("alter": youngest first)
        return OrderBy(term.expression, descending=not descending, nulls_last=True)
    return OrderBy(term, descending=descending, nulls_last=True)


class SortInput(forms.HiddenInput):
    """The sort as a hidden field with the id the table's out-of-band swap renews."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**(attrs or {}), "id": "person-sort"})


class CaseloadOrdering(django_filters.OrderingFilter):
    """One sort parameter ("name", "-ablauf" …) for the column links; names in German
    order, empty values last in either direction, then the name and id as tie-breakers."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        param = value[0] if value else "name"
        descending = param.startswith("-")
        sorts = _sorts()
        terms = [_direction(t, descending) for t in sorts[param.lstrip("-")]]
        ties = [OrderBy(t) for t in sorts["name"]]
        return qs.order_by(*terms, *ties, "id")


class CaseloadFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search by name"),
        method="filter_name",
        max_length=100,
        help_text=_("Also finds other spellings, e.g. Mohammed for Muhammad."),
    )
    status = django_filters.ChoiceFilter(
        label=_("Case status"),
        choices=Case.Status.choices,
        empty_label=_("all"),
        method="filter_case_status",
    )
    residence_status = django_filters.ChoiceFilter(
        label=_("Current residence status"),
        choices=ResidenceStatus.choices,
        empty_label=_("all"),
        field_name="status_code",
    )
    expires_within = django_filters.NumberFilter(
        label=_("Status expires within (days)"),
        method="filter_expires_within",
        min_value=0,
        max_value=MAX_DAYS,
        help_text=_("Also shows statuses that have already expired."),
    )
    need_level = django_filters.ChoiceFilter(
        label=_("Need in a field of action"),
        choices=NeedLevel.choices,
        empty_label=_("all"),
        method="filter_need_level",
    )
    findings = django_filters.BooleanFilter(
        label=_("Only with open findings"),
        method="filter_findings",
        widget=forms.CheckboxInput,
    )
    case_manager = ColleagueFilter(
        label=_("Case manager"),
        queryset=User.objects.none(),
        method="filter_case_manager",
        empty_label=pgettext_lazy("case manager", "all"),
    )
    mine = django_filters.BooleanFilter(
        label=_("Only my cases"), method="filter_mine", widget=forms.CheckboxInput
    )
    sort = CaseloadOrdering(
        fields=[(key, key) for key in SORT_LABELS],
        widget=SortInput,
    )

    def __init__(self, *args: Any, principal: Principal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.principal = principal
        self.today = timezone.localdate()
        if principal.case_manager_memberships():
            self.filters["case_manager"].queryset = colleagues(principal)
        else:  # casework columns of another organisation: nothing to filter by
            for name in ("findings", "case_manager", "mine"):
                del self.filters[name]

    def filter_name(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return name_search(qs, value)

    def filter_case_status(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(Exists(Case.objects.filter(person=OuterRef("pk"), status=value)))

    def filter_expires_within(self, qs: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return qs.filter(status_until__lte=self.today + dt.timedelta(days=int(value)))

    def filter_need_level(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        at_level = current_need_assessments(OuterRef("pk")).filter(level=value)
        return qs.filter(Exists(at_level), needs_visible=True)

    def filter_findings(self, qs: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        return qs.filter(open_findings__gt=0) if value else qs

    def filter_case_manager(self, qs: QuerySet[Any], name: str, value: User) -> QuerySet[Any]:
        return qs.filter(assigned_to=value, owned=True)

    def filter_mine(self, qs: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        return qs.filter(assigned_to_id=self.principal.user.pk) if value else qs

    def active(self) -> bool:
        """Whether any filter (not the sort) narrows the list."""
        data = self.form.cleaned_data if self.is_valid() else {}
        return any(v for k, v in data.items() if k != SORT_PARAM)

    def saved_values(self) -> dict[str, str]:
        """The bound values worth saving (what the user set, the sort included)."""
        return {
            name: str(self.data.get(name))
            for name in self.filters
            if self.data.get(name) not in (None, "")
        }
