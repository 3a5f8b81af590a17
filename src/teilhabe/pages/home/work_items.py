"""The case manager's worklist: everything due, from several apps, as one list.

Each kind of item is one queryset reduced to the same five columns (kind, rank, due date,
id, person); the union is ordered and paged in the database, then the page's rows are
loaded per kind. So the worklist answers with the same number of queries for 10 items as
for 10,000, and every item is reachable by paging — never "only the 20 oldest".

Whose items: persons the principal owns (people.access) that are assigned to the user, that
nobody is assigned to, or whose open case the user manages; reminders of one's own are
those addressed to the user.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.casework.models import Case, Consent, FollowUp, Referral, Step
from teilhabe.casework.sharing.selectors import consents_expiring
from teilhabe.casework.work.selectors import PENDING
from teilhabe.core.roles import Principal
from teilhabe.people.access import owned_persons
from teilhabe.people.models import Person
from teilhabe.trajectories.models import Finding, FindingReview
from teilhabe.trajectories.selectors import with_state

# Kinds, in the order of the filter; the URL value is German like every other parameter.
KINDS: dict[str, Any] = {
    "schritte": _("Plan steps"),
    "wiedervorlagen": _("Follow-ups and appointments"),
    "einwilligungen": _("Expiring consents"),
    "vermittlungen": _("Answers to referrals"),
    "fruehwarnung": _("Early-warning findings"),
}
# Periods: "neu" are events to take note of; the others follow the due date.
PERIODS: dict[str, Any] = {
    "neu": pgettext_lazy("worklist period", "New"),
    "ueberfaellig": pgettext_lazy("worklist period", "Overdue"),
    "heute": pgettext_lazy("worklist period", "Today"),
    "woche": pgettext_lazy("worklist period", "This week"),
    "spaeter": pgettext_lazy("worklist period", "Later"),
}
CONSENT_WARNING_DAYS = 30
NEW, DATED = 0, 1


@dataclass(frozen=True)
class Window:
    """The dates that split the dated items into periods."""

    today: dt.date

    @property
    def week_end(self) -> dt.date:  # the coming Sunday (today when it is Sunday)
        return self.today + dt.timedelta(days=6 - self.today.weekday())

    def period_of(self, rank: int, due: dt.date) -> str:
        if rank == NEW:
            return "neu"
        if due < self.today:
            return "ueberfaellig"
        if due == self.today:
            return "heute"
        return "woche" if due <= self.week_end else "spaeter"

    def q(self, period: str, field: str) -> Q:
        """The due-date condition of a period on one source's date column."""
        return {
            "ueberfaellig": Q(**{f"{field}__lt": self.today}),
            "heute": Q(**{field: self.today}),
            "woche": Q(**{f"{field}__gt": self.today, f"{field}__lte": self.week_end}),
            "spaeter": Q(**{f"{field}__gt": self.week_end}),
        }[period]


def my_persons(principal: Principal) -> QuerySet[Person]:
    user_id = principal.user.pk
    manages = Case.objects.filter(
        person_id=OuterRef("pk"), case_manager_id=user_id, status=Case.Status.OPEN
    )
    return owned_persons(principal).filter(
        Q(assigned_to_id=user_id) | Q(assigned_to__isnull=True) | Exists(manages)
    )


@dataclass(frozen=True)
class Source:
    """Rows of one kind, their date column and person column, and whether they are new (a
    kind may have two sources: new findings and findings due on a case conference)."""

    kind: str
    rows: QuerySet[Any]
    due: str
    person: str
    rank: int


def sources(principal: Principal, today: dt.date) -> list[Source]:
    persons = my_persons(principal)
    org_ids = [m.organisation_id for m in principal.case_manager_memberships()]
    steps = Step.objects.filter(
        status__in=PENDING,
        due_on__isnull=False,
        goal__case__status=Case.Status.OPEN,
        goal__case__person__in=persons,
    )
    # Generated follow-ups of my persons; own reminders and appointments wherever the user
    # is the one reminded (a colleague's person included, if the user may work on it).
    followups = FollowUp.objects.filter(done_on__isnull=True).filter(
        Q(case__person__in=persons) & ~Q(reason__in=FollowUp.OWN)
        | Q(
            reason__in=FollowUp.OWN,
            assigned_to_id=principal.user.pk,
            case__person__in=owned_persons(principal),
        )
    )
    consents = consents_expiring(today, CONSENT_WARNING_DAYS).filter(
        person__in=persons, organisation_id__in=org_ids
    )
    answers = Referral.objects.filter(
        answered_on__isnull=False,
        answer_seen_on__isnull=True,
        from_organisation_id__in=org_ids,
        case__person__in=persons,
    )
    # New findings are to take note of; an assessed one is due on its case conference.
    findings = with_state(Finding.objects.filter(person__in=persons))
    # (annotations of with_state: filtered by name, which the type checker cannot see)
    new_findings = findings.filter(**{"review_status": FindingReview.Status.NEW})
    conferences = findings.filter(
        **{"review_status": FindingReview.Status.ASSESSED, "review_conference_on__isnull": False}
    )
    return [
        Source("schritte", steps, "due_on", "goal__case__person_id", DATED),
        Source("wiedervorlagen", followups, "due_on", "case__person_id", DATED),
        Source("einwilligungen", consents, "valid_until", "person_id", DATED),
        Source("vermittlungen", answers, "answered_on", "case__person_id", NEW),
        Source("fruehwarnung", new_findings, "detected_on", "person_id", NEW),
        Source("fruehwarnung", conferences, "review_conference_on", "person_id", DATED),
    ]


