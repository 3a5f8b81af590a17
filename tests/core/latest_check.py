"""A flagged model's current rows against its rule, checked the slow way."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from teilhabe.casework.models import NeedAssessment
from teilhabe.core.latest import LatestFlagged


def by_the_rule(model: type[LatestFlagged] = NeedAssessment) -> set[Any]:
    """The ids of the current rows: each group sorted in Python by the rule's order."""
    rule = model.latest_rule
    groups: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for row in model._base_manager.all():
        groups[tuple(getattr(row, g) for g in rule.group)].append(row)
    key = rule.order_names
    return {
        max(rows, key=lambda r: tuple(getattr(r, k) for k in key)).pk for rows in groups.values()
    }


def flagged(model: type[LatestFlagged] = NeedAssessment) -> set[Any]:
    return set(model._base_manager.filter(is_current=True).values_list("pk", flat=True))


def assert_flags_follow_the_rule(model: type[LatestFlagged] = NeedAssessment) -> None:
    assert flagged(model) == by_the_rule(model)
