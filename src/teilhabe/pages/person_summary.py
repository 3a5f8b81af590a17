"""The summary card at the top of the person page: what a case manager needs before a call.

Each line comes from the same reads as the section it summarises, and only when that
section is visible to the principal (`visible` holds the keys of the visible sections), so
a partner's card shows exactly what its consent covers — one rule, the sections'.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F
from django.utils import timezone

from teilhabe.casework.models import Referral, Step
from teilhabe.casework.sharing.sections import person_consents
from teilhabe.casework.sharing.selectors import ACTIVE, consent_status, referrals_for_access
from teilhabe.casework.work.reminders import next_dates
from teilhabe.casework.work.sections import open_case
from teilhabe.casework.work.selectors import PENDING, own_contacts
from teilhabe.people.access import PersonAccess
from teilhabe.people.intake.sections import status_section
from teilhabe.trajectories.selectors import open_findings_count


@dataclass
class Summary:
    shows: set[str] = field(default_factory=set)  # the lines the principal may see
    status: Any = None
    status_days_left: int | None = None
    status_expired: bool = False
    status_expires_soon: bool = False
    open_case: Any = None
    next_step: Step | None = None
    overdue_step: bool = False
    open_findings: int = 0
    pending_referrals: list[Referral] = field(default_factory=list)
    active_consents: list[Any] = field(default_factory=list)
    last_contact: dt.date | None = None
    next_date: dt.date | None = None


def person_summary(access: PersonAccess, visible: set[str]) -> Summary:
    today = timezone.localdate()
    summary = Summary(shows=set(visible))
    if "status" in visible:
        status = status_section(access)
        summary.status = status["current_status"]
        summary.status_days_left = status["status_days_left"]
        summary.status_expired = status["status_expired"]
        summary.status_expires_soon = status["status_expires_soon"]
    if "cases" in visible:
        summary.open_case = open_case(access)
    if "plan" in visible:
        summary.next_step = (
            Step.objects.filter(goal__case__person=access.person, status__in=PENDING)
            .select_related("responsible")
            .order_by(F("due_on").asc(nulls_last=True), "created_at")
            .first()
        )
        step = summary.next_step
        summary.overdue_step = bool(step and step.due_on and step.due_on < today)
    if "participations" in visible and access.is_owner:  # findings: the owner's assessment
        summary.open_findings = open_findings_count([access.person.pk]).get(access.person.pk, 0)
    if "referrals" in visible:
        summary.pending_referrals = [
            r for r in referrals_for_access(access) if r.status == Referral.Status.SENT
        ]
    if "consents" in visible:
        summary.active_consents = [
            c for c in person_consents(access) if consent_status(c, today) == ACTIVE
        ]
    if "reminders" in visible:
        summary.next_date = next_dates([access.person.pk]).get(access.person.pk)
    if "contacts" in visible:
        last = own_contacts(access).prefetch_related(None).values_list("on", flat=True).first()
        summary.last_contact = last
    return summary
