"""Retention: which persons' data is due, and anonymising it.

Driven by the field classification: a data category whose period has run out for a person
(rule of the owning organisation: months after a start event) has its fields erased,
coarsened or its files deleted, as each field's `anonymise` says; categorical facts stay,
so the aggregates (dashboards, reports, career rates) count the same afterwards.

When every person category of a person is due the person is anonymised as a whole and the
rows that remain are re-keyed: each gets a fresh random UUID and no mapping is kept. The
audit log keeps the old ids, which now point nowhere: its references are pseudonyms
without a key. The log itself stays strictly append-only (no trigger relaxed, no sanctioned
UPDATE path), and copies of it (backups, a shipped log store) are pseudonymised at the same
moment without being touched.

Restricted persons (Art. 18 / § 84 SGB X) are held: restriction replaces erasure.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from teilhabe.core.latest import LatestFlagged, update_rows
from teilhabe.core.models import Organisation
from teilhabe.people.models import Person
from teilhabe.privacy.classification import (
    PERSON_CATEGORIES,
    REDACTED,
    Anonymise,
    FieldClass,
    teilhabe_models,
)
from teilhabe.privacy.fields import classification_of
from teilhabe.privacy.models import RetentionRule, StartEvent

# Default rules (months after the start event), seeded per organisation on first use.
# Counselling notes go first: they are the most sensitive and least needed later.
DEFAULT_MONTHS = {key: 36 for key in PERSON_CATEGORIES} | {"counselling_notes": 24}

# JSON lists of row ids that must follow a re-keyed row.
ID_LISTS = {"trajectories.Finding": ["participation_ids"]}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def rules_for(organisation: Organisation) -> list[RetentionRule]:
    """The organisation's rules, the missing defaults created (seeded) on the way."""
    existing = {r.category: r for r in RetentionRule.objects.filter(organisation=organisation)}
    missing = [
        RetentionRule(
            alliance_id=organisation.alliance_id,
            organisation=organisation,
            category=category,
            months=DEFAULT_MONTHS[category],
            start_event=StartEvent.CASE_CLOSURE,
        )
        for category in PERSON_CATEGORIES
        if category not in existing
    ]
    if missing:
        RetentionRule.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {r.category: r for r in RetentionRule.objects.filter(organisation=organisation)}
    return [existing[c] for c in PERSON_CATEGORIES if c in existing]


def person_paths() -> dict[type[models.Model], str]:
    """For every model holding a person's rows, the lookup from it to the person's id."""
    paths: dict[type[models.Model], str] = {Person: "pk"}
    changed = True
    while changed:
        changed = False
        for model in teilhabe_models():
            if model in paths:
                continue
            fks = [
                f
                for f in model._meta.get_fields()
                if isinstance(f, models.ForeignKey) and f.related_model in paths
            ]
            fks.sort(key=lambda f: f.null)  # a non-null link reaches every row
            if fks:
                fk = fks[0]
                target = paths[fk.related_model]  # type: ignore[index]
                paths[model] = fk.name if target == "pk" else f"{fk.name}__{target}"
                changed = True
    return paths


def rows_of(model: type[models.Model], path: str, person_ids: Iterable[Any]) -> models.QuerySet:
    return model._base_manager.filter(**{f"{path}__in": list(person_ids)})


def reference_dates(organisation: Organisation, start_event: str) -> dict[uuid.UUID, dt.date]:
    """Each not yet anonymised person's start date for the event (None: never starts)."""
    persons = Person._base_manager.filter(owner=organisation, anonymised_at__isnull=True)
    out: dict[uuid.UUID, dt.date] = {}
    if start_event == StartEvent.LAST_CHANGE:
        for pk, changed in persons.values_list("pk", "updated_at"):
            out[pk] = timezone.localdate(changed)
        return out
    rows = persons.annotate(
        open_cases=Count("cases", filter=Q(cases__status="open")),
        last_closed=Max("cases__closed_on"),
        n_cases=Count("cases"),
    ).values_list("pk", "open_cases", "last_closed", "n_cases", "created_at")
    for pk, open_cases, last_closed, n_cases, created in rows:
        if open_cases:
            continue
        out[pk] = last_closed if n_cases and last_closed else timezone.localdate(created)
    return out


@dataclass
class Due:
    """Per category, the persons whose period has run out; restricted ones held apart."""

    rules: dict[str, RetentionRule]
    persons: dict[str, set[uuid.UUID]] = field(default_factory=dict)
    held: set[uuid.UUID] = field(default_factory=set)

    @property
    def any_person(self) -> set[uuid.UUID]:
        return set().union(*self.persons.values()) if self.persons else set()

    @property
    def fully_due(self) -> set[uuid.UUID]:
        sets = [self.persons.get(c, set()) for c in self.rules]
        return set.intersection(*sets) if sets else set()


def due(organisation: Organisation, today: dt.date) -> Due:
    rules = {r.category: r for r in rules_for(organisation)}
    restricted = set(
        Person._base_manager.filter(owner=organisation, restricted=True).values_list(
            "pk", flat=True
        )
    )
    result = Due(rules=rules)
    by_event = {
        e: reference_dates(organisation, e) for e in {r.start_event for r in rules.values()}
    }
    for category, rule in rules.items():
        starts = by_event[rule.start_event]
        ids = {pk for pk, start in starts.items() if add_months(start, rule.months) <= today}
        result.held |= ids & restricted
        result.persons[category] = ids - restricted
    return result


