"""Reads of the trajectories app, each after the access check and with a fixed query count."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.utils.translation import gettext as _

from teilhabe.core.models import Alliance, Role
from teilhabe.core.roles import Principal
from teilhabe.core.suppression import MARK, published_rates
from teilhabe.core.suppression import Value as Shown
from teilhabe.offers.selectors import (
    alliance_category_labels,
    category_label,
    with_custom_category_name,
)
from teilhabe.people.access import PersonAccess, owned_persons, persons_for
from teilhabe.people.models import Person
from teilhabe.trajectories.careers_text import CATEGORY_LABELS
from teilhabe.trajectories.models import CareerRun, Finding, FindingReview, Participation


def category_labels(alliance: Alliance | uuid.UUID) -> dict[str, str]:
    alliance_id = alliance.pk if isinstance(alliance, Alliance) else alliance
    return alliance_category_labels(alliance_id)


def participations_of(access: PersonAccess, latest: int | None = None) -> list[Participation]:
    """The person's participations (one query) in order of time, with display attributes
    attached; with `latest`, only the most recent that many, each carrying `total`."""
    qs = with_custom_category_name(Participation.objects.filter(person=access.person))
    qs = qs.select_related("offer__provider", "recorded_by_organisation")
    if latest is None:
        rows = list(qs.order_by("start", "end", "id"))
    else:
        newest = qs.annotate(total=Window(Count("pk"))).order_by("-start", "-end", "-id")
        rows = list(reversed(newest[:latest]))
    for p in rows:
        p.title = p.offer.title if p.offer else p.external_title  # type: ignore[attr-defined]
        p.provider_name = (  # type: ignore[attr-defined]
            p.offer.provider.name if p.offer else p.external_provider
        )
        p.category_label = category_label(p.category, p.custom_category_name)  # type: ignore[attr-defined]
    return rows


def person_participation(access: PersonAccess, participation_id: uuid.UUID) -> Participation:
    try:
        return Participation.objects.select_related("offer").get(
            pk=participation_id, person=access.person
        )
    except Participation.DoesNotExist as exc:
        raise Http404 from exc


def findings_of(access: PersonAccess) -> list[Finding]:
    """Findings are an assessment by the case management: the owner sees them, nobody else."""
    if not access.is_owner:
        return []
    return list(Finding.objects.filter(person=access.person).order_by("position"))


def _reviews(field: str) -> Subquery:
    same = FindingReview.objects.filter(
        person_id=OuterRef("person_id"), fingerprint=OuterRef("fingerprint")
    )
    return Subquery(same.values(field)[:1])


def with_state(qs: QuerySet[Finding]) -> QuerySet[Finding]:
    """Findings annotated with their review's state (one query, joined by fingerprint):
    `review_status` ('new' without a review), `review_note`, `review_conference_on`,
    `review_action_taken`, `review_closed_on`."""
    return qs.annotate(
        review_status=Coalesce(_reviews("status"), Value(FindingReview.Status.NEW)),
        review_note=_reviews("note"),
        review_conference_on=_reviews("conference_on"),
        review_action_taken=_reviews("action_taken"),
        review_closed_on=_reviews("closed_on"),
    )


def findings_with_state(access: PersonAccess) -> list[Finding]:
    """The person's findings with their state, for the owning case management only (one
    query); each carries `state_label`."""
    if not access.is_owner:
        return []
    rows = list(with_state(Finding.objects.filter(person=access.person)).order_by("position"))
    labels = dict(FindingReview.Status.choices)
    for f in rows:
        f.state_label = labels.get(f.review_status, f.review_status)  # type: ignore[attr-defined]
    return rows


def not_closed(qs: QuerySet[Finding]) -> QuerySet[Finding]:
    """Findings whose review is not closed (the one rule for "open findings")."""
    closed = FindingReview.objects.filter(
        person_id=OuterRef("person_id"),
        fingerprint=OuterRef("fingerprint"),
        status=FindingReview.Status.CLOSED,
    )
    return qs.filter(~Exists(closed))


def open_findings(principal: Principal, today: dt.date) -> QuerySet[Finding]:
    """Not-closed findings of the principal's own caseload (one query, person joined).

    Each row carries `review_status` (new / acknowledged / assessed), `due_on` (the case
    conference of an assessed finding, else the day it was detected) and `overdue`."""
    qs = not_closed(Finding.objects.filter(person__in=owned_persons(principal)))
    return (
        with_state(qs)
        .annotate(
            due_on=Case(
                When(review_conference_on__isnull=False, then=F("review_conference_on")),
                default=F("detected_on"),
                output_field=DateField(),
            )
        )
        .annotate(
            overdue=ExpressionWrapper(Q(due_on__lt=today), output_field=BooleanField()),
        )
        .select_related("person")
        .order_by("due_on", "person_id", "position")
    )


def open_findings_count(person_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Per person, the number of findings not closed (one query); persons without any are
    missing from the dict."""
    qs = not_closed(Finding.objects.filter(person_id__in=person_ids))
    return dict(qs.values("person_id").annotate(n=Count("pk")).values_list("person_id", "n"))


