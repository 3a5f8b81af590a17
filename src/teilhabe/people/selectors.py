"""Reads of persons and cases; every one starts from the access helper."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models import Case as CaseWhen

from teilhabe.casework.models import Case, Contact, NeedAssessment, Step
from teilhabe.casework.models.needs import CURRENT, NeedLevel
from teilhabe.casework.models.plans import PlanStatus
from teilhabe.core.roles import Principal
from teilhabe.people.access import (
    MASTER_DATA,
    Shared,
    category_visible,
    owned_persons,
    persons_for,
    shared_with,
    with_visibility,
)
from teilhabe.people.collation import german
from teilhabe.people.intake.duplicates import name_key
from teilhabe.people.intake.selectors import annotate_current_status, current_entries
from teilhabe.people.models import Person

# A plan step still to be done (as casework.work.selectors.PENDING, which imports people).
PENDING_STEPS = (PlanStatus.OPEN, PlanStatus.IN_PROGRESS)


@dataclass(frozen=True)
class StartFigures:
    persons: int
    open_cases: int
    assigned_to_me: int


def start_page_figures(principal: Principal) -> StartFigures:
    persons = persons_for(principal)
    counts = persons.aggregate(
        total=Count("id", distinct=True),
        open_cases=Count("cases", filter=Q(cases__status=Case.Status.OPEN), distinct=True),
        mine=Count("id", filter=Q(assigned_to_id=principal.user.pk), distinct=True),
    )
    return StartFigures(counts["total"], counts["open_cases"], counts["mine"])


def shown_name(field: str) -> Any:
    """`field` in German order where the row may name the person, else NULL: sorting by
    a name must not reveal the order of names a row hides (`master_visible`)."""
    return german(CaseWhen(When(master_visible=True, then=F(field)), default=Value(None)))


def name_search(qs: QuerySet[Person], search: str) -> QuerySet[Person]:
    """The name search: each word (up to four) in either name, or a word of either name
    starting like it in any transliteration (Mohammed finds Muhammad). Only rows that may
    show the name match (`master_visible` of `people.access.with_visibility`): a search
    must not reveal a name the row hides."""
    if not search.split():
        return qs
    return name_matches(qs.filter(master_visible=True), search)  # type: ignore[misc]


def name_matches(qs: QuerySet[Person], search: str) -> QuerySet[Person]:
    """`name_search` for rows whose names the caller may read anyway (the data-protection
    officer's own persons): the tolerant match without the visibility filter."""
    for term in search.split()[:4]:
        key = name_key(term)
        condition = Q(given_name__icontains=term) | Q(family_name__icontains=term)
        if key:
            condition |= Q(search_key__contains=f" {key}")
        qs = qs.filter(condition)
    return qs


def person_list(
    principal: Principal,
    *,
    search: str = "",
    only_mine: bool = False,
    status: str = "",
    residence_status: str = "",
    shared: dict[Any, Shared] | None = None,
) -> QuerySet[Person]:
    """The persons the principal may see, filtered. Each row carries its open cases, the
    current residence status (`current_status`, `current_status_until`; empty unless
    `status_visible`) and needs a fixed number of queries per page. `shared` is
    `shared_with(principal)` where the caller has it already."""
    shared = shared_with(principal) if shared is None else shared
    rows = persons_for(principal).select_related("owner", "residence", "assigned_to")
    qs = name_search(with_visibility(rows, principal, shared), search)
    if only_mine:
        qs = qs.filter(assigned_to_id=principal.user.pk)
    if status:
        qs = qs.filter(Exists(Case.objects.filter(person=OuterRef("pk"), status=status)))
    visible = category_visible(principal, "residence_status", shared)
    qs = annotate_current_status(qs).annotate(
        status_visible=ExpressionWrapper(visible, output_field=BooleanField())
    )
    if residence_status:
        qs = qs.filter(visible, current_status=residence_status)
    open_cases = Case.objects.filter(status=Case.Status.OPEN).order_by("-opened_on")
    return qs.prefetch_related(Prefetch("cases", queryset=open_cases, to_attr="open_cases"))


# --- the caseload list ---------------------------------------------------------------------

NEED_RANK = {NeedLevel.NONE: 0, NeedLevel.SOME: 1, NeedLevel.URGENT: 2}


def current_need_assessments(person: OuterRef | Any) -> QuerySet[NeedAssessment]:
    """The latest assessment per field of action over the person's cases (the rule of
    `casework.work.selectors.current_needs`), as a subquery: no newer row of the field."""
    same = Q(
        case__person_id=OuterRef("case__person_id"), field_of_action=OuterRef("field_of_action")
    )
    newer = NeedAssessment.objects.filter(same).filter(CURRENT.newer_than_outer())
    return NeedAssessment.objects.filter(case__person_id=person).exclude(Exists(newer))


def _only(visible: Q, value: Any) -> CaseWhen:
    """`value` where the principal may see it, else NULL: sorting or filtering by a value
    must not reveal what the row does not show."""
    return CaseWhen(When(visible, then=value), default=Value(None))


def caseload(principal: Principal, today: dt.date | None = None) -> QuerySet[Any]:
    """The persons the principal may see with every column of the caseload list as an
    annotation (one query per page, whatever its size):

    - `status_code`, `status_until`: current residence status (owner or consent category);
    - `last_contact`: latest contact of the owning organisation's cases (owner only);
    - `next_step_on`: earliest due date of a pending plan step of an open case (plan);
    - `need_rank`: highest current need over the fields of action, 0–2 (needs);
    - `birth_date`: the date of birth (master data);
    - `master_visible`, `needs_visible`, `owned`: what the row may show.
    Filters (people.filters) and sorting work on these names."""
    shared = shared_with(principal, today)
    owned = Q(pk__in=owned_persons(principal).values("pk"))
    master_visible = category_visible(principal, MASTER_DATA, shared)
    status_visible = category_visible(principal, "residence_status", shared)
    needs_visible = category_visible(principal, "needs", shared)
    plan_visible = category_visible(principal, "plan", shared)
    latest = current_entries(person=OuterRef("pk"))
    contacts = Contact.objects.filter(
        case__person=OuterRef("pk"), case__organisation=OuterRef("owner_id")
    ).order_by("-on")
    steps = Step.objects.filter(
        goal__case__person=OuterRef("pk"),
        goal__case__status=Case.Status.OPEN,
        status__in=PENDING_STEPS,
        due_on__isnull=False,
    ).order_by("due_on")
    rank = CaseWhen(*(When(level=level, then=Value(n)) for level, n in NEED_RANK.items()))
    needs = current_need_assessments(OuterRef("pk")).annotate(rank=rank).order_by("-rank")
    rows = persons_for(principal, today).select_related("owner", "assigned_to", "residence")
    return with_visibility(rows, principal, shared).annotate(
        birth_date=_only(master_visible, F("date_of_birth")),
        status_visible=ExpressionWrapper(status_visible, output_field=BooleanField()),
        needs_visible=ExpressionWrapper(needs_visible, output_field=BooleanField()),
        status_code=_only(status_visible, Subquery(latest.values("status")[:1])),
        status_until=_only(status_visible, Subquery(latest.values("valid_until")[:1])),
        last_contact=_only(owned, Subquery(contacts.values("on")[:1])),
        next_step_on=_only(plan_visible, Subquery(steps.values("due_on")[:1])),
        need_rank=_only(needs_visible, Subquery(needs.values("rank")[:1])),
    )


def person_detail_cases(person: Person) -> list[Case]:
    return list(
        Case.objects.filter(person=person)
        .select_related("organisation", "case_manager")
        .order_by("-opened_on")
    )
