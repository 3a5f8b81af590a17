"""What a count table publishes once it leaves an alliance's case management, before the
small-cell suppression of `core.suppression` runs on it:

- Rare categories are collapsed (`COLLAPSE`). "diverse" and "not specified" are published
  together as "divers/ohne Angabe", as the statistical offices of the Federation and the
  Länder do since the Personenstandsgesetz allowed both entries (Dec. 2018, first in the
  2019 figures; statistikportal.de/de/methoden/drittes-geschlecht). Where that combined
  count is still below the threshold in a row, it is allocated to "female" and "male"
  instead of being suppressed, which is the offices' rule for a case of confidentiality
  ("werden in Geheimhaltungsfällen … dem männlichen oder weiblichen Geschlecht
  zugeordnet"); which person goes where follows the Statistikamt Nord's published rule
  (even month of birth: female, odd: male), so the figures are reproducible. The cell
  then shows "x" and the note says so. Without this, a row's 1–2 would take "weiblich" or
  the row total with it (a row's only other cells).
  "EU / other" and "unknown" residence statuses are published together.
- Categories differ in how much their loss costs (`CORE`): the initiative's core groups
  ("weiblich", "männlich", "Duldung", "Gestattung") and the totals are chosen as
  complements last (`core.suppression.Importance`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext_lazy as _

from teilhabe.core.suppression import Importance
from teilhabe.reporting.selectors import Indicator, Label

ALLOCATED = "x"  # Destatis: "Tabellenfach gesperrt" (the figure is counted elsewhere)
CORE_WEIGHT = 4


@dataclass(frozen=True)
class Collapse:
    members: tuple[str, ...]  # categories published as one
    key: str
    label: Label
    allocate: bool = False  # below the threshold: into `Indicator.allocation` instead


COLLAPSE: dict[str, tuple[Collapse, ...]] = {
    "sex": (
        Collapse(
            ("diverse", "unspecified"), "diverse_unspecified", _("diverse/not specified"), True
        ),
    ),
    "status": (Collapse(("other", "unknown"), "other_unknown", _("EU / other / unknown")),),
}
CORE: dict[str, tuple[str, ...]] = {
    "sex": ("female", "male"),
    "status": ("duldung", "gestattung"),
}


@dataclass
class Prepared:
    indicator: Indicator
    allocated: set[tuple[Any, str]]  # (alliance id, category key) shown as ALLOCATED


def prepare(ind: Indicator, minimum: int) -> Prepared:
    """The indicator with its rare categories collapsed (and allocated where too small)."""
    rules = COLLAPSE.get(ind.key, ())
    if not rules:
        return Prepared(ind, set())
    merged_into = {member: rule for rule in rules for member in rule.members}
    categories: list[tuple[str, Label]] = []
    for key, label in ind.categories:
        rule = merged_into.get(key)
        if rule is None:
            categories.append((key, label))
        elif key == rule.members[0]:
            categories.append((rule.key, rule.label))
    counts: dict[Any, dict[str, int]] = {}
    allocated: set[tuple[Any, str]] = set()
    for alliance_id, cells in ind.counts.items():
        row: dict[str, int] = {}
        for key, n in cells.items():
            target = merged_into[key].key if key in merged_into else key
            row[target] = row.get(target, 0) + n
        for rule in rules:
            n = row.get(rule.key, 0)
            if rule.allocate and 0 < n < minimum:
                row[rule.key] = 0
                for target, m in ind.allocation.get(alliance_id, {}).items():
                    row[target] = row.get(target, 0) + m
                allocated.add((alliance_id, rule.key))
        counts[alliance_id] = row
    return Prepared(replace(ind, categories=categories, counts=counts), allocated)


def importance(ind: Indicator) -> Importance:
    core = CORE.get(ind.key, ())
    return Importance(
        columns={i: CORE_WEIGHT for i, (key, _l) in enumerate(ind.categories) if key in core}
    )


def allocation_note(ind: Indicator) -> str:
    if not any(rule.allocate for rule in COLLAPSE.get(ind.key, ())):
        return ""
    return str(
        _(
            "“diverse” and “not specified” are published together; where they are too few "
            "in a row, they are counted under “female” or “male” and the cell shows “x” "
            "(practice of the statistical offices since 2019)."
        )
    )
