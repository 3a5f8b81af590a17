"""The interpreter need and legal-domain history in a person's API answer, each under the
consent category the person page shows it in (master data; education)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from teilhabe.people.access import MASTER_DATA, PersonAccess
from teilhabe.people.models import InterpreterNeed, LegalDomainPeriod

EDUCATION = "education"


class InterpreterNeedOut(Schema):
    language: str
    needed: bool
    note: str


class LegalDomainPeriodOut(Schema):
    domain: str
    started_on: dt.date
    ended_on: dt.date | None
    office: str
    note: str


def domain_facts(access: PersonAccess) -> dict[str, Any]:
    """Two queries at most; an empty list where the category is not shared."""
    needs: list[dict[str, Any]] = []
    periods: list[dict[str, Any]] = []
    if access.can(MASTER_DATA):
        needs = [
            dict(row)
            for row in InterpreterNeed.objects.filter(person=access.person)
            .order_by("-needed", "language")
            .values("language", "needed", "note")
        ]
    if access.can(EDUCATION):
        periods = [
            dict(row)
            for row in LegalDomainPeriod.objects.filter(person=access.person)
            .order_by("-started_on", "-created_at")
            .values("domain", "started_on", "ended_on", "office", "note")
        ]
    return {"interpreter_needs": needs, "legal_domain_periods": periods}
