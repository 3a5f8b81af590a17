"""Reads of persons and cases; every one starts from the access helper."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)

from teilhabe.casework.models import Case
from teilhabe.core.models import Role
from teilhabe.core.roles import Principal
from teilhabe.people.access import active_consents, owned_persons, persons_for
from teilhabe.people.intake.duplicates import name_key
from teilhabe.people.intake.selectors import annotate_current_status
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


def _status_visible(principal: Principal) -> Q:
    """Persons whose residence status the principal may see: its own organisation's
    (as case manager), and those shared by an active consent covering the category."""
    owned = Q(pk__in=owned_persons(principal).values("pk"))
    partner_ids = [o.pk for o in principal.organisations(Role.PARTNER_STAFF)]
    if not partner_ids:
        return owned
    # Consent categories are a JSON list; SQLite cannot query inside it, and a partner's
    # consents are few, so they are read once and checked here.
    consented = {
        person_id
        for person_id, categories in active_consents()
        .filter(recipients__in=partner_ids)
        .values_list("person_id", "categories")
        if "residence_status" in (categories or [])
    }
    return owned | Q(pk__in=consented)


def person_list(
    principal: Principal,
    *,
    search: str = "",
    only_mine: bool = False,
    status: str = "",
    residence_status: str = "",
) -> QuerySet[Person]:
    """The persons the principal may see, filtered. Each row carries its open cases, the
    current residence status (`current_status`, `current_status_until`; empty unless
    `status_visible`) and needs a fixed number of queries per page."""
    qs = persons_for(principal).select_related("owner", "residence", "assigned_to")
    for term in search.split()[:4]:
        key = name_key(term)
        condition = Q(given_name__icontains=term) | Q(family_name__icontains=term)
        if key:
            # A word of either name starting like the term, in any transliteration.
            condition |= Q(search_key__contains=f" {key}")
        qs = qs.filter(condition)
    if only_mine:
        qs = qs.filter(assigned_to_id=principal.user.pk)
    if status:
        qs = qs.filter(Exists(Case.objects.filter(person=OuterRef("pk"), status=status)))
    visible = _status_visible(principal)
    qs = annotate_current_status(qs).annotate(
        status_visible=ExpressionWrapper(visible, output_field=BooleanField())
    )
    if residence_status:
        qs = qs.filter(visible, current_status=residence_status)
    open_cases = Case.objects.filter(status=Case.Status.OPEN).order_by("-opened_on")
    return qs.prefetch_related(Prefetch("cases", queryset=open_cases, to_attr="open_cases"))


def person_detail_cases(person: Person) -> list[Case]:
    return list(
        Case.objects.filter(person=person)
        .select_related("organisation", "case_manager")
        .order_by("-opened_on")
    )
