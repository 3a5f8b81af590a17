"""Workshops, problem reports and the core group's priorities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.alliances.models import (
    FieldOfAction,
    Priority,
    ProblemReport,
    Workshop,
)
from teilhabe.alliances.services.common import (
    audit_write,
    require_coordinator,
    same_alliance,
    save_clean,
)
from teilhabe.alliances.uploads import checked
from teilhabe.core.models import Alliance, AuditEvent, Organisation
from teilhabe.core.roles import Principal


def _check_field(field: FieldOfAction | None, alliance: Alliance, *, name: str) -> None:
    # A field of action is a global default or one of this alliance's own.
    if field is not None and field.alliance_id not in (None, alliance.pk):
        raise ValidationError({name: _("Select an entry of this alliance.")})


def _workshop_values(
    workshop: Workshop,
    *,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str,
    organiser: str,
    organiser_name: str,
    professionals_count: int,
    volunteers_count: int,
    minutes: UploadedFile | None,
) -> None:
    workshop.kind = kind
    workshop.title = title.strip()
    workshop.held_on = held_on
    workshop.place = place.strip()
    workshop.organiser = organiser
    workshop.organiser_name = organiser_name.strip()
    workshop.professionals_count = professionals_count
    workshop.volunteers_count = volunteers_count
    if minutes is not None:
        workshop.minutes, workshop.minutes_content_type = checked(minutes, field="minutes")


@transaction.atomic
def workshop_create(
    *,
    principal: Principal,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str,
    organiser: str,
    organiser_name: str = "",
    professionals_count: int = 0,
    volunteers_count: int = 0,
    minutes: UploadedFile | None = None,
) -> Workshop:
    alliance = require_coordinator(principal)
    workshop = Workshop(alliance=alliance)
    _workshop_values(
        workshop,
        kind=kind,
        title=title,
        held_on=held_on,
        place=place,
        organiser=organiser,
        organiser_name=organiser_name,
        professionals_count=professionals_count,
        volunteers_count=volunteers_count,
        minutes=minutes,
    )
    save_clean(workshop)
    audit_write(principal, AuditEvent.Action.CREATE, workshop)
    return workshop


@transaction.atomic
def workshop_update(
    *,
    principal: Principal,
    workshop: Workshop,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str,
    organiser: str,
    organiser_name: str = "",
    professionals_count: int = 0,
    volunteers_count: int = 0,
    minutes: UploadedFile | None = None,
) -> Workshop:
    """Change a workshop; a new minutes file replaces the old one (which stays on disk
    until a retention run, so a failed transaction never loses the file)."""
    alliance = require_coordinator(principal)
    same_alliance(workshop, alliance, field="title")
    _workshop_values(
        workshop,
        kind=kind,
        title=title,
        held_on=held_on,
        place=place,
        organiser=organiser,
        organiser_name=organiser_name,
        professionals_count=professionals_count,
        volunteers_count=volunteers_count,
        minutes=minutes,
    )
    save_clean(workshop)
    audit_write(principal, AuditEvent.Action.UPDATE, workshop)
    return workshop


@transaction.atomic
def problem_report_create(
    *,
    principal: Principal,
    workshop: Workshop,
    field: FieldOfAction,
    description: str,
    reported_by_kind: str,
) -> ProblemReport:
    alliance = require_coordinator(principal)
    same_alliance(workshop, alliance, field="workshop")
    _check_field(field, alliance, name="field")
    problem = save_clean(
        ProblemReport(
            alliance=alliance,
            workshop=workshop,
            field=field,
            description=description.strip(),
            reported_by_kind=reported_by_kind,
        )
    )
    audit_write(principal, AuditEvent.Action.CREATE, problem)
    return problem


def _priority_values(
    priority: Priority,
    alliance: Alliance,
    *,
    title: str,
    actions: str,
    responsible: Organisation,
    field: FieldOfAction | None,
    due_on: dt.date | None,
    status: str,
    problems: Sequence[ProblemReport],
) -> None:
    same_alliance(responsible, alliance, field="responsible")
    _check_field(field, alliance, name="field")
    for problem in problems:
        same_alliance(problem, alliance, field="problems")
    priority.title = title.strip()
    priority.actions = actions.strip()
    priority.responsible = responsible
    priority.field = field
    priority.due_on = due_on
    priority.status = status


@transaction.atomic
def priority_create(
    *,
    principal: Principal,
    title: str,
    actions: str,
    responsible: Organisation,
    field: FieldOfAction | None = None,
    due_on: dt.date | None = None,
    status: str = "planned",
    problems: Sequence[ProblemReport] = (),
) -> Priority:
    alliance = require_coordinator(principal)
    priority = Priority(alliance=alliance)
    _priority_values(
        priority,
        alliance,
        title=title,
        actions=actions,
        responsible=responsible,
        field=field,
        due_on=due_on,
        status=status,
        problems=problems,
    )
    save_clean(priority)
    priority.problems.set(problems)
    audit_write(principal, AuditEvent.Action.CREATE, priority)
    return priority


@transaction.atomic
def priority_update(
    *,
    principal: Principal,
    priority: Priority,
    title: str,
    actions: str,
    responsible: Organisation,
    field: FieldOfAction | None = None,
    due_on: dt.date | None = None,
    status: str = "planned",
    problems: Sequence[ProblemReport] = (),
) -> Priority:
    alliance = require_coordinator(principal)
    same_alliance(priority, alliance, field="title")
    _priority_values(
        priority,
        alliance,
        title=title,
        actions=actions,
        responsible=responsible,
        field=field,
        due_on=due_on,
        status=status,
        problems=problems,
    )
    save_clean(priority)
    priority.problems.set(problems)
    audit_write(principal, AuditEvent.Action.UPDATE, priority)
    return priority
