"""Which rows belong to a person, found from the models themselves, and how merged ids
resolve to their survivor.

Every relation to Person (`Person._meta.related_objects`) is moved by a merge: a model
added later is carried over without anyone remembering to. A row that would break a
uniqueness rule of its model on the survivor (the same language twice, a second profile)
stays with the absorbed record and comes back with it when the merge is undone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

from teilhabe.people.models import Person

# The master data a merge lets the case manager choose per field.
MASTER_FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "nationality",
    "residence",
    "arrival_date",
    "phone",
    "email",
    "address",
)
# Chains of merges (A into B, later B into C) are followed this far.
MAX_CHAIN = 10


@dataclass(frozen=True)
class Relation:
    """One foreign key (or one-to-one) from a model to Person."""

    model: type[models.Model]
    field: str  # the foreign key's name, e.g. "person"
    unique_with: tuple[tuple[str, ...], ...]  # other fields unique together with it

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field}"

    def rows(self, person_ids: Iterable[Any]) -> models.QuerySet[Any]:
        return self.model._base_manager.filter(**{f"{self.field}_id__in": list(person_ids)})

    def clashing(self, survivor_id: Any) -> Q:
        """Rows of the absorbed record that would break a uniqueness rule on the survivor."""
        clash = Q(pk__in=[])
        taken = self.rows([survivor_id])
        for others in self.unique_with:
            if not others:  # one-to-one: the survivor already has one
                return Q(pk__isnull=False) if taken.exists() else clash
            values = taken.values_list(*others)
            for row in values:
                clash |= Q(**dict(zip(others, row, strict=True)))
        return clash


def _unique_with(model: type[models.Model], field: models.Field) -> tuple[tuple[str, ...], ...]:
    sets: list[tuple[str, ...]] = []
    if field.one_to_one or field.unique:
        sets.append(())
    together = [tuple(u) for u in model._meta.unique_together]
    together += [
        tuple(c.fields)
        for c in model._meta.constraints
        # A conditional rule (one waiting entry per offer) counts as if always on: a row
        # kept back with the tombstone loses nothing and returns with an undo.
        if isinstance(c, models.UniqueConstraint) and c.fields
    ]
    for names in together:
        if field.name in names:
            sets.append(tuple(n for n in names if n != field.name))
    return tuple(sets)


# The merge's own bookkeeping, not rows of a person to carry over.
NOT_MOVED = frozenset(
    {"people.person.merged_into", "people.personmerge.survivor", "people.personmerge.absorbed"}
)


def person_relations() -> list[Relation]:
    """Every relation to Person, discovered: the models of every app included, also those
    without a reverse accessor (related_name="+")."""
    found = []
    for rel in Person._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and rel.is_relation):
            continue
        field, model = rel.field, rel.related_model  # type: ignore[union-attr]
        if model is None or f"{model._meta.label_lower}.{field.name}" in NOT_MOVED:
            continue
        found.append(Relation(model, field.name, _unique_with(model, field)))
    return sorted(found, key=lambda r: r.key)


def master_field(name: str) -> models.Field:
    """One of MASTER_FIELDS as a model field (its label, its conversion)."""
    field = Person._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def survivors(person_ids: Iterable[Any]) -> dict[Any, Any]:
    """Merged id -> the record it lives on in (following later merges); ids that were
    never merged are not in the answer. One query per link of the longest chain."""
    pending = set(person_ids)
    step: dict[Any, Any] = {}
    for _ in range(MAX_CHAIN):
        rows = Person.objects.filter(pk__in=pending, merged_into__isnull=False)
        found = dict(rows.values_list("pk", "merged_into_id"))
        if not found:
            break
        step.update(found)
        pending = set(found.values())
    resolved = {}
    for pk in step:
        target = pk
        for _ in range(MAX_CHAIN):
            if target not in step:
                break
            target = step[target]
        resolved[pk] = target
    return resolved


def absorbed_ids(person_ids: Iterable[Any]) -> list[Any]:
    """The merged records that live on in these persons (also through chains), so that
    their events count as the survivor's. One query per link of the longest chain."""
    found: list[Any] = []
    pending = list(person_ids)
    for _ in range(MAX_CHAIN):
        if not pending:
            break
        pending = list(
            Person.objects.filter(merged_into_id__in=pending).values_list("pk", flat=True)
        )
        found += pending
    return found
