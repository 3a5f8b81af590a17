"""Offer quality per offer and per provider: aggregates of the participations in them.

Figures (participations in the catalogue offer; ended = completed or aborted):
- participants: distinct persons with a participation in the offer;
- completion / abort rate: completed resp. aborted among the ended participations;
- progression rate: ended participations that are *progress* by the careers spec
  (`trajectories.careers.progress_ids` over each person's whole history: certificate,
  transition, or a completed level above every earlier completed level);
- transitions within 6 months: ended participations with a transition recorded, or
  followed by a vocational-training participation of the person that starts within 183
  days after the end;
- later flagged: participants with a Maßnahme-Karriere finding detected on or after the
  start of their (first) participation in the offer.
Small counts are suppressed (`core.suppression.threshold`, 3 by default): a count below it
is shown as "." and so is a rate whose denominator is below it or whose numerator is
between 1 and it (the count could be recomputed).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from teilhabe.core.suppression import MARK, threshold
from teilhabe.offers.models import Offer
from teilhabe.trajectories import careers
from teilhabe.trajectories.models import Finding, Participation

TRANSITION_DAYS = 183


def show_count(n: int) -> str:
    return MARK if n < threshold() else str(n)


def show_rate(numerator: int, denominator: int) -> str:
    minimum = threshold()
    if denominator < minimum or 0 < numerator < minimum:
        return MARK
    return f"{round(100 * numerator / denominator)} %"


@dataclass
class Figures:
    persons: set[uuid.UUID] = field(default_factory=set)
    ended: int = 0
    completed: int = 0
    aborted: int = 0
    progress: int = 0
    transitions: int = 0
    flagged: set[uuid.UUID] = field(default_factory=set)

    def add(self, other: Figures) -> None:
        self.persons |= other.persons
        self.flagged |= other.flagged
        for name in ("ended", "completed", "aborted", "progress", "transitions"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def participants(self) -> int:
        return len(self.persons)

    def shown(self) -> dict[str, str]:
        """The figures as they may be shown (suppressed)."""
        return {
            "participants": show_count(self.participants),
            "ended": show_count(self.ended),
            "completion_rate": show_rate(self.completed, self.ended),
            "abort_rate": show_rate(self.aborted, self.ended),
            "progression_rate": show_rate(self.progress, self.ended),
            "transition_rate": show_rate(self.transitions, self.ended),
            "flagged_share": show_rate(len(self.flagged), self.participants),
        }


@dataclass
class QualityRow:
    label: str
    provider: str
    figures: Figures
    offer: Offer | None = None

    @property
    def shown(self) -> dict[str, str]:
        return self.figures.shown()


@dataclass
class QualityReport:
    offers: list[QualityRow]
    providers: list[QualityRow]


def _as_careers(p: Participation) -> careers.Participation:
    return careers.Participation(
        id=str(p.pk),
        category=p.category,
        level=p.level_reached or None,  # type: ignore[arg-type]
        start=p.start,
        end=p.end,
        outcome=p.outcome,  # type: ignore[arg-type]
        certificate=p.certificate,
        transition=p.transition or None,  # type: ignore[arg-type]
    )


def _transition_within(p: Participation, later: Iterable[Participation]) -> bool:
    if p.transition:
        return True
    if p.end is None:
        return False
    limit = p.end + dt.timedelta(days=TRANSITION_DAYS)
    return any(
        q.pk != p.pk and q.category == "vocational_training" and p.end <= q.start <= limit
        for q in later
    )


def quality_report(offers: list[Offer]) -> QualityReport:
    """Figures for these offers (all of one alliance) in three queries."""
    ids = [o.pk for o in offers]
    in_offers = Participation.objects.filter(offer_id__in=ids)
    person_ids = in_offers.values("person_id")
    history: dict[uuid.UUID, list[Participation]] = defaultdict(list)
    for p in Participation.objects.filter(person_id__in=person_ids).order_by("start", "id"):
        history[p.person_id].append(p)
    findings: dict[uuid.UUID, list[dt.date]] = defaultdict(list)
    for pid, detected in Finding.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "detected_on"
    ):
        findings[pid].append(detected)
    progress: set[str] = set()
    for items in history.values():
        progress |= careers.progress_ids(_as_careers(p) for p in items)
    per_offer: dict[uuid.UUID, Figures] = {o.pk: Figures() for o in offers}
    first_start: dict[tuple[uuid.UUID, uuid.UUID], dt.date] = {}
    for person_id, items in history.items():
        for p in items:
            if p.offer_id not in per_offer:
                continue
            fig = per_offer[p.offer_id]
            fig.persons.add(person_id)
            key = (p.offer_id, person_id)
            first_start[key] = min(first_start.get(key, p.start), p.start)
            if p.outcome == "ongoing":
                continue
            fig.ended += 1
            fig.completed += p.outcome == "completed"
            fig.aborted += p.outcome == "aborted"
            fig.progress += str(p.pk) in progress
            fig.transitions += _transition_within(p, items)
    for (offer_id, person_id), start in first_start.items():
        if any(d >= start for d in findings.get(person_id, ())):
            per_offer[offer_id].flagged.add(person_id)
    offer_rows = [QualityRow(o.title, o.provider.name, per_offer[o.pk], o) for o in offers]
    by_provider: dict[uuid.UUID, QualityRow] = {}
    for o in offers:
        row = by_provider.setdefault(o.provider_id, QualityRow(o.provider.name, "", Figures()))
        row.figures.add(per_offer[o.pk])
    providers = sorted(by_provider.values(), key=lambda r: r.label)
    return QualityReport(offers=offer_rows, providers=providers)
