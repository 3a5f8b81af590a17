"""Reads of the alliances app that are more than a line. Query counts do not grow with
the number of rows: related rows come with select_related/prefetch_related."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from teilhabe.alliances.models import (
    Article,
    ArticleVersion,
    ContactPoint,
    ContactTopic,
    CoreGroupMember,
    DeclarationStatus,
    ExpenditureReport,
    FieldOfAction,
    FundingAllocation,
    FundingBudget,
    JoinDeclaration,
    PartnerProfile,
    Priority,
    PriorityStatus,
    ProblemReport,
    Programme,
    TeilhabemanagementPost,
    Workshop,
)
from teilhabe.core.models import Alliance, Membership, Organisation

ANNOUNCED_FUNDING_EUR = Decimal("13200000")  # "mehr als 13,2 Millionen Euro bis 2022"


def fields_of_action_for(alliance: Alliance | None) -> QuerySet[FieldOfAction]:
    """The global default fields of action plus the alliance's own additions.

    The casework app uses this list for needs assessments, so it is the one public entry.
    """
    condition = Q(alliance__isnull=True)
    if alliance is not None:
        condition |= Q(alliance=alliance)
    return FieldOfAction.objects.filter(condition).order_by("position", "name")


def declarations(status: str = "") -> QuerySet[JoinDeclaration]:
    qs = JoinDeclaration.objects.select_related("programme", "kreis", "gemeinde", "alliance")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-received_on", "kreis_id", "gemeinde_id")


def gemeinden_alone_in(declaration: JoinDeclaration) -> list[Alliance]:
    """For a Kreis's declaration: member Gemeinden that already participate on their own."""
    if declaration.gemeinde_id is not None:
        return []
    return list(Alliance.objects.filter(gemeinde__kreis=declaration.kreis).order_by("name"))


def partners_for(alliance: Alliance) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(alliance=alliance)
        .select_related("partner_profile")
        .order_by("-is_lead_office", "name")
    )


def partner_profile_of(organisation: Organisation) -> PartnerProfile | None:
    return PartnerProfile.objects.filter(
        alliance_id=organisation.alliance_id, organisation=organisation
    ).first()


def core_group_for(alliance: Alliance) -> QuerySet[CoreGroupMember]:
    return CoreGroupMember.objects.filter(alliance=alliance).select_related("organisation")


def posts_for(alliance: Alliance) -> QuerySet[TeilhabemanagementPost]:
    return TeilhabemanagementPost.objects.filter(alliance=alliance).select_related("organisation")


def workshops_for(alliance: Alliance) -> QuerySet[Workshop]:
    return (
        Workshop.objects.filter(alliance=alliance)
        .annotate(problem_count=Count("problems"))
        .order_by("-held_on", "title")
    )


def problems_of(workshop: Workshop) -> QuerySet[ProblemReport]:
    return (
        ProblemReport.objects.filter(alliance_id=workshop.alliance_id, workshop=workshop)
        .select_related("field")
        .order_by("field__position", "description")
    )


def problems_for(alliance: Alliance) -> QuerySet[ProblemReport]:
    return (
        ProblemReport.objects.filter(alliance=alliance)
        .select_related("field", "workshop")
        .order_by("-workshop__held_on", "field__position", "description")
    )


def priorities_for(alliance: Alliance) -> QuerySet[Priority]:
    return (
        Priority.objects.filter(alliance=alliance)
        .select_related("responsible", "field")
        .prefetch_related(
            Prefetch(
                "problems",
                queryset=ProblemReport.objects.filter(alliance=alliance).order_by("description"),
            )
        )
        .order_by("due_on", "title")
    )


@dataclass
class BoardColumn:
    status: str
    label: str
    items: list[Priority] = field(default_factory=list)


def priority_board(alliance: Alliance) -> list[BoardColumn]:
    columns = {s: BoardColumn(s, str(label)) for s, label in PriorityStatus.choices}
    for priority in priorities_for(alliance):
        columns[priority.status].items.append(priority)
    return list(columns.values())


def contact_points_by_topic(alliance: Alliance) -> list[tuple[str, list[ContactPoint]]]:
    grouped: dict[str, list[ContactPoint]] = {t: [] for t in ContactTopic.values}
    for contact in ContactPoint.objects.filter(alliance=alliance).select_related("organisation"):
        grouped[contact.topic].append(contact)
    labels = dict(ContactTopic.choices)
    return [(str(labels[t]), items) for t, items in grouped.items() if items]


def articles_for(alliance: Alliance) -> QuerySet[Article]:
    return (
        Article.objects.filter(alliance=alliance, current__isnull=False)
        .select_related("current", "current__author")
        .order_by("current__title")
    )


def versions_of(article: Article) -> QuerySet[ArticleVersion]:
    return (
        ArticleVersion.objects.filter(alliance_id=article.alliance_id, article=article)
        .select_related("author")
        .order_by("-number")
    )


@dataclass
class FieldCount:
    label: str
    reports: int
    alliances: int