def _own_persons(principal: Principal) -> QuerySet[Person]:
    own = [m.organisation_id for m in principal.case_manager_memberships()]
    return persons_for(principal).filter(owner_id__in=own)


FLAGGED_FILTERS = ("neu", "offen", "alle")


def flagged_persons(principal: Principal, show: str = "alle") -> QuerySet[Person]:
    """Persons of the case manager's own caseload with at least one finding; `show`
    narrows to persons with a new ("neu") or a not-closed ("offen") finding."""
    findings: QuerySet[Finding] = Finding.objects.filter(person_id=OuterRef("pk"))
    if show == "offen":
        findings = not_closed(findings)
    elif show == "neu":
        reviewed = FindingReview.objects.filter(
            person_id=OuterRef("person_id"), fingerprint=OuterRef("fingerprint")
        )
        findings = findings.filter(~Exists(reviewed))
    return (
        _own_persons(principal)
        .filter(Exists(findings))
        .annotate(finding_count=Count("career_findings"))
        .order_by("family_name", "given_name")
    )


def findings_by_person(persons: list[Person]) -> dict[uuid.UUID, list[Finding]]:
    """The findings of these persons with their state (one query)."""
    by_person: dict[uuid.UUID, list[Finding]] = defaultdict(list)
    labels = dict(FindingReview.Status.choices)
    for f in with_state(Finding.objects.filter(person__in=persons)).order_by("position"):
        f.state_label = labels.get(f.review_status, f.review_status)  # type: ignore[attr-defined]
        by_person[f.person_id].append(f)
    return by_person


@dataclass
class RateRow:
    """Persons and flagged persons of a group, with the figures as published (`published`)."""

    label: str
    persons: int
    flagged: int
    shown_persons: Shown = MARK
    shown_flagged: Shown = MARK
    rate: str = MARK


def published(rows: list[RateRow], *, with_total: bool = False) -> list[RateRow]:
    """The rows with their published figures: the statewide suppression (reporting) for
    every rate table, so no page keeps its own rule; `with_total` when the rows split one
    population and the last row is their total (the alliances of NRW)."""
    parts = rows[:-1] if with_total else rows
    shown = published_rates([(r.flagged, r.persons) for r in parts], with_total=with_total)
    for row, (flagged, persons, rate) in zip(rows, shown, strict=False):
        row.shown_flagged, row.shown_persons, row.rate = flagged, persons, rate
    return rows


@dataclass
class Rates:
    alliance: RateRow
    by_rule: list[RateRow] = field(default_factory=list)
    by_category: list[RateRow] = field(default_factory=list)
    by_provider: list[RateRow] = field(default_factory=list)


RULES = ("MK1", "MK2", "MK3", "MK4")


def rule_label(rule: str) -> str:
    labels = {
        "MK1": _("MK1 – chain without progress"),
        "MK2": _("MK2 – repetition"),
        "MK3": _("MK3 – waiting loop"),
        "MK4": _("MK4 – abort series"),
    }
    return labels.get(rule, rule)


