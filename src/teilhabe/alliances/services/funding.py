"""Funding writes: the state's budget and allocations, the alliances' expenditure reports."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scope

from teilhabe.alliances.models import (
    ExpenditureReport,
    FundingAllocation,
    FundingBudget,
    Programme,
)
from teilhabe.alliances.services.common import (
    audit_write,
    require_coordinator,
    require_state_coordinator,
    save_clean,
)
from teilhabe.alliances.uploads import checked
from teilhabe.core.audit import audit_record
from teilhabe.core.models import Alliance, AuditEvent
from teilhabe.core.roles import Principal


def _check_year(programme: Programme, year: int) -> None:
    if not programme.planning_from.year <= year <= programme.ends_on.year:
        raise ValidationError(
            {
                "year": _("The year lies outside the initiative (%(start)s–%(end)s).")
                % {"start": programme.planning_from.year, "end": programme.ends_on.year}
            }
        )


@transaction.atomic
def funding_budget_set(
    *, actor: User, programme: Programme, year: int, amount: Decimal, note: str = ""
) -> FundingBudget:
    """Set the state's Teilhabemanagement budget for a year (creates or replaces it)."""
    require_state_coordinator(actor)
    _check_year(programme, year)
    budget = FundingBudget.objects.filter(programme=programme, year=year).first()
    action = AuditEvent.Action.UPDATE if budget else AuditEvent.Action.CREATE
    budget = budget or FundingBudget(programme=programme, year=year)
    budget.amount, budget.note = amount, note.strip()
    save_clean(budget)
    audit_record(action=action, actor=actor, obj=budget)
    return budget


@transaction.atomic
def funding_allocation_set(
    *,
    actor: User,
    programme: Programme,
    alliance: Alliance,
    year: int,
    amount: Decimal,
    posts_fte: Decimal,
) -> FundingAllocation:
    """Allocate funds to an alliance for a year (creates or replaces the allocation)."""
    require_state_coordinator(actor)
    _check_year(programme, year)
    with scope(alliance=alliance):
        allocation = FundingAllocation.objects.filter(alliance=alliance, year=year).first()
        action = AuditEvent.Action.UPDATE if allocation else AuditEvent.Action.CREATE
        allocation = allocation or FundingAllocation(alliance=alliance, year=year)
        allocation.amount, allocation.posts_fte = amount, posts_fte
        save_clean(allocation)
    audit_record(action=action, actor=actor, alliance=alliance, obj=allocation)
    return allocation


@transaction.atomic
def expenditure_report_create(
    *,
    principal: Principal,
    year: int,
    amount: Decimal,
    note: str = "",
    document: UploadedFile | None = None,
) -> ExpenditureReport:
    alliance = require_coordinator(principal)
    report = ExpenditureReport(alliance=alliance, year=year, amount=amount, note=note.strip())
    if document is not None:
        report.document, report.document_content_type = checked(document, field="document")
    save_clean(report)
    audit_write(principal, AuditEvent.Action.CREATE, report)
    return report


def funding_export_record(*, actor: User) -> None:
    """The Excel export of the funding overview is audited as an export."""
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=actor,
        object_type="alliances.funding_overview",
        purpose="funding overview (xlsx)",
    )


def document_download_record(*, actor: User, obj: object, alliance: Alliance | None = None) -> None:
    """Opening a stored document (letter, minutes, evidence) is logged like a read."""
    audit_record(action=AuditEvent.Action.VIEW, actor=actor, alliance=alliance, obj=obj)
