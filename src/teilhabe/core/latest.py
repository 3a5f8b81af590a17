"""The latest row of a group, kept as a flag.

Some tables are dated history in which one row per group is *the current one*: the latest
needs assessment of a field in a case. Finding it with a "no newer row exists" subquery
costs an index probe per row, and that grows with the alliance (Köln: 34,000 assessments
for one gap analysis). So such a model keeps `is_current` itself, from one ordering rule
(`LatestRule`), on every write path Django offers: `save`, `delete`, the manager's
`bulk_create` and `bulk_update`, and a queryset's `update` and `delete`. A raw INSERT
(the demo seeding) calls `LatestRule.refresh` itself. Readers filter `is_current=True`.

The flag is written by the database in the same transaction as the rows; an instance in
memory keeps the value it was loaded with (reload it to read the flag).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any, ClassVar

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import pgettext_lazy

_CHUNK = 500  # group keys per UPDATE: a bounded parameter list on every backend


@dataclass(frozen=True)
class LatestRule:
    """Rows are grouped by `group` (attribute names; the first one selects whole groups
    for a refresh) and the current row of a group comes first in `order` (descending
    fields only, the last one unique, e.g. the id)."""

    group: tuple[str, ...]
    order: tuple[str, ...]

    def __post_init__(self) -> None:
        if not all(o.startswith("-") for o in self.order):
            raise ValueError("LatestRule orders descending only")

    def newer_than_outer(self) -> Q:
        """The row comes before the outer query's row (`OuterRef`) in `order`: the
        condition of a "no newer row of the group exists" subquery."""
        names = self.order_names
        return reduce(
            operator.or_,
            (
                Q(**{n: OuterRef(n) for n in names[:i]}, **{f"{name}__gt": OuterRef(name)})
                for i, name in enumerate(names)
            ),
        )

    def same_group_as_outer(self) -> Q:
        return Q(**{g: OuterRef(g) for g in self.group})

    def touched_by(self, model: type[models.Model], names: Iterable[str]) -> bool:
        """Whether writing these fields can change which row is current."""
        fields = {model._meta.get_field(n) for n in (*self.group, *self.order_names)}
        watched = {f.name for f in fields} | {f.attname for f in fields}  # type: ignore[union-attr]
        return bool(watched & set(names))

    @property
    def order_names(self) -> tuple[str, ...]:
        return tuple(o.removeprefix("-") for o in self.order)

    def refresh(self, model: type[models.Model], rows: Q | None = None) -> None:
        """Set `is_current` on `rows` (all rows if None): one UPDATE. `rows` must hold
        whole groups, which a filter on the group's first field does."""
        base = model._base_manager  # no tenant scope: the flag is the same for everyone
        newer = base.filter(self.same_group_as_outer()).filter(self.newer_than_outer())
        target = base.all() if rows is None else base.filter(rows)
        target.update(is_current=~Exists(newer))

    def refresh_groups(self, model: type[models.Model], keys: Iterable[Any]) -> None:
        """Refresh the groups whose first field has one of these values."""
        values = sorted({k for k in keys if k is not None}, key=str)
        for i in range(0, len(values), _CHUNK):
            self.refresh(model, Q(**{f"{self.group[0]}__in": values[i : i + _CHUNK]}))

    def keys_of(self, objs: Iterable[models.Model]) -> set[Any]:
        return {getattr(o, self.group[0]) for o in objs}


class LatestQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        rule: LatestRule = self.model.latest_rule
        if not rule.touched_by(self.model, kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            keys = set(self.values_list(rule.group[0], flat=True))
            moving = bool(set(kwargs) & {rule.group[0], rule.group[0].removesuffix("_id")})
            pks = list(self.values_list("pk", flat=True)) if moving else []
            count = super().update(**kwargs)
            if moving:  # the groups the rows join, whatever the new value was written as
                moved = self.model._base_manager.filter(pk__in=pks)
                keys |= set(moved.values_list(rule.group[0], flat=True))
            rule.refresh_groups(self.model, keys)
        return count

    def delete(self) -> tuple[int, dict[str, int]]:
        rule: LatestRule = self.model.latest_rule
        with transaction.atomic(using=self.db):
            keys = set(self.values_list(rule.group[0], flat=True))
            deleted = super().delete()
            rule.refresh_groups(self.model, keys)
        return deleted


class LatestManager(models.Manager.from_queryset(LatestQuerySet)):  # type: ignore[misc]
    """Bulk writes refresh the groups they touched. Written on the manager, not the
    queryset: a tenant-scoped manager may hand out a queryset class of its own."""

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        rule: LatestRule = self.model.latest_rule
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            rule.refresh_groups(self.model, rule.keys_of(created))
        return created

    def bulk_update(self, objs: Sequence[Any], fields: Sequence[str], *args: Any, **kw: Any) -> int:
        rule: LatestRule = self.model.latest_rule
        if not rule.touched_by(self.model, fields):
            return int(super().bulk_update(objs, fields, *args, **kw))
        with transaction.atomic(using=self.db):
            ids = [o.pk for o in objs]
            keys = set(self.model._base_manager.filter(pk__in=ids).values_list(rule.group[0]))
            count = super().bulk_update(objs, fields, *args, **kw)
            rule.refresh_groups(self.model, {k for (k,) in keys} | rule.keys_of(objs))
        return int(count)


class LatestFlagged(models.Model):
    """A model whose current row per group is flagged (see the module docstring)."""

    latest_rule: ClassVar[LatestRule]
    is_current = models.BooleanField(pgettext_lazy("row", "current"), default=False, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        rule = self.latest_rule
        with transaction.atomic(using=kwargs.get("using")):
            keys = rule.keys_of([self])
            if not self._state.adding:  # the row may leave its group
                stored = type(self)._base_manager.filter(pk=self.pk)
                keys |= set(stored.values_list(rule.group[0], flat=True))
            super().save(*args, **kwargs)
            rule.refresh_groups(type(self), keys)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        rule = self.latest_rule
        with transaction.atomic(using=kwargs.get("using")):
            keys = rule.keys_of([self])
            deleted = super().delete(*args, **kwargs)
            rule.refresh_groups(type(self), keys)
        return deleted


def update_rows(model: type[models.Model], pks: Iterable[Any], **values: Any) -> int:
    """An UPDATE of rows by id through the base manager (no tenant scope, as merging and
    erasing need it) that keeps the flag of the groups the rows leave and join."""
    rows = model._base_manager.filter(pk__in=list(pks))
    if not issubclass(model, LatestFlagged) or not model.latest_rule.touched_by(model, values):
        return rows.update(**values)
    rule = model.latest_rule
    keys = set(rows.values_list(rule.group[0], flat=True))
    count = rows.update(**values)
    rule.refresh_groups(model, keys | set(rows.values_list(rule.group[0], flat=True)))
    return count
