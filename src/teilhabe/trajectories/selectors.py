"""Reads of the trajectories app, each after the access check and with a fixed query count."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

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
from django.db.models.functions import Coalesce
from django.http import Http404

from teilhabe.core.models import Alliance, Role
from teilhabe.core.roles import Principal
from teilhabe.offers.selectors import (
    alliance_category_labels,
    category_label,
    with_custom_category_name,
)
from teilhabe.people.access import PersonAccess, owned_persons, persons_for
from teilhabe.people.models import Person
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


def latest_runs(alliance: Alliance | None, limit: int = 5) -> list[CareerRun]:
    return list(CareerRun.objects.filter(alliance=alliance).order_by("-created_at")[:limit])


def get_run(alliance: Alliance | None, run_id: uuid.UUID) -> CareerRun:
    try:
        return CareerRun.objects.get(pk=run_id, alliance=alliance)
    except CareerRun.DoesNotExist as exc:
        raise Http404 from exc


def is_case_manager(principal: Principal) -> bool:
    return principal.has_role(Role.CASE_MANAGER)
