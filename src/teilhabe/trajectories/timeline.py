"""The trajectory (Bildungsverlauf): one chronological timeline merged from sources.

`SOURCES` is the registry: each source is a function `(access) -> Iterable[TimelineEntry]`
guarded by a data category; it only runs when the principal's access covers the category,
so a partner sees exactly what the person's consent covers. Each source runs a fixed
number of queries. People and casework sources live in casework.work.timeline; the
participations are this app's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teilhabe.casework.work.timeline import (
    TimelineEntry,
    arrival_entries,
    case_entries,
    certificate_entries,
    experience_entries,
    schooling_entries,
    status_entries,
)
from teilhabe.people.access import PersonAccess
from teilhabe.people.domains.timeline import legal_domain_entries
from teilhabe.recognition.timeline import recognition_entries
from teilhabe.trajectories.selectors import participations_of

Provider = Callable[[PersonAccess], Iterable[TimelineEntry]]


@dataclass(frozen=True)
class TimelineSource:
    key: str
    category: str  # a DataCategory value; the source runs only if access.can(category)
    provider: Provider


def participation_entries(access: PersonAccess) -> Iterable[TimelineEntry]:
    p: Any
    for p in participations_of(access):
        text = p.title
        if p.provider_name:
            text = f"{text} ({p.provider_name})"
        parts = [p.category_label, p.get_outcome_display()]
        if p.end:
            parts.append(_("until %(date)s") % {"date": date_format(p.end, "SHORT_DATE_FORMAT")})
        if p.level_reached:
            parts.append(_("level reached %(level)s") % {"level": p.level_reached})
        if p.certificate:
            parts.append(p.certificate_title or _("certificate"))
        if p.transition:
            parts.append(_("then: %(transition)s") % {"transition": p.get_transition_display()})
        yield TimelineEntry(p.start, "participation", _("Participation"), text, ", ".join(parts))


# The registry. Order only matters for entries of the same day and order value.
SOURCES: list[TimelineSource] = [
    TimelineSource("schooling", "education", schooling_entries),
    TimelineSource("certificates", "education", certificate_entries),
    TimelineSource("recognition", "education", recognition_entries),
    TimelineSource("experiences", "education", experience_entries),
    TimelineSource("status", "residence_status", status_entries),
    TimelineSource("legal_domains", "education", legal_domain_entries),
    TimelineSource("arrival", "master_data", arrival_entries),
    TimelineSource("cases", "master_data", case_entries),
    TimelineSource("participations", "participations", participation_entries),
]


def timeline_for(access: PersonAccess) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for source in SOURCES:
        if access.can(source.category):
            entries.extend(source.provider(access))
    # Undated first (schooling before arrival), then by date; stable for equal keys.
    return sorted(entries, key=lambda e: (e.on is not None, e.on or dt.date.min, e.order))
