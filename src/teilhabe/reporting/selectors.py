"""The indicators of the dashboards and reports: aggregate queries only.

Every indicator is one GROUP BY query over all requested alliances at once, so the alliance
dashboard and the statewide view run the same fixed number of queries whatever the number
of persons or alliances. Results are counts per alliance × category; suppression (for
everything leaving an alliance) happens in `tables.py`, never here.

The base of the person indicators: persons with a case active in the period (opened on or
before its end, not closed before its start), optionally of one organisation's cases.
Status and age are taken at the period's end.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from teilhabe.alliances.models import DEFAULT_FIELDS_OF_ACTION
from teilhabe.casework import outcomes
from teilhabe.casework.models import Case, ClosureReason, NeedAssessment, Referral, Step
from teilhabe.core.aggregates import distinct_per_alliance
from teilhabe.core.models import Organisation
from teilhabe.core.plausible import check_plausible
from teilhabe.offers.models import Category
from teilhabe.people.models import LegalDomain, Person, ResidenceStatus, ResidenceStatusEntry, Sex
from teilhabe.reporting.population import STATUS_TO_GROUP
from teilhabe.trajectories.models import Finding, Participation, Transition

Label = Any  # str or lazy translation


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    organisation_id: uuid.UUID | None = None


def check_period(start: dt.date, end: dt.date) -> None:
    """The rule of a reporting period, for the filter form and the API alike: plausible
    dates (the age groups subtract years from the end) and an end not before the start."""
    check_plausible(start=start, end=end)
    if end < start:
        raise ValidationError(_("The end of the period lies before its start."), code="period")


@dataclass
class Indicator:
    key: str
    title: Label
    unit: Label
    categories: list[tuple[str, Label]]
    counts: dict[Any, dict[str, int]] = field(default_factory=dict)  # alliance id → cat → n
    # Additive: the categories split the base, so a row total is meaningful and published.
    additive: bool = True
    # Indicators whose row totals are the same figure (suppressed together).
    link: str = ""
    # Where the persons of a category go when it is allocated (`publication`): alliance
    # id → category it is allocated to → n.
    allocation: dict[Any, dict[str, int]] = field(default_factory=dict)
    table: bool = True  # False: feeds another table only (the reach)

    def row(self, alliance_id: Any) -> list[int]:
        counts = self.counts.get(alliance_id, {})
        return [counts.get(key, 0) for key, _label in self.categories]


STATUS_GROUPS: list[tuple[str, Label]] = [
    ("gestattung", _("Gestattung")),
    ("duldung", _("Duldung")),
    ("aufenthaltserlaubnis", _("Aufenthaltserlaubnis")),
    ("settlement", _("Settlement permit")),
    ("other", _("EU / other")),
    ("unknown", _("unknown")),
]
AGE_GROUPS: list[tuple[str, Label, int, int]] = [
    ("under_18", _("under 18"), 0, 17),
    ("18_20", _("18–20"), 18, 20),
    ("21_23", _("21–23"), 21, 23),
    ("24_27", _("24–27"), 24, 27),
    ("over_27", _("over 27"), 28, 200),
]
# The most frequent nationalities among protection seekers in NRW (Destatis 12531-0043)
# get their own group; the rest are "other".
NATIONALITY_GROUPS: list[tuple[str, Label, tuple[str, ...]]] = [
    ("sy", _("Syria"), ("SY",)),
    ("af", _("Afghanistan"), ("AF",)),
    ("iq", _("Iraq"), ("IQ",)),
    ("tr", _("Türkiye"), ("TR",)),
    ("ua", _("Ukraine"), ("UA",)),
    ("ir", _("Iran"), ("IR",)),
    ("africa", _("Eritrea, Somalia, Guinea, Nigeria"), ("ER", "SO", "GN", "NG")),
    ("other", _("other nationality"), ()),
    ("unknown", _("not recorded"), ("",)),
]
TRANSITION_KINDS = [(t.value, t.label) for t in Transition]


def active_in(f: Filters) -> Q:
    """A case counts in a period: opened on or before its end, not closed before its start."""
    return Q(opened_on__lte=f.end) & (Q(closed_on__isnull=True) | Q(closed_on__gte=f.start))


def opened_in(f: Filters) -> Q:
    """A case taken in during the period (a new intake)."""
    return Q(opened_on__gte=f.start, opened_on__lte=f.end)


def base_cases(alliance_ids: Sequence[Any], f: Filters) -> QuerySet[Case]:
    qs = Case.objects.filter(active_in(f), alliance_id__in=alliance_ids)
    if f.organisation_id:
        qs = qs.filter(organisation_id=f.organisation_id)
    return qs


def base_persons(alliance_ids: Sequence[Any], f: Filters) -> QuerySet[Person]:
    cases = base_cases(alliance_ids, f)
    return Person.objects.filter(Exists(cases.filter(person_id=OuterRef("pk"))))


def _remap(counts: dict[Any, dict[str, int]], mapping: dict[str, str], default: str) -> None:
    for alliance_id, cells in counts.items():
        merged: dict[str, int] = {}
        for key, n in cells.items():
            target = mapping.get(key, default)
            merged[target] = merged.get(target, 0) + n
        counts[alliance_id] = merged


def persons_by_status(ids: Sequence[Any], f: Filters) -> Indicator:
    current = (
        ResidenceStatusEntry.objects.filter(person_id=OuterRef("pk"), valid_from__lte=f.end)
        .order_by("-valid_from", "-created_at")
        .values("status")[:1]
    )
    qs = base_persons(ids, f).annotate(current=Coalesce(Subquery(current), Value("")))
    counts = distinct_per_alliance(qs, "current")
    mapping = {**STATUS_TO_GROUP, ResidenceStatus.SETTLEMENT.value: "settlement"}
    mapping[ResidenceStatus.EU_OTHER.value] = "other"
    _remap(counts, mapping, "unknown")
    return Indicator(
        "status",
        _("Persons by residence status"),
        _("persons"),
        STATUS_GROUPS,
        counts,
        link="persons",
    )


def persons_in_target_group(ids: Sequence[Any], f: Filters) -> Indicator:
    """The reach's numerator, like its estimate: persons aged 18–27 (as in `persons_by_age`)
    in each target status group; everyone else of the base is "rest"."""
    from django.db.models import Case as When_
    from django.db.models import When

    current = (
        ResidenceStatusEntry.objects.filter(person_id=OuterRef("pk"), valid_from__lte=f.end)
        .order_by("-valid_from", "-created_at")
        .values("status")[:1]
    )
    in_age = Q(date_of_birth__year__lte=f.end.year - 18, date_of_birth__year__gte=f.end.year - 27)
    groups: dict[str, list[str]] = {}
    for status, group in STATUS_TO_GROUP.items():
        groups.setdefault(group, []).append(status)
    whens = [When(in_age & Q(current__in=statuses), then=Value(group))
             for group, statuses in groups.items()]  # fmt: skip
    qs = base_persons(ids, f).annotate(current=Subquery(current))
    qs = qs.annotate(target=When_(*whens, default=Value("rest")))
    categories: list[tuple[str, Label]] = [(key, label) for key, label in STATUS_GROUPS
                                           if key in groups]  # fmt: skip
    return Indicator(
        "reach",
        _("Persons aged 18–27 in the target group"),
        _("persons"),
        [*categories, ("rest", _("other persons in casework"))],
        distinct_per_alliance(qs, "target"),
        link="persons",
        table=False,
    )


def persons_by_age(ids: Sequence[Any], f: Filters) -> Indicator:
    from django.db.models import Case as When_
    from django.db.models import When

    # Age reached in the year the period ends (year of the period's end minus year of
    # birth): retention coarsens a birth date to 1 July of its year, so grouping by year
    # keeps every published figure identical after anonymisation.
    whens = [
        When(
            date_of_birth__year__lte=f.end.year - low,
            date_of_birth__year__gte=f.end.year - high,
            then=Value(key),
        )
        for key, _label, low, high in AGE_GROUPS
    ]
    qs = base_persons(ids, f).annotate(age_group=When_(*whens, default=Value("over_27")))
    return Indicator(
        "age",
        _("Persons by age group"),
        _("persons"),
        [(k, label) for k, label, _lo, _hi in AGE_GROUPS],
        distinct_per_alliance(qs, "age_group"),
        link="persons",
    )


def persons_by_sex(ids: Sequence[Any], f: Filters) -> Indicator:
    from django.db.models import Case as When_
    from django.db.models import When

    # "diverse" and "not specified" are allocated (where `publication` must) as the
    # Statistikamt Nord does: an even month of birth to female, an odd one to male.
    rare = [Sex.DIVERSE.value, Sex.UNSPECIFIED.value]
    qs = base_persons(ids, f).annotate(
        key=When_(
            When(
                sex__in=rare,
                date_of_birth__month__in=[2, 4, 6, 8, 10, 12],
                then=Value(Sex.FEMALE.value),
            ),
            When(sex__in=rare, then=Value(Sex.MALE.value)),
            default=Value("-"),
        )
    )
    return Indicator(
        "sex",
        _("Persons by sex"),
        _("persons"),
        [(s.value, s.label) for s in Sex],
        distinct_per_alliance(base_persons(ids, f), "sex"),
        link="persons",
        allocation=distinct_per_alliance(qs.filter(sex__in=rare), "key"),
    )


def persons_by_nationality(ids: Sequence[Any], f: Filters) -> Indicator:
    counts = distinct_per_alliance(base_persons(ids, f), "nationality")
    mapping = {code: key for key, _l, codes in NATIONALITY_GROUPS for code in codes}
    _remap(counts, mapping, "other")
    return Indicator(
        "nationality",
        _("Persons by nationality group"),
        _("persons"),
        [(k, label) for k, label, _codes in NATIONALITY_GROUPS],
        counts,
        link="persons",
    )


def persons_by_legal_domain(ids: Sequence[Any], f: Filters) -> Indicator:
    # A person may fall under several legal domains: not additive, no row total.
    aggregates = {
        d.value: Count("pk", filter=Q(profile__legal_domains__icontains=f'"{d.value}"'))
        for d in LegalDomain
    }
    rows: Any = base_persons(ids, f).values("alliance_id").annotate(**aggregates).order_by()
    counts = {r["alliance_id"]: {d.value: r[d.value] for d in LegalDomain} for r in rows}
    return Indicator(
        "legal_domain",
        _("Persons by legal domain"),
        _("persons"),
        [(d.value, d.label) for d in LegalDomain],
        counts,
        additive=False,
    )


def needs_by_field(ids: Sequence[Any], f: Filters) -> Indicator:
    qs = NeedAssessment.objects.filter(
        case__in=base_cases(ids, f), level__in=["some", "urgent"], assessed_on__lte=f.end
    ).annotate(field_key=Coalesce("field_of_action__key", Value("")))
    counts = distinct_per_alliance(qs, "field_key", distinct="case_id")
    _remap(counts, {k: k for k in DEFAULT_FIELDS_OF_ACTION}, "own")
    categories = [(k, label) for k, label in DEFAULT_FIELDS_OF_ACTION.items()]
    categories.append(("own", _("fields of the alliance")))
    return Indicator(
        "needs",
        _("Cases with a need, by field of action"),
        _("cases"),
        categories,
        counts,
        additive=False,
    )


def open_steps(ids: Sequence[Any], f: Filters) -> Indicator:
    qs = Step.objects.filter(goal__case__in=base_cases(ids, f), status__in=["open", "in_progress"])
    rows = (
        qs.values("alliance_id")
        .annotate(
            overdue=Count("pk", filter=Q(due_on__lt=f.end)),
            due=Count("pk", filter=Q(due_on__gte=f.end) | Q(due_on__isnull=True)),
        )
        .order_by()
    )
    counts = {r["alliance_id"]: {"due": r["due"], "overdue": r["overdue"]} for r in rows}
    return Indicator(
        "steps",
        _("Open plan steps"),
        _("steps"),
        [("due", _("not yet due")), ("overdue", _("overdue"))],
        counts,
    )


def referred_in(f: Filters) -> Q:
    """A referral counts in the period it was made in."""
    return Q(created_at__date__gte=f.start, created_at__date__lte=f.end)


def referrals_in(ids: Sequence[Any], f: Filters) -> QuerySet[Referral]:
    qs = Referral.objects.filter(referred_in(f), alliance_id__in=ids)
    if f.organisation_id:
        qs = qs.filter(from_organisation_id=f.organisation_id)
    return qs


def referrals_by_status(ids: Sequence[Any], f: Filters) -> Indicator:
    return Indicator(
        "referrals",
        _("Referrals by status"),
        _("referrals"),
        [(s.value, s.label) for s in Referral.Status],
        distinct_per_alliance(referrals_in(ids, f), "status"),
        link="referrals",
    )


def referrals_by_outcome(ids: Sequence[Any], f: Filters) -> Indicator:
    categories = [(o.value, o.label) for o in Referral.Outcome] + [("", _("no outcome yet"))]
    return Indicator(
        "referral_outcomes",
        _("Referrals by outcome"),
        _("referrals"),
        categories,
        distinct_per_alliance(referrals_in(ids, f), "outcome"),
        link="referrals",
    )


def participations_by_category(ids: Sequence[Any], f: Filters) -> Indicator:
    qs = Participation.objects.filter(person__in=base_persons(ids, f), start__lte=f.end).filter(
        Q(end__isnull=True) | Q(end__gte=f.start)
    )
    counts = distinct_per_alliance(qs, "category")
    _remap(counts, {c.value: c.value for c in Category}, "other")
    categories = [(c.value, c.label) for c in Category] + [("other", _("other category"))]
    return Indicator(
        "participations", _("Participations by category"), _("participations"), categories, counts
    )


def closures_by_reason(ids: Sequence[Any], f: Filters) -> Indicator:
    qs = Case.objects.filter(
        alliance_id__in=ids,
        status=Case.Status.CLOSED,
        closed_on__gte=f.start,
        closed_on__lte=f.end,
    )
    if f.organisation_id:
        qs = qs.filter(organisation_id=f.organisation_id)
    counts = distinct_per_alliance(qs, "closure_reason")
    _remap(counts, {r.value: r.value for r in ClosureReason}, "other")
    return Indicator(
        "closures",
        _("Case closures by reason"),
        _("cases"),
        [(r.value, r.label) for r in ClosureReason],
        counts,
    )


def transitions(ids: Sequence[Any], f: Filters) -> Indicator:
    """Persons with a transition in the period: recorded on a participation that ended
    then, or as the reason a case was closed then. A person counts once per kind.

    Set-based: per kind, the persons of the period's participations and closures are an
    uncorrelated subquery (`pk IN (...)`) that PostgreSQL reads once and probes as a hash,
    not two correlated EXISTS per person and kind (1.4 s statewide)."""
    aggregates = {
        kind: Count("pk", filter=transition_to(ids, f, kind)) for kind, _label in TRANSITION_KINDS
    }
    rows: Any = base_persons(ids, f).values("alliance_id").annotate(**aggregates).order_by()
    counts = {r["alliance_id"]: {k: r[k] for k, _l in TRANSITION_KINDS} for r in rows}
    return Indicator(
        "transitions",
        _("Transitions into training, work and school"),
        _("persons"),
        TRANSITION_KINDS,
        counts,
        additive=False,
    )


def transition_to(ids: Sequence[Any], f: Filters, kind: str, person: str = "pk") -> Q:
    """The person (the field `person` of the rows counted) made a transition of this kind
    in the period: on a participation that ended then, or at the exit of a case closed then
    — by its recorded outcome (`casework.outcomes`: within 6 months of the closure), or,
    while none is recorded, by the reason of the closure."""
    ended = Participation.objects.filter(alliance_id__in=ids, end__gte=f.start, end__lte=f.end)
    closed = Case.objects.filter(alliance_id__in=ids, closed_on__gte=f.start, closed_on__lte=f.end)
    by_reason = closed.filter(closure_reason=kind).exclude(
        pk__in=outcomes.current_outcomes().filter(alliance_id__in=ids).values("case_id")
    )
    by_outcome = outcomes.transitions_within_6_months([kind]).filter(case__in=closed)
    return (
        Q(**{f"{person}__in": ended.filter(transition=kind).values("person_id")})
        | Q(**{f"{person}__in": by_reason.values("person_id")})
        | Q(**{f"{person}__in": by_outcome.values("case__person_id")})
    )


def has_finding(person: str = "pk") -> Exists:
    """The person has a Maßnahme-Karriere finding (of the latest detection run)."""
    return Exists(Finding.objects.filter(person_id=OuterRef(person)))


def careers(ids: Sequence[Any], f: Filters) -> Indicator:
    flagged = has_finding()
    rows = (
        base_persons(ids, f)
        .values("alliance_id")
        .annotate(
            flagged=Count("pk", filter=Q(flagged)),
            clear=Count("pk", filter=~Q(flagged)),
        )
        .order_by()
    )
    counts = {r["alliance_id"]: {"flagged": r["flagged"], "clear": r["clear"]} for r in rows}
    return Indicator(
        "careers",
        _("Maßnahme-Karriere: persons with a finding"),
        _("persons"),
        [("flagged", _("with a finding")), ("clear", _("without a finding"))],
        counts,
        link="persons",
    )


INDICATORS = (
    persons_in_target_group,
    persons_by_status,
    persons_by_age,
    persons_by_sex,
    persons_by_nationality,
    persons_by_legal_domain,
    needs_by_field,
    open_steps,
    referrals_by_status,
    referrals_by_outcome,
    participations_by_category,
    closures_by_reason,
    transitions,
    careers,
)


def indicators(alliance_ids: Sequence[Any], f: Filters) -> list[Indicator]:
    """All indicators for these alliances: one query each."""
    with scopes_disabled():
        return [compute(alliance_ids, f) for compute in INDICATORS]


def organisations_of(alliance: Any) -> list[Organisation]:
    """The alliance's organisations, offered by the dashboard's organisation filter."""
    return list(Organisation.objects.filter(alliance=alliance))


def reports_of(alliance: Any, limit: int = 50) -> list[Any]:
    """The stored reports of an alliance (None: the state's), newest first."""
    from teilhabe.reporting.models import Report

    return list(Report.objects.filter(alliance=alliance).order_by("-created_at")[:limit])


def report_of(alliance: Any, report_id: Any) -> Any:
    from django.http import Http404

    from teilhabe.reporting.models import Report

    report = (
        Report.objects.filter(pk=report_id, alliance=alliance).select_related("alliance").first()
    )
    if report is None:
        raise Http404
    return report
