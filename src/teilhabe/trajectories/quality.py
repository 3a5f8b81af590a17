"""Offer quality per offer and per provider: aggregates of the participations in them.

Figures (participations in the catalogue offer; ended = completed or aborted):
- participants: distinct persons with a participation in the offer;
- completion / abort rate: completed resp. aborted among the ended participations;
- progression rate: ended participations that are *progress* by the careers spec
  (`trajectories.careers.progress_ids` over each person's whole history: certificate,
  transition, or a completed level above every earlier completed level);
- transitions within 6 months: ended participations with a transition recorded, or
  followed by a vocational-training participation of the person that starts within 183
  days after the end, or followed by an exit with a recorded outcome of training or work
  (`casework.outcomes.transitions_within_6_months`, the monitoring's rule) found within
  183 days after the end;
- later flagged: participants with a Maßnahme-Karriere finding detected on or after the
  start of their (first) participation in the offer;
- waiting time: the median of the days from joining the offer's waiting list to the
  allocation of a place (`offers.WaitingListEntry`), over the allocated entries; shown
  only when at least `threshold` places were allocated.
Small counts are suppressed (`core.suppression.threshold`, 3 by default): a count below it
is shown as "." and so is a rate whose denominator is below it or whose numerator is
between 1 and it (the count could be recomputed).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import ngettext

from teilhabe.casework.outcomes import TRANSITION_DAYS, transitions_within_6_months
from teilhabe.core.suppression import MARK, threshold
from teilhabe.core.tabular import Percent
from teilhabe.offers.models import Offer, WaitingListEntry
from teilhabe.trajectories import careers
from teilhabe.trajectories.models import Finding, Participation


def show_count(n: int) -> str:
    return MARK if n < threshold() else str(n)


def show_rate(numerator: int, denominator: int) -> str:
    minimum = threshold()
    if denominator < minimum or 0 < numerator < minimum:
        return MARK
    return Percent(Decimal(numerator) / Decimal(denominator), places=0)  # typed in Excel


def show_median_days(days: list[int]) -> str:
    """The median wait in days, hidden below the threshold of allocations."""
    if len(days) < threshold():
        return MARK
    return ngettext("%(days)s day", "%(days)s days", round(median(days))) % {
        "days": round(median(days))
    }


@dataclass
class Figures:
    participants: int = 0
    ended: int = 0
    completed: int = 0
    aborted: int = 0
    progress: int = 0
    transitions: int = 0
    flagged: set[uuid.UUID] = field(default_factory=set)  # the persons later flagged
    waits: list[int] = field(default_factory=list)  # days waited, per allocated place

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
            "waiting_median": show_median_days(self.waits),
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


# The counts that add up over a provider's offers (participants do not: a person may be in
# several of its offers, so they are counted per provider in the database).
ADDITIVE = ("ended", "completed", "aborted", "transitions")


def _counts(rows: QuerySet[Any, Any]) -> QuerySet[Any, dict[str, Any]]:
    """Participants and the additive counts of the participations grouped by `rows`'
    values(): conditional aggregates in one query, whatever the number of rows."""
    ended: Q = ~Q(outcome="ongoing")
    later_training = Participation.objects.filter(
        person_id=OuterRef("person_id"),
        category="vocational_training",
        start__gte=OuterRef("end"),
        start__lte=OuterRef("end") + dt.timedelta(days=TRANSITION_DAYS),
    ).exclude(pk=OuterRef("pk"))
    later_exit = transitions_within_6_months().filter(
        case__person_id=OuterRef("person_id"),
        case__closed_on__gte=OuterRef("end"),
        found_on__lte=OuterRef("end") + dt.timedelta(days=TRANSITION_DAYS),
    )
    moved_on = ~Q(transition="") | Q(Exists(later_training)) | Q(Exists(later_exit))
    return rows.annotate(
        participants=Count("person_id", distinct=True),
        ended=Count("pk", filter=ended),
        completed=Count("pk", filter=Q(outcome="completed")),
        aborted=Count("pk", filter=Q(outcome="aborted")),
        transitions=Count("pk", filter=ended & moved_on),
    ).order_by()


def _progress(in_offers: QuerySet[Participation]) -> dict[uuid.UUID, int]:
    """Progress participations per offer. Progress is the careers rule over each person's
    whole history (`careers.progress_ids`, kept in one place), so the histories of the
    offers' participants are read, as plain values, not models."""
    columns = ("pk", "person_id", "offer_id", "category", "level_reached", "start", "end")
    history = Participation.objects.filter(person_id__in=in_offers.values("person_id"))
    rows = history.values_list(*columns, "outcome", "certificate", "transition")
    by_person: dict[uuid.UUID, list[careers.Participation]] = defaultdict(list)
    offer_of: dict[str, uuid.UUID | None] = {}
    for pk, person_id, offer_id, category, level, start, end, outcome, cert, trans in rows:
        offer_of[str(pk)] = offer_id
        by_person[person_id].append(
            careers.Participation(
                id=str(pk),
                category=category,
                level=level or None,
                start=start,
                end=end,
                outcome=outcome,
                certificate=cert,
                transition=trans or None,
            )
        )
    progress: dict[uuid.UUID, int] = defaultdict(int)
    for items in by_person.values():
        for pk in careers.progress_ids(items):
            offer_id = offer_of[pk]
            if offer_id is not None:
                progress[offer_id] += 1
    return progress


