"""Participations on the person's trajectory page (a source of casework's timeline)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teilhabe.casework.work.timeline import TimelineEntry
from teilhabe.people.access import PersonAccess
from teilhabe.trajectories.selectors import participations_of


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
