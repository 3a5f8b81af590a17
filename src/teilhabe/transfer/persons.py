"""One row of a person list through the intake services: person + case (person_intake),
then the residence status (status_entry_add), exactly as the intake pages do it."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.people.access import ALL_CATEGORIES, PersonAccess
from teilhabe.people.intake.duplicates import name_key
from teilhabe.people.intake.services import (
    EligibilityAnswers,
    IntakeConfirmations,
    MasterData,
    person_intake,
)
from teilhabe.people.intake.status_services import StatusData, status_entry_add
from teilhabe.people.models import ResidenceStatus
from teilhabe.transfer.context import RowContext
from teilhabe.transfer.fields import fold

# Service error keys -> the list's field they belong to.
FIELD_OF = {
    "confirm_age": "date_of_birth",
    "confirm_duplicate": "family_name",
    "status": "residence_status",
    "valid_from": "status_valid_from",
    "valid_until": "status_valid_until",
}
STATUS_FIELDS = ("legal_basis", "status_valid_from", "status_valid_until")


def _residence(ctx: RowContext, value: str, errors: dict[str, list[str]]) -> Any:
    if not value:
        return None
    gemeinde = ctx.gemeinden.get(value) or ctx.gemeinden.get(fold(value))
    if gemeinde is None:
        errors["residence"] = [
            _("Unknown place of residence. Enter a municipality of this alliance or its AGS.")
        ]
    return gemeinde


def import_row(ctx: RowContext, values: dict[str, Any], number: int) -> list[tuple[str, uuid.UUID]]:
    """Create the person of one row, or raise ValidationError keyed by list fields."""
    errors: dict[str, list[str]] = {}
    residence = _residence(ctx, values.get("residence", ""), errors)
    status = values.get("residence_status", "")
    if not status and any(values.get(name) for name in STATUS_FIELDS):
        errors["residence_status"] = [
            _("Enter the residence status the dates and the legal basis belong to.")
        ]
    key = (
        name_key(values["given_name"]),
        name_key(values["family_name"]),
        values["date_of_birth"],
    )
    if key in ctx.seen and not ctx.job.confirm_duplicates:
        errors["family_name"] = [
            _("The same person is already in row %(row)d of this list.") % {"row": ctx.seen[key]}
        ]
    ctx.seen.setdefault(key, number)
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]

    intake_date = values.get("intake_date") or timezone.localdate()
    case = person_intake(
        alliance=ctx.alliance,
        organisation=ctx.organisation,
        actor=ctx.principal.user,
        data=MasterData(
            given_name=values["given_name"],
            family_name=values["family_name"],
            date_of_birth=values["date_of_birth"],
            sex=values["sex"],
            nationality=values.get("nationality", ""),
            residence=residence,
            arrival_date=values.get("arrival_date"),
            phone=values.get("phone", ""),
            email=values.get("email", ""),
            address=values.get("address", ""),
        ),
        languages=[],
        answers=EligibilityAnswers(),
        intake_date=intake_date,
        confirmations=IntakeConfirmations(
            age_outside_target_group=ctx.job.confirm_age,
            possible_duplicate=ctx.job.confirm_duplicates,
        ),
    )
    created: list[tuple[str, uuid.UUID]] = [("people.person", case.person.pk)]
    if status:
        person = case.person
        access = PersonAccess(person, ctx.principal, ctx.organisation, ALL_CATEGORIES, True)
        entry = status_entry_add(
            access=access,
            data=StatusData(
                status=ResidenceStatus(status),
                valid_from=values.get("status_valid_from") or intake_date,
                legal_basis=values.get("legal_basis", ""),
                valid_until=values.get("status_valid_until"),
            ),
        )
        created.append(("people.residencestatusentry", entry.pk))
    return created