def statewide_problem_fields() -> list[FieldCount]:
    """Counts only: reports and reporting alliances per field of action, most frequent
    first. Alliance-specific fields are pooled, their names stay inside the alliance."""
    with scopes_disabled():
        rows = list(
            ProblemReport.objects.values("field_id", "field__key", "field__alliance_id")
            .annotate(reports=Count("id"), alliances=Count("alliance_id", distinct=True))
            .order_by()
        )
        own = ProblemReport.objects.filter(field__alliance__isnull=False).aggregate(
            alliances=Count("alliance_id", distinct=True)
        )["alliances"]
    defaults = {f.pk: f for f in FieldOfAction.objects.filter(alliance__isnull=True)}
    counts: list[FieldCount] = []
    pooled = 0
    for row in rows:
        default = defaults.get(row["field_id"])
        if default is None:
            pooled += row["reports"]
            continue
        counts.append(FieldCount(default.label, row["reports"], row["alliances"]))
    if pooled:
        counts.append(FieldCount(_("Fields of action of individual alliances"), pooled, own))
    return sorted(counts, key=lambda c: (-c.reports, c.label))


@dataclass
class FundingRow:
    alliance: Alliance
    allocated: Decimal = Decimal("0")
    spent: Decimal = Decimal("0")
    posts_fte: Decimal = Decimal("0")
    reports: list[ExpenditureReport] = field(default_factory=list)

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.spent


@dataclass
class FundingOverview:
    rows: list[FundingRow]
    budgets: list[FundingBudget]
    years: list[dict[str, object]]
    budget_total: Decimal
    allocated_total: Decimal
    spent_total: Decimal
    announced: Decimal = ANNOUNCED_FUNDING_EUR
    fte_year: int | None = None  # the year whose posts the "by alliance" table shows

    @property
    def exceeds_announced(self) -> bool:
        return self.budget_total > self.announced


def fte_year_of(years: Collection[int], today: date) -> int | None:
    """The year whose funded posts stand for an alliance: the current one, else the latest
    before it, else the first. Posts are a stock per year: adding years would count one
    post once per year it is funded."""
    past = [y for y in years if y <= today.year]
    return max(past) if past else min(years, default=None)


def funding_overview(programme: Programme, *, today: date | None = None) -> FundingOverview:
    """Allocated vs spent per alliance and in total; four queries for any number of rows.
    Amounts add up over years; posts (FTE) are those of `fte_year_of` only."""
    with scopes_disabled():
        allocations = list(FundingAllocation.objects.order_by("alliance_id", "year"))
        reports = list(ExpenditureReport.objects.order_by("alliance_id", "year", "created_at"))
    alliance_ids = {a.alliance_id for a in allocations} | {r.alliance_id for r in reports}
    alliances = Alliance.objects.filter(id__in=alliance_ids).order_by("name")
    rows = {a.pk: FundingRow(alliance=a) for a in alliances}
    per_year: dict[int, Counter[str]] = {}
    fte_year = fte_year_of({a.year for a in allocations}, today or timezone.localdate())
    for a in allocations:
        rows[a.alliance_id].allocated += a.amount
        if a.year == fte_year:
            rows[a.alliance_id].posts_fte += a.posts_fte
        per_year.setdefault(a.year, Counter())["allocated"] += a.amount  # type: ignore[assignment]
        per_year[a.year]["fte"] += a.posts_fte  # type: ignore[assignment]
    for r in reports:
        rows[r.alliance_id].spent += r.amount
        rows[r.alliance_id].reports.append(r)
        per_year.setdefault(r.year, Counter())["spent"] += r.amount  # type: ignore[assignment]
    budgets = list(FundingBudget.objects.filter(programme=programme).order_by("year"))
    for b in budgets:
        per_year.setdefault(b.year, Counter())["budget"] += b.amount  # type: ignore[assignment]
    years: list[dict[str, object]] = [
        {
            "year": year,
            "budget": values.get("budget", Decimal("0")),
            "allocated": values.get("allocated", Decimal("0")),
            "spent": values.get("spent", Decimal("0")),
            "fte": values.get("fte", Decimal("0")),
        }
        for year, values in sorted(per_year.items())
    ]
    ordered = list(rows.values())
    return FundingOverview(
        rows=ordered,
        budgets=budgets,
        years=years,
        budget_total=sum((b.amount for b in budgets), Decimal("0")),
        allocated_total=sum((r.allocated for r in ordered), Decimal("0")),
        spent_total=sum((r.spent for r in ordered), Decimal("0")),
        fte_year=fte_year,
    )


def funding_for(alliance: Alliance) -> tuple[list[FundingAllocation], list[ExpenditureReport]]:
    allocations = list(FundingAllocation.objects.filter(alliance=alliance).order_by("year"))
    reports = list(ExpenditureReport.objects.filter(alliance=alliance).order_by("year"))
    return allocations, reports


def declaration_counts() -> dict[str, int]:
    rows = JoinDeclaration.objects.values("status").annotate(n=Count("id")).order_by()
    counts = {s: 0 for s in DeclarationStatus.values}
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def memberships_of(organisation: Organisation) -> QuerySet[Membership]:
    """The organisation's active memberships, for its staff page (names, role, need-to-know)."""
    return (
        Membership.objects.filter(organisation=organisation, is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email", "role")
    )
