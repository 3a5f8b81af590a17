"""Maßnahme-Karriere rates: aggregates only.

The counts behind an alliance's rates (`RateCounts`) come from its findings and
participations. A batch run replaces the findings, so it also stores the counts of the
alliances it covered (`CareerRun.rates`): the page then reads the figures of the run that
wrote the findings, in two queries whatever the size of the alliance (issue 20), and says
as of when. Before any such run the counts are taken live, in the same way.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from teilhabe.core.aggregates import distinct_per_alliance
from teilhabe.core.models import Alliance
from teilhabe.core.suppression import MARK, published_rates
from teilhabe.core.suppression import Value as Shown
from teilhabe.people.models import Person
from teilhabe.trajectories.careers_text import CATEGORY_LABELS
from teilhabe.trajectories.models import CareerRun, Finding, Participation
from teilhabe.trajectories.selectors import category_labels

RULES = ("MK1", "MK2", "MK3", "MK4")

# One alliance's counts, JSON as stored: persons in casework ("base": an open case or a
# finding there) and flagged persons; flagged persons per rule; per offer category and per
# provider name ("": unknown) [value, participants, participants flagged by a chain].
RateCounts = dict[str, Any]


def rule_label(rule: str) -> str:
    labels = {
        "MK1": _("MK1 – chain without progress"),
        "MK2": _("MK2 – repetition"),
        "MK3": _("MK3 – waiting loop"),
        "MK4": _("MK4 – abort series"),
    }
    return labels.get(rule, rule)


@dataclass
class RateRow:
    """Persons and flagged persons of a group, with the figures as published (`published`)."""

    label: str
    persons: int
    flagged: int
    shown_persons: Shown = MARK
    shown_flagged: Shown = MARK
    rate: str = MARK


def published(rows: list[RateRow], *, with_total: bool = False) -> list[RateRow]:
    """The rows with their published figures: the statewide suppression (reporting) for
    every rate table, so no page keeps its own rule; `with_total` when the rows split one
    population and the last row is their total (the alliances of NRW)."""
    parts = rows[:-1] if with_total else rows
    shown = published_rates([(r.flagged, r.persons) for r in parts], with_total=with_total)
    for row, (flagged, persons, rate) in zip(rows, shown, strict=False):
        row.shown_flagged, row.shown_persons, row.rate = flagged, persons, rate
    return rows


@dataclass
class Rates:
    alliance: RateRow
    by_rule: list[RateRow] = field(default_factory=list)
    by_category: list[RateRow] = field(default_factory=list)
    by_provider: list[RateRow] = field(default_factory=list)
    as_of: dt.datetime | None = None  # the run whose stored counts these are; None: live


# --- counting ------------------------------------------------------------------------------


def _casework(ids: list[uuid.UUID]) -> dict[str, tuple[int, int]]:
    """Alliance id → (persons with an open case or a finding there, flagged persons)."""
    from teilhabe.casework.models import Case

    # Sets of the alliances' own rows (a person's cases and findings are in its alliance),
    # hashed once: no probe per person, no hash of every open case of the state.
    cases = Case.objects.filter(alliance_id__in=ids, status=Case.Status.OPEN)
    open_case = Q(pk__in=cases.values("person_id"))
    finding = Q(pk__in=Finding.objects.filter(alliance_id__in=ids).values("person_id"))
    rows = (
        Person.objects.filter(alliance_id__in=ids)
        .filter(open_case | finding)
        .values("alliance_id")
        .annotate(persons=Count("pk"), flagged=Count("pk", filter=finding))
        .values_list("alliance_id", "persons", "flagged")
        .order_by()
    )
    return {str(a): (persons, flagged) for a, persons, flagged in rows}


def rate_counts(alliances: Iterable[Alliance | uuid.UUID]) -> dict[str, RateCounts]:
    """The counts of these alliances, keyed by alliance id, in seven queries however many
    alliances and persons. Only the participations of persons flagged by a chain are read
    (to match the ids a finding names); a waiting gap (MK3) is not the measure's doing."""
    ids = [a.pk if isinstance(a, Alliance) else a for a in alliances]
    with scopes_disabled():
        found = Finding.objects.filter(alliance_id__in=ids).order_by()
        parts = Participation.objects.filter(alliance_id__in=ids).order_by()
        provider = Coalesce(
            NullIf(F("offer__provider__name"), Value("")),
            NullIf(F("external_provider"), Value("")),
        )
        casework = _casework(ids)
        by_rule = distinct_per_alliance(found, "rule", "person_id")
        categories = distinct_per_alliance(parts, "category", "person_id")
        named = parts.annotate(provider=provider)
        providers = distinct_per_alliance(named, "provider", "person_id")
        chains = found.exclude(rule="MK3")
        persons_of: dict[str, set[uuid.UUID]] = defaultdict(set)
        for person_id, listed in chains.values_list("person_id", "participation_ids"):
            for pid in listed:
                persons_of[pid].add(person_id)
        cat_flagged: dict[tuple[Any, str], set[uuid.UUID]] = defaultdict(set)
        prov_flagged: dict[tuple[Any, str], set[uuid.UUID]] = defaultdict(set)
        concerned = named.filter(person_id__in=chains.values("person_id"))
        for pid, alliance_id, category, name in concerned.values_list(
            "pk", "alliance_id", "category", "provider"
        ):
            if (persons := persons_of.get(str(pid))) is not None:
                cat_flagged[(alliance_id, category)] |= persons
                prov_flagged[(alliance_id, name or "")] |= persons
    out: dict[str, RateCounts] = {}
    for a in ids:
        base, flagged = casework.get(str(a), (0, 0))
        out[str(a)] = {
            "base": base,
            "flagged": flagged,
            "rules": by_rule.get(a, {}),
            "categories": [
                [c, n, len(cat_flagged[(a, c)])] for c, n in categories.get(a, {}).items()
            ],
            "providers": [  # "": no provider named
                [name, n, len(prov_flagged[(a, name)])] for name, n in providers.get(a, {}).items()
            ],
        }
    return out