def quality_report(offers: list[Offer]) -> QualityReport:
    """Figures for these offers (all of one alliance) in five queries: aggregates per offer
    and per provider, the later-flagged pairs, the histories for the progress rule and the
    allocated waits."""
    in_offers = Participation.objects.filter(offer_id__in=[o.pk for o in offers])
    per_offer: dict[uuid.UUID, Figures] = {o.pk: Figures() for o in offers}
    for counts in _counts(in_offers.values("offer_id")):
        fig = per_offer[counts["offer_id"]]
        fig.participants = counts["participants"]
        for name in ADDITIVE:
            setattr(fig, name, counts[name])
    # Flagged: a finding on or after the start of the person's first participation in the
    # offer, i.e. on or after the start of any of them.
    after_start = Finding.objects.filter(
        person_id=OuterRef("person_id"), detected_on__gte=OuterRef("start")
    )
    flagged = in_offers.filter(Exists(after_start)).values_list("offer_id", "person_id")
    for offer_id, person_id in flagged.distinct():
        per_offer[offer_id].flagged.add(person_id)
    for offer_id, count in _progress(in_offers).items():
        if offer_id in per_offer:
            per_offer[offer_id].progress = count
    allocated = WaitingListEntry.objects.filter(
        offer_id__in=list(per_offer), status=WaitingListEntry.Status.ALLOCATED
    ).values_list("offer_id", "since", "closed_on")
    for offer_id, since, closed_on in allocated:
        if closed_on is not None:  # always set once allocated (a check constraint)
            per_offer[offer_id].waits.append((closed_on - since).days)
    offer_rows = [QualityRow(o.title, o.provider.name, per_offer[o.pk], o) for o in offers]
    # Only the participants are counted per provider: the rest adds up over its offers.
    per_provider = in_offers.values("offer__provider_id").order_by()
    participants = dict(
        per_provider.annotate(n=Count("person_id", distinct=True)).values_list(
            "offer__provider_id", "n"
        )
    )
    by_provider: dict[uuid.UUID, QualityRow] = {}
    for o in offers:
        row = by_provider.setdefault(o.provider_id, QualityRow(o.provider.name, "", Figures()))
        total, fig = row.figures, per_offer[o.pk]
        total.participants = participants.get(o.provider_id, 0)
        total.flagged |= fig.flagged
        total.waits += fig.waits
        total.progress += fig.progress
        for name in ADDITIVE:
            setattr(total, name, getattr(total, name) + getattr(fig, name))
    providers = sorted(by_provider.values(), key=lambda r: r.label)
    return QualityReport(offers=offer_rows, providers=providers)