def alliance_rates(alliance: Alliance) -> Rates:
    """Aggregates only: the share of persons with an open case who are flagged, and per
    offer category and provider the share of participants whose chain, repetition or abort
    findings name a participation there. Counted in the database (eight queries); only the
    participations the findings name are read, so the page does not grow with the
    alliance's participations (issue 20)."""
    from teilhabe.casework.models import Case

    found = Finding.objects.filter(alliance=alliance).order_by()
    open_cases = Case.objects.filter(alliance=alliance, status=Case.Status.OPEN).order_by()
    base = open_cases.values("person_id").union(found.values("person_id")).count()
    flagged = found.aggregate(n=Count("person_id", distinct=True))["n"]
    by_rule = dict(
        found.values("rule").annotate(n=Count("person_id", distinct=True)).values_list("rule", "n")
    )
    parts = Participation.objects.filter(alliance=alliance).order_by()
    provider = Coalesce(
        NullIf(F("offer__provider__name"), Value("")), NullIf(F("external_provider"), Value(""))
    )
    unknown = _("unknown provider")
    cat_persons = _persons_by(parts, "category")
    prov_persons = _persons_by(parts.annotate(provider=provider), "provider")
    chains = found.exclude(rule="MK3")  # a waiting gap is not the measure's doing
    persons_of: dict[str, set[uuid.UUID]] = defaultdict(set)
    for person_id, ids in chains.values_list("person_id", "participation_ids"):
        for pid in ids:
            persons_of[pid].add(person_id)
    cat_flagged: dict[str, set[uuid.UUID]] = defaultdict(set)
    prov_flagged: dict[str | None, set[uuid.UUID]] = defaultdict(set)
    concerned = parts.filter(person_id__in=chains.values("person_id")).annotate(provider=provider)
    for pid, category, name in concerned.values_list("pk", "category", "provider"):
        if (persons := persons_of.get(str(pid))) is not None:
            cat_flagged[category] |= persons
            prov_flagged[name] |= persons
    labels = category_labels(alliance)
    # A person may fall under several rules, categories and providers: no column totals.
    return Rates(
        alliance=published([RateRow(alliance.name, base, flagged)])[0],
        by_rule=published([RateRow(rule_label(r), base, by_rule.get(r, 0)) for r in RULES]),
        by_category=published(
            sorted(
                (
                    RateRow(labels.get(c, CATEGORY_LABELS.get(c, c)), n, len(cat_flagged[c]))
                    for c, n in cat_persons.items()
                ),
                key=lambda r: r.label,
            )
        ),
        by_provider=published(
            sorted(
                (
                    RateRow(name or unknown, n, len(prov_flagged[name]))
                    for name, n in prov_persons.items()
                ),
                key=lambda r: r.label,
            )
        ),
    )


def _persons_by(rows: QuerySet[Participation], column: str) -> dict[Any, int]:
    """Distinct persons per value of `column`, counted in one query."""
    grouped = rows.values(column).annotate(n=Count("person_id", distinct=True))
    return dict(grouped.values_list(column, "n"))


def state_rates() -> list[RateRow]:
    """Per alliance: persons with an open case or a finding there, and flagged persons;
    the last row is NRW. Suppressed as one table with its total, so a hidden alliance
    cannot be recomputed from NRW and the others. Two queries, counted in the database."""
    from django_scopes import scopes_disabled

    from teilhabe.casework.models import Case

    same = {"person_id": OuterRef("pk"), "alliance_id": OuterRef("alliance_id")}
    with scopes_disabled():
        open_case = Exists(Case.objects.filter(status=Case.Status.OPEN, **same))
        finding = Exists(Finding.objects.filter(**same))
        names = dict(Alliance.objects.values_list("pk", "name"))
        rows_db = (
            Person.objects.filter(open_case | finding)
            .values("alliance_id")
            .annotate(persons=Count("pk"), flagged=Count("pk", filter=finding))
            .values_list("alliance_id", "persons", "flagged")
            .order_by()
        )
        counts = {alliance_id: (persons, flagged) for alliance_id, persons, flagged in rows_db}
    rows = sorted(
        (RateRow(name, *counts.get(pk, (0, 0))) for pk, name in names.items()),
        key=lambda r: r.label,
    )
    total = RateRow(
        _("North Rhine-Westphalia"), sum(r.persons for r in rows), sum(r.flagged for r in rows)
    )
    return published([*rows, total], with_total=True)


def latest_runs(alliance: Alliance | None, limit: int = 5) -> list[CareerRun]:
    return list(CareerRun.objects.filter(alliance=alliance).order_by("-created_at")[:limit])


def get_run(alliance: Alliance | None, run_id: uuid.UUID) -> CareerRun:
    try:
        return CareerRun.objects.get(pk=run_id, alliance=alliance)
    except CareerRun.DoesNotExist as exc:
        raise Http404 from exc


def is_case_manager(principal: Principal) -> bool:
    return principal.has_role(Role.CASE_MANAGER)