def rates_of(alliance: Alliance, counts: RateCounts, as_of: dt.datetime | None = None) -> Rates:
    """The rates as shown, from an alliance's counts (labels in the reader's language)."""
    labels = category_labels(alliance)
    unknown = _("unknown provider")
    base = counts["base"]
    # A person may fall under several rules, categories and providers: no column totals.
    return Rates(
        alliance=published([RateRow(alliance.name, base, counts["flagged"])])[0],
        by_rule=published([RateRow(rule_label(r), base, counts["rules"].get(r, 0)) for r in RULES]),
        by_category=published(
            sorted(
                (
                    RateRow(labels.get(c, CATEGORY_LABELS.get(c, c)), n, flagged)
                    for c, n, flagged in counts["categories"]
                ),
                key=lambda r: r.label,
            )
        ),
        by_provider=published(
            sorted(
                (RateRow(name or unknown, n, flagged) for name, n, flagged in counts["providers"]),
                key=lambda r: r.label,
            )
        ),
        as_of=as_of,
    )


def alliance_rates(alliance: Alliance) -> Rates:
    """The rates counted now (seven queries)."""
    return rates_of(alliance, rate_counts([alliance])[str(alliance.pk)])


def current_rates(alliance: Alliance) -> Rates:
    """The rates of the last finished run over the alliance (its own or the state's), the
    run that wrote the findings (one query for its part); live before any such run."""
    key = f"rates__{alliance.pk}"
    with scopes_disabled():
        stored = (
            CareerRun.objects.filter(Q(alliance=alliance) | Q(alliance__isnull=True))
            .filter(status=CareerRun.Status.DONE, **{f"{key}__isnull": False})
            .order_by("-finished_at")
            .values_list(key, "finished_at")
            .first()
        )
    if stored is None:
        return alliance_rates(alliance)
    return rates_of(alliance, stored[0], as_of=stored[1])


def _stored_casework() -> tuple[dict[str, tuple[int, int]], dt.datetime] | None:
    """Per alliance id (persons in casework, flagged) of the last finished statewide run,
    and of each alliance's own run since (two queries); None before any such run."""
    with scopes_disabled():
        done = CareerRun.objects.filter(status=CareerRun.Status.DONE).exclude(rates={})
        state = (
            done.filter(alliance__isnull=True)
            .order_by("-finished_at")
            .values_list("rates", "finished_at")
            .first()
        )
        parts, at = state if state is not None else ({}, None)
        if at is None:
            return None
        later = done.filter(alliance__isnull=False, finished_at__gt=at).order_by("finished_at")
        for alliance_id, part in later.values_list("alliance_id", "rates"):
            parts[str(alliance_id)] = part[str(alliance_id)]
    return {a: (c["base"], c["flagged"]) for a, c in parts.items()}, at


def state_rates(*, stored: bool = False) -> tuple[list[RateRow], dt.datetime | None]:
    """Per alliance: persons with an open case or a finding there, and flagged persons;
    the last row is NRW. Suppressed as one table with its total, so a hidden alliance
    cannot be recomputed from NRW and the others. Counted in the database, or with
    `stored` from the last statewide run (and the alliances' runs since) where there is
    one, with its time."""
    found = _stored_casework() if stored else None
    with scopes_disabled():
        names = dict(Alliance.objects.values_list("pk", "name"))
        counts, as_of = found if found is not None else (_casework(list(names)), None)
    rows = sorted(
        (RateRow(name, *counts.get(str(pk), (0, 0))) for pk, name in names.items()),
        key=lambda r: r.label,
    )
    total = RateRow(
        _("North Rhine-Westphalia"), sum(r.persons for r in rows), sum(r.flagged for r in rows)
    )
    return published([*rows, total], with_total=True), as_of
