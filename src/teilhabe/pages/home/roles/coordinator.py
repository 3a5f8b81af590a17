"""The coordinator: what changed in the alliance this week and what is due. Aggregates and
the alliance's own records only; a coordinator sees no person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from teilhabe.alliances.models import Priority, PriorityStatus, Workshop
from teilhabe.alliances.selectors import partners_for, priorities_for, workshops_for
from teilhabe.core.models import Alliance, Organisation
from teilhabe.offers.gaps import gap_matrix, published_need

WEEK_DAYS = 7
OPEN_PRIORITY = (PriorityStatus.PLANNED, PriorityStatus.IN_PROGRESS)


@dataclass
class CoordinatorBlock:
    since: dt.date
    new_partners: list[Organisation]
    workshops_due: list[Workshop]
    priorities_overdue: list[Priority]
    gaps: int  # cells of the gap matrix (field of action × group) with more need than places
    gap_persons: int  # persons in need beyond the free places, summed over those cells

    @property
    def open_items(self) -> int:
        return len(self.workshops_due) + len(self.priorities_overdue) + len(self.new_partners)


def workshops_results_due(alliance: Alliance, today: dt.date) -> list[Workshop]:
    """Workshops already held whose results are missing: no minutes or no problem recorded."""
    return list(
        workshops_for(alliance).filter(Q(minutes="") | Q(problem_count=0), held_on__lte=today)
    )


def coordinator_block(alliance: Alliance, today: dt.date) -> CoordinatorBlock:
    since = today - dt.timedelta(days=WEEK_DAYS)
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    matrix = gap_matrix(alliance)
    gap_cells = [cell for row in matrix.rows for cell in row if cell.is_gap]
    return CoordinatorBlock(
        since=since,
        new_partners=list(partners_for(alliance).filter(created_at__gte=start)),
        workshops_due=workshops_results_due(alliance, today),
        priorities_overdue=list(
            priorities_for(alliance).filter(due_on__lt=today, status__in=OPEN_PRIORITY)
        ),
        gaps=len(gap_cells),
        # Only cells whose need is published: a hidden one would follow from the sum.
        gap_persons=sum(
            cell.need - cell.places for cell in gap_cells if isinstance(published_need(cell), int)
        ),
    )
