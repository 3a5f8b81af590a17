"""Reads of persons and cases; every one starts from the access helper."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from teilhabe.casework.models import Case
from teilhabe.core.roles import Principal
from teilhabe.people.access import persons_for
from teilhabe.people.models import Person


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


def person_list(
    principal: Principal, *, search: str = "", only_mine: bool = False, status: str = ""
) -> QuerySet[Person]:
    qs = persons_for(principal).select_related("owner", "residence", "assigned_to")
    if search:
        for term in search.split()[:4]:
            qs = qs.filter(Q(given_name__icontains=term) | Q(family_name__icontains=term))
    if only_mine:
        qs = qs.filter(assigned_to_id=principal.user.pk)
    if status:
        qs = qs.filter(cases__status=status).distinct()
    open_cases = Case.objects.filter(status=Case.Status.OPEN).order_by("-opened_on")
    return qs.prefetch_related(Prefetch("cases", queryset=open_cases, to_attr="open_cases"))


def person_detail_cases(person: Person) -> list[Case]:
    return list(
        Case.objects.filter(person=person)
        .select_related("organisation", "case_manager")
        .order_by("-opened_on")
    )
