"""Timeline entries from people and casework data: the sources of the trajectory page.

A source is a function `(access) -> Iterable[TimelineEntry]`; the page's registry
(`teilhabe.trajectories.timeline.SOURCES`) guards each by a data category, so a partner sees
exactly what the person's consent covers. Each source runs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teilhabe.casework.models import Case, CaseStatusChange
from teilhabe.people.access import PersonAccess
from teilhabe.people.models import Certificate, Experience, Profile, ResidenceStatusEntry


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date | None  # None: undated (e.g. years of schooling), shown first
    kind: str  # stable key, e.g. "certificate"; templates may style by it
    label: str  # the kind in the user's language
    text: str
    detail: str = ""
    order: int = field(default=0, compare=False)  # tie-break within a day


def _d(day: dt.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def schooling_entries(access: PersonAccess) -> Iterable[TimelineEntry]:
    profile = Profile.objects.filter(person=access.person).first()
    if profile is None:
        return
    if profile.school_years_abroad is not None:
        yield TimelineEntry(
            None,
            "schooling",
            _("Schooling"),
            _("%(years)s years of school abroad") % {"years": profile.school_years_abroad},
        )
    if profile.school_years_germany is not None:
        yield TimelineEntry(
            None,
            "schooling",
            _("Schooling"),
            _("%(years)s years of school in Germany") % {"years": profile.school_years_germany},
        )


def certificate_entries(access: PersonAccess) -> Iterable[TimelineEntry]:
    for c in Certificate.objects.filter(person=access.person).order_by("issued_on", "title"):
        yield TimelineEntry(
            c.issued_on,
            "certificate",
            _("Certificate"),
            f"{c.title} ({c.get_level_display()}, {c.country})",
            _("Recognition: %(state)s") % {"state": c.get_recognition_display()},
        )


def experience_entries(access: PersonAccess) -> Iterable[TimelineEntry]:
    rows = Experience.objects.filter(person=access.person).select_related("employer_entry")
    for e in rows.order_by("started_on", "title"):
        where = ", ".join(part for part in (e.employer_shown, e.country) if part)
        detail = _("until %(date)s") % {"date": _d(e.ended_on)} if e.ended_on else ""
        yield TimelineEntry(
            e.started_on,
            "experience",
            e.get_kind_display(),
            f"{e.title} ({where})" if where else e.title,
            detail,
        )


def status_entries(access: PersonAccess) -> Iterable[TimelineEntry]:
    rows = ResidenceStatusEntry.objects.filter(person=access.person).order_by("valid_from")
    for s in rows:
        text = s.get_status_display()
        if s.legal_basis:
            text = f"{text} – {s.legal_basis}"
        detail = _("valid until %(date)s") % {"date": _d(s.valid_until)} if s.valid_until else ""
        yield TimelineEntry(s.valid_from, "status", _("Residence status"), text, detail)


def arrival_entries(access: PersonAccess) -> Iterable[TimelineEntry]:
    if access.person.arrival_date:
        yield TimelineEntry(access.person.arrival_date, "arrival", _("Arrival in Germany"), "")


def case_entries(access: PersonAccess) -> Iterable[TimelineEntry]:
    """Case openings, closures with their reason and reopenings (two queries)."""
    cases = list(
        Case.objects.filter(person=access.person)
        .select_related("organisation")
        .order_by("opened_on")
    )
    changes = list(
        CaseStatusChange.objects.filter(case__person=access.person).order_by("on", "created_at")
    )
    by_case: dict[object, list[CaseStatusChange]] = {}
    for change in changes:
        by_case.setdefault(change.case_id, []).append(change)
    for case in cases:
        yield TimelineEntry(
            case.opened_on,
            "case_opened",
            _("Case opened"),
            case.organisation.name,
            order=1,
        )
        history = by_case.get(case.pk, [])
        # A case starts open: a first "open" change only repeats the opening.
        if history and history[0].status == Case.Status.OPEN:
            history = history[1:]
        for change in history:
            if change.status == Case.Status.CLOSED:
                yield _closure(change.on, change.get_reason_display())
            else:
                yield TimelineEntry(change.on, "case_reopened", _("Case reopened"), "", order=2)
        closed_recorded = any(c.status == Case.Status.CLOSED for c in history)
        if case.status == Case.Status.CLOSED and case.closed_on and not closed_recorded:
            # Closed before status changes were kept (imported or demo data).
            yield _closure(case.closed_on, case.get_closure_reason_display())


def _closure(on: dt.date, reason: str) -> TimelineEntry:
    return TimelineEntry(
        on, "case_closed", _("Case closed"), reason or _("no reason given"), order=3
    )
