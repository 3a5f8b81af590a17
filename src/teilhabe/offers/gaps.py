"""Gap analysis: persons in need vs accessible free places, per field of action × residence-
status group. Aggregates only: no name or id ever leaves this module.

Definitions (documented on the page too):
- *In need* in a field: a person with an open case whose latest needs assessment of that
  field in that case (latest assessed_on, then created_at) is "some" or "urgent". A person
  counts once per field.
- *Status group*: the person's current residence status (latest valid_from) mapped to
  Gestattung / Duldung (incl. §§ 60c, 60d) / Aufenthaltserlaubnis (incl. §§ 25a, 25b,
  104c, settlement permit) / other (EU, unknown, none recorded).
- *Accessible free places* of a cell: the free places of the active offers whose category
  serves the field, that are reachable by public transport, have free places and are open
  to *every* status of the group (an offer open to part of a group is not counted: it
  would overstate what the group can reach). An offer without a fixed number of places
  makes the capacity unlimited.
- *Waiting* in a cell: persons of the status group on the waiting list of an active offer
  whose category serves the field (`offers.waiting`); a person counts once per field.
- *Gap*: need > accessible free places.
The drill-down of a cell evaluates every person in need × every offer of the field with the
same eligibility function as matching and counts, per rule, the persons it excludes.
The counts leave the case management (coordinators see them): pages and exports show them
through `published_need` / `published_waiting` / `published_drilldown` (small counts as
".").
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.alliances.models import FieldOfAction
from teilhabe.alliances.selectors import fields_of_action_for
from teilhabe.casework.models import Case, NeedAssessment, NeedLevel
from teilhabe.core.models import Alliance
from teilhabe.core.suppression import MARK, Grid, Value, publish, suppress, threshold
from teilhabe.offers import selectors as sel
from teilhabe.offers.eligibility import RULES, TRANSPORT, PersonFacts, check
from teilhabe.offers.models import Offer
from teilhabe.offers.waiting import waiting_persons_by_offer
from teilhabe.people.models import Person

NEED_LEVELS = (NeedLevel.SOME, NeedLevel.URGENT)

GROUPS: dict[str, tuple[str, ...]] = {
    "gestattung": ("gestattung",),
    "duldung": ("toleration", "training_toleration", "employment_toleration"),
    "aufenthaltserlaubnis": ("residence_permit", "p25a", "p25b", "p104c", "settlement"),
    "other": ("eu_other", "unknown"),
}
GROUP_LABELS: dict[str, Any] = {
    "gestattung": _("Gestattung (asylum procedure)"),
    "duldung": _("Duldung (incl. training and employment toleration)"),
    "aufenthaltserlaubnis": _("Aufenthaltserlaubnis (incl. §§ 25a, 25b, 104c, settlement)"),
    "other": _("other or unknown"),
}
_GROUP_OF = {status: group for group, statuses in GROUPS.items() for status in statuses}
_NAMED = [g for g in GROUPS if g != "other"]  # "other" is what is left: any other status


def group_of(status: str | None) -> str:
    return _GROUP_OF.get(status or "unknown", "other")


def open_to_group(offer: Offer, group: str) -> bool:
    allowed = set(offer.allowed_statuses or ())
    return not allowed or set(GROUPS[group]) <= allowed


@dataclass
class Cell:
    field: FieldOfAction
    group: str
    need: int = 0
    places: int = 0
    unlimited: bool = False
    offers: int = 0
    waiting: int = 0  # persons of the group waiting for an active offer serving the field

    @property
    def is_gap(self) -> bool:
        return not self.unlimited and self.need > self.places


@dataclass
class Matrix:
    fields: list[FieldOfAction]
    groups: list[str]
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def gaps(self) -> int:
        return sum(c.is_gap for row in self.rows for c in row)


def _field_of_offer(offers: list[Offer], alliance: Alliance) -> dict[uuid.UUID, list[Offer]]:
    """Offers per field of action id, through the category mapping."""
    fields = list(fields_of_action_for(alliance))
    by_key = {f.key: f.pk for f in fields if f.alliance_id is None and f.key}
    mapping = sel.category_field_keys(sel.custom_categories(alliance))
    out: dict[uuid.UUID, list[Offer]] = defaultdict(list)
    for offer in offers:
        target = mapping.get(offer.category)
        fid = by_key.get(target) if isinstance(target, str) else target
        if fid is not None:
            out[fid].append(offer)
    return out


def _accessible(offer: Offer) -> bool:
    return offer.public_transport and (offer.free_places is None or offer.free_places > 0)


def _current_needs(alliance: Alliance) -> QuerySet[NeedAssessment]:
    """The latest assessment of each field in each open case (the flag the model keeps),
    where it finds a need."""
    return NeedAssessment.objects.filter(
        alliance=alliance,
        is_current=True,
        level__in=NEED_LEVELS,
        case__alliance=alliance,
        case__status=Case.Status.OPEN,
    )


def _of_group(alliance: Alliance, group: str, path: str) -> Q:
    """Persons (`path` names their id) whose current residence status falls in the group:
    for "other", any status outside the named groups, or none (a subquery, no read)."""
    from teilhabe.people.intake.selectors import current_entries

    named = group != "other"
    statuses = GROUPS[group] if named else [s for g in _NAMED for s in GROUPS[g]]
    current = current_entries(alliance=alliance, status__in=statuses).values("person_id")
    within = Q(**{f"{path}__in": current})
    return within if named else ~within


def need_counts(alliance: Alliance) -> dict[uuid.UUID, dict[str, int]]:
    """Field id → status group → persons in need, counted in the database (one query): per
    field the distinct persons in all and in each named group; "other" is the rest, as a
    person has one current status."""
    path = "case__person_id"
    rows: Any = (  # values with names of our making: the type checker cannot know them
        _current_needs(alliance)
        .values("field_of_action_id")
        .annotate(
            n_all=Count(path, distinct=True),
            **{
                f"n_{g}": Count(path, distinct=True, filter=_of_group(alliance, g, path))
                for g in _NAMED
            },
        )
        .order_by()
    )
    out: dict[uuid.UUID, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        counts = out[row["field_of_action_id"]]
        for g in _NAMED:
            counts[g] = row[f"n_{g}"]
        counts["other"] = row["n_all"] - sum(counts[g] for g in _NAMED)
    return out


def _persons_in_need(alliance: Alliance, field_id: uuid.UUID, group: str) -> QuerySet[Person]:
    """The persons in need of one cell (a subquery, no read)."""
    needs = _current_needs(alliance).filter(field_of_action_id=field_id)
    needs = needs.filter(_of_group(alliance, group, "case__person_id"))
    return Person.objects.filter(alliance=alliance, pk__in=needs.values("case__person_id"))


def _with_places(cell: Cell, per_field: dict[uuid.UUID, list[Offer]]) -> Cell:
    """The cell's accessible offers and free places (no query)."""
    for offer in per_field.get(cell.field.pk, []):
        if _accessible(offer) and open_to_group(offer, cell.group):
            cell.offers += 1
            if offer.free_places is None:
                cell.unlimited = True
            else:
                cell.places += offer.free_places
    return cell