def _empty(f: models.Field) -> Any:
    if isinstance(f, models.JSONField):
        return []
    if f.null:
        return None
    return ""


@dataclass
class Erased:
    values: int = 0
    files: int = 0


def erase_category(category: str, person_ids: set[uuid.UUID]) -> Erased:
    """Erase, coarsen or delete every field of the category in the persons' rows."""
    result = Erased()
    if not person_ids:
        return result
    for model, path in person_paths().items():
        for name, fc in classification_of(model).items():
            if fc.category != category or fc.anonymise == Anonymise.KEEP:
                continue
            result = _apply(model, path, name, fc, person_ids, result)
    return result


def _apply(
    model: type[models.Model],
    path: str,
    name: str,
    fc: FieldClass,
    person_ids: set[uuid.UUID],
    result: Erased,
) -> Erased:
    f = model._meta.get_field(name)
    qs = rows_of(model, path, person_ids)
    if fc.anonymise in (Anonymise.ERASE, Anonymise.REDACT):
        empty = REDACTED if fc.anonymise == Anonymise.REDACT else _empty(f)  # type: ignore[arg-type]
        lookup = {f"{name}__isnull": True} if empty is None else {name: empty}
        result.values += qs.exclude(**lookup).update(**{name: empty})
    elif fc.anonymise == Anonymise.FILE:
        for pk, stored in qs.exclude(**{name: ""}).values_list("pk", name):
            if stored and default_storage.exists(stored):
                default_storage.delete(stored)
                result.files += 1
            model._base_manager.filter(pk=pk).update(**{name: ""})
            result.values += 1
    elif fc.anonymise == Anonymise.COARSEN:
        for pk, value in qs.exclude(**{f"{name}__isnull": True}).values_list("pk", name):
            coarse = dt.date(value.year, 7, 1)
            if value != coarse:
                update_rows(model, [pk], **{name: coarse})
                result.values += 1
    return result


def rekey(person_ids: set[uuid.UUID]) -> int:
    """Give every remaining row of the persons a fresh UUID; no mapping survives."""
    mapping: dict[type[models.Model], dict[Any, uuid.UUID]] = {}
    for model, path in person_paths().items():
        if not isinstance(model._meta.pk, models.UUIDField):
            continue  # integer link rows (consent recipients) are never named in the audit log
        ids = list(rows_of(model, path, person_ids).values_list("pk", flat=True))
        if ids:
            mapping[model] = {old: uuid.uuid4() for old in ids}
    for model, pairs in mapping.items():
        for old, new in pairs.items():
            model._base_manager.filter(pk=old).update(**{model._meta.pk.attname: new})
        for rel in model._meta.get_fields(include_hidden=True):
            if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
                continue
            child: Any = rel.related_model
            attname = rel.field.attname  # type: ignore[union-attr]
            for old, new in pairs.items():
                child._base_manager.filter(**{attname: old}).update(**{attname: new})
    for model, pairs in mapping.items():
        if issubclass(model, LatestFlagged):  # a new id can decide a tie of one instant
            rule, ids = model.latest_rule, list(pairs.values())
            for i in range(0, len(ids), 500):
                rows = model._base_manager.filter(pk__in=ids[i : i + 500])
                rule.refresh_groups(model, rows.values_list(rule.group[0], flat=True))
    for label, names in ID_LISTS.items():
        found = next((m for m in mapping if m._meta.label == label), None)
        if found is None:
            continue
        model = found
        id_map = {str(k): str(v) for pairs in mapping.values() for k, v in pairs.items()}
        for row in model._base_manager.filter(pk__in=list(mapping[model].values())):
            for name in names:
                setattr(
                    row, name, [id_map.get(str(i), str(uuid.uuid4())) for i in getattr(row, name)]
                )
            row.save(update_fields=names)
    return sum(len(p) for p in mapping.values())


@dataclass
class Outcome:
    persons_due: int
    persons_anonymised: int
    persons_held: int
    per_category: dict[str, tuple[int, Erased]]

    @property
    def values_erased(self) -> int:
        return sum(e.values for _, e in self.per_category.values())

    @property
    def files_deleted(self) -> int:
        return sum(e.files for _, e in self.per_category.values())


def apply_retention(organisation: Organisation, today: dt.date, *, dry_run: bool) -> Outcome:
    """Compute what is due and, unless a dry run, erase it (one transaction)."""
    d = due(organisation, today)
    per_category: dict[str, tuple[int, Erased]] = defaultdict(lambda: (0, Erased()))
    full = d.fully_due
    if dry_run:
        for category, ids in d.persons.items():
            per_category[category] = (len(ids), Erased())
        return Outcome(len(d.any_person), len(full), len(d.held), dict(per_category))
    with transaction.atomic():
        for category, ids in d.persons.items():
            per_category[category] = (len(ids), erase_category(category, ids))
        if full:
            Person._base_manager.filter(pk__in=full).update(anonymised_at=timezone.now())
            rekey(full)
    return Outcome(len(d.any_person), len(full), len(d.held), dict(per_category))