def _filtered(source: Source, window: Window, period: str) -> QuerySet[Any]:
    if not period:
        return source.rows
    if source.rank == NEW:
        return source.rows if period == "neu" else source.rows.none()
    return (
        source.rows.none() if period == "neu" else source.rows.filter(window.q(period, source.due))
    )


def _columns(source: Source, rows: QuerySet[Any]) -> QuerySet[Any]:
    return (
        rows.order_by()
        .annotate(
            w_kind=Value(source.kind, output_field=CharField()),
            w_rank=Value(source.rank, output_field=IntegerField()),
            w_due=F(source.due),
            w_id=F("id"),
            w_person=F(source.person),
        )
        .values_list("w_kind", "w_rank", "w_due", "w_id", "w_person")
    )


def worklist_rows(
    principal: Principal, today: dt.date, *, kind: str = "", period: str = ""
) -> QuerySet[Any]:
    """The worklist as one ordered union: new items first, then by due date (paged by the
    caller; `.count()` and slicing run in the database)."""
    window = Window(today)
    parts = [
        _columns(s, _filtered(s, window, period))
        for s in sources(principal, today)
        if not kind or s.kind == kind
    ]
    first, *rest = parts
    union = first.union(*rest, all=True) if rest else first
    return union.order_by("w_rank", "w_due", "w_kind", "w_id")


def worklist_counts(principal: Principal, today: dt.date) -> dict[str, dict[str, int]]:
    """Per kind, the number of items per period and in all (one query per kind)."""
    window = Window(today)
    counts: dict[str, dict[str, int]] = {k: dict.fromkeys((*PERIODS, "alle"), 0) for k in KINDS}
    for source in sources(principal, today):
        if source.rank == NEW:
            row = source.rows.aggregate(neu=Count("pk"))
        else:
            row = source.rows.aggregate(
                **{
                    period: Count("pk", filter=window.q(period, source.due))
                    for period in ("ueberfaellig", "heute", "woche", "spaeter")
                }
            )
        for period in PERIODS:  # a kind may come from two sources (findings)
            counts[source.kind][period] += row.get(period, 0) or 0
            counts[source.kind]["alle"] += row.get(period, 0) or 0
    return counts


# --- the page's rows, loaded per kind -------------------------------------------------------


@dataclass(frozen=True)
class WorkItem:
    kind: str
    period: str
    due: dt.date
    person: Person
    obj: Any

    @property
    def period_label(self) -> Any:
        return PERIODS[self.period]

    @property
    def kind_label(self) -> Any:
        return KINDS[self.kind]


def _load(kind: str, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Any]:
    ids = list(ids)
    if not ids:
        return {}
    loaders: dict[str, QuerySet[Any]] = {
        "schritte": Step.objects.select_related("goal", "responsible"),
        "wiedervorlagen": FollowUp.objects.select_related("status_entry", "created_by"),
        "einwilligungen": Consent.objects.prefetch_related("recipients"),
        "vermittlungen": Referral.objects.select_related("to_organisation", "offer"),
        "fruehwarnung": with_state(Finding.objects.all()),
    }
    return {obj.pk: obj for obj in loaders[kind].filter(pk__in=ids)}


def hydrate(rows: Iterable[tuple[str, int, dt.date, Any, Any]], today: dt.date) -> list[WorkItem]:
    """The page's rows as items: one query per kind present plus one for the persons."""
    window = Window(today)
    rows = [(k, r, d, _uuid(i), _uuid(p)) for k, r, d, i, p in rows]
    by_kind: dict[str, list[uuid.UUID]] = {}
    for kind, _rank, _due, obj_id, _person in rows:
        by_kind.setdefault(kind, []).append(obj_id)
    objects = {kind: _load(kind, ids) for kind, ids in by_kind.items()}
    persons = Person.objects.in_bulk({p for *_, p in rows})
    return [
        WorkItem(kind, window.period_of(rank, due), due, persons[person_id], objects[kind][obj_id])
        for kind, rank, due, obj_id, person_id in rows
        if obj_id in objects[kind] and person_id in persons
    ]


def _uuid(value: Any) -> uuid.UUID:
    # A union hands UUIDs back as text on SQLite (no column type to convert through).
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