def waiting_by_field(
    offers: list[Offer], per_field: dict[uuid.UUID, list[Offer]]
) -> tuple[dict[uuid.UUID, set[uuid.UUID]], dict[uuid.UUID, str | None]]:
    """Field id → ids of persons waiting for one of its offers, and those persons' current
    residence status (two queries)."""
    from teilhabe.people.intake.selectors import annotate_current_status

    by_offer = waiting_persons_by_offer(offers)
    out: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for fid, field_offers in per_field.items():
        for offer in field_offers:
            out[fid] |= by_offer.get(offer.pk, set())
    ids = set().union(*out.values()) if out else set()
    if not ids:
        return out, {}
    qs = annotate_current_status(Person.objects.filter(pk__in=ids))
    return out, dict(qs.values_list("pk", "current_status"))


def _group_counts(persons: Any, statuses: dict[uuid.UUID, str | None]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for pid in persons:
        counts[group_of(statuses.get(pid))] += 1
    return counts


def gap_matrix(alliance: Alliance) -> Matrix:
    """The whole matrix in a fixed number of queries, whatever the number of persons."""
    fields = list(fields_of_action_for(alliance))
    offers = list(sel.offers_of(alliance).filter(is_active=True))
    per_field = _field_of_offer(offers, alliance)
    needs = need_counts(alliance)
    waiting, waiting_statuses = waiting_by_field(offers, per_field)
    groups = list(GROUPS)
    matrix = Matrix(fields=fields, groups=groups)
    for f in fields:
        counts = needs[f.pk]
        waits = _group_counts(waiting.get(f.pk, ()), waiting_statuses)
        row = [
            _with_places(Cell(field=f, group=g, need=counts[g], waiting=waits[g]), per_field)
            for g in groups
        ]
        matrix.rows.append(row)
    return matrix


@dataclass
class RuleCount:
    rule: str
    label: str
    excluded: int  # persons this rule excludes from at least one offer of the field
    only_obstacle: int  # persons for whom it is the only obstacle to at least one offer


@dataclass
class Drilldown:
    cell: Cell
    offers: int  # active offers serving the field
    with_access: int  # persons in need with at least one accessible offer
    without_access: int
    rules: list[RuleCount]


def drilldown(alliance: Alliance, field_of_action: FieldOfAction, group: str) -> Drilldown:
    """Which eligibility rule excludes how many persons in need of one cell (counts only)."""
    from teilhabe.offers.eligibility import RULE_LABELS

    today = timezone.localdate()
    offers = list(sel.offers_of(alliance).filter(is_active=True))
    per_field = _field_of_offer(offers, alliance)
    field_offers = per_field.get(field_of_action.pk, [])
    # Only the cell's persons in need, in one query: their facts give the cell's need too.
    in_need = _persons_in_need(alliance, field_of_action.pk, group)
    cell_facts = list(sel.facts_for(in_need, today).values())
    waiting, waiting_statuses = waiting_by_field(field_offers, {field_of_action.pk: field_offers})
    waits = _group_counts(waiting.get(field_of_action.pk, ()), waiting_statuses)
    matrix_cell = _with_places(
        Cell(field=field_of_action, group=group, need=len(cell_facts), waiting=waits[group]),
        per_field,
    )
    keys = (*RULES, TRANSPORT)
    excluded = dict.fromkeys(keys, 0)
    only = dict.fromkeys(keys, 0)
    with_access = 0
    rules = [(o, sel.rules_of(o)) for o in field_offers]
    # Persons with the same facts fare the same: each set of facts is checked once.
    for fa, n in Counter(cell_facts).items():
        hit: set[str] = set()
        sole: set[str] = set()
        accessible = False
        for offer, r in rules:
            failed = set(_failed(fa, r, offer))
            hit |= failed
            if len(failed) == 1:
                sole |= failed
            accessible = accessible or not failed
        with_access += n * accessible
        for k in hit:
            excluded[k] += n
        for k in sole:
            only[k] += n
    return Drilldown(
        cell=matrix_cell,
        offers=len(field_offers),
        with_access=with_access,
        without_access=len(cell_facts) - with_access,
        rules=[RuleCount(k, str(RULE_LABELS[k]), excluded[k], only[k]) for k in keys],
    )


def _failed(facts: PersonFacts, rules: Any, offer: Offer) -> list[str]:
    out = [e.rule for e in check(facts, rules).exclusions]
    if not offer.public_transport:
        out.append(TRANSPORT)
    return out


# ---- as published: the gap analysis leaves the case management (coordinators) -----------


@dataclass
class PublishedDrilldown:
    need: Value
    with_access: Value
    without_access: Value
    rules: list[tuple[str, Value, Value]]  # label, excluded, only obstacle


def published_need(cell: Cell) -> Value:
    """A cell's persons in need as shown: the matrix publishes no margin (one person can be
    in need in several fields), so hiding the small counts themselves is enough."""
    return _small_hidden(cell.need)


def published_drilldown(detail: Drilldown) -> PublishedDrilldown:
    """With and without access add up to the cell's need: suppressed as one row with its
    total (`core.suppression`); each rule's counts stand alone."""
    grid = Grid.build(
        [[detail.with_access, detail.without_access]], row_totals=True, col_totals=False
    )
    with_access, without_access, need = publish(grid, suppress(grid))[0]
    rules = [(r.label, _small_hidden(r.excluded), _small_hidden(r.only_obstacle))
             for r in detail.rules]  # fmt: skip
    return PublishedDrilldown(need, with_access, without_access, rules)


def published_waiting(cell: Cell) -> Value:
    """A cell's persons waiting as shown: like the need, no margin is published (a person
    can wait in several fields), so the small counts themselves are hidden."""
    return _small_hidden(cell.waiting)


def _small_hidden(n: int) -> Value:
    return MARK if 0 < n < threshold() else n
