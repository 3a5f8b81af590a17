"""One row of a person list under the rules of the intake services: person + case
(person_intake), then the residence status (status_entry_add), as the intake pages do it.

`import_row` stages the row in the job's IntakeBatch (people.intake.bulk: the same rule
functions, a constant number of queries per chunk); services.py calls `prepare` before a
chunk's rows and `flush` after them. `import_row_single` runs the single-person services
row by row (~30 queries a row); kept as the reference the batch is tested against."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.people.access import ALL_CATEGORIES, PersonAccess
from teilhabe.people.intake.bulk import Intake, IntakeBatch
from teilhabe.people.intake.duplicates import name_key
from teilhabe.people.intake.rules import check_status
from teilhabe.people.intake.services import (
    EligibilityAnswers,
    IntakeConfirmations,
    MasterData,
    person_intake,
)
from teilhabe.people.intake.status_services import StatusData, status_entry_add
from teilhabe.people.models import ResidenceStatus
from teilhabe.transfer.context import RowContext
from teilhabe.transfer.errors import CellError

# Service error keys -> the list's field they belong to.
FIELD_OF = {
    "confirm_age": "date_of_birth",
    "confirm_duplicate": "family_name",
    "status": "residence_status",
    "valid_from": "status_valid_from",
    "valid_until": "status_valid_until",
}
STATUS_FIELDS = ("legal_basis", "status_valid_from", "status_valid_until")
# The intake's own checks need these converted (a failed optional cell counts as empty).
MASTER_FIELDS = frozenset({"given_name", "family_name", "date_of_birth", "sex", "intake_date"})


def _residence(ctx: RowContext, value: str, errors: dict[str, list[str]]) -> Any:
    if not value:
        return None
    try:
        return ctx.municipality(
            value,
            _("Unknown place of residence. Enter a municipality of this alliance or its AGS."),
        )
    except CellError as exc:
        errors["residence"] = [str(exc)]
        return None


def _merge(errors: dict[str, list[str]], exc: ValidationError) -> None:
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for name, messages in by_field.items():
        errors.setdefault(name, []).extend(messages)


def _check_row(ctx: RowContext, values: dict[str, Any], number: int) -> dict[str, list[str]]:
    """The list's own checks before the services' ones; the residence goes into `values`."""
    errors: dict[str, list[str]] = {}
    values["_residence"] = _residence(ctx, values.get("residence", ""), errors)
    status = values.get("residence_status", "")
    if not status and any(values.get(name) for name in STATUS_FIELDS):
        errors["residence_status"] = [
            _("Enter the residence status the dates and the legal basis belong to.")
        ]
    if all(values.get(name) for name in ("given_name", "family_name", "date_of_birth")):
        key = (
            name_key(values["given_name"]),
            name_key(values["family_name"]),
            values["date_of_birth"],
        )
        if key in ctx.seen and not ctx.job.confirm_duplicates:
            errors["family_name"] = [
                _("The same person is already in row %(row)d of this list.")
                % {"row": ctx.seen[key]}
            ]
        ctx.seen.setdefault(key, number)
    return errors


def _checked(
    ctx: RowContext, values: dict[str, Any], number: int, failed: frozenset[str]
) -> Intake:
    """Every check of one row at once — the list's, the residence status's and the intake's
    (data and warnings in one round) — so that one pass shows all errors of the row.
    `failed`: the fields whose cells did not convert (reported already); only the checks
    the other cells allow run then. Raises ValidationError keyed by list fields."""
    errors = _check_row(ctx, values, number)
    intake_date = values.get("intake_date") or timezone.localdate()
    status = None if failed & {"residence_status", *STATUS_FIELDS} else _status(values, intake_date)
    if status is not None:
        try:
            check_status(status)
        except ValidationError as exc:
            _merge(errors, exc)
    master_known = not failed & MASTER_FIELDS
    intake = Intake(
        data=_master(values),
        intake_date=intake_date,
        status=status,
        languages=values.get("languages", ()),
    )
    if errors or failed:
        if master_known:
            try:
                ctx.batch(intake_batch).check(intake, one_round=True)
            except ValidationError as exc:
                known = errors.get("family_name")  # a duplicate within the list says it all
                _merge(errors, exc)
                if known:
                    errors.pop("confirm_duplicate", None)
        raise ValidationError(errors)  # type: ignore[arg-type]
    return intake


def check_row(ctx: RowContext, values: dict[str, Any], number: int, failed: frozenset[str]) -> None:
    """The checks of a row some of whose cells failed to convert (raises ValidationError)."""
    _checked(ctx, values, number, failed)


def _master(values: dict[str, Any]) -> MasterData:
    return MasterData(
        given_name=values.get("given_name", ""),
        family_name=values.get("family_name", ""),
        date_of_birth=values.get("date_of_birth") or dt.date.min,
        sex=values.get("sex", ""),
        nationality=values.get("nationality", ""),
        residence=values.get("_residence"),
        arrival_date=values.get("arrival_date"),
        phone=values.get("phone", ""),
        email=values.get("email", ""),
        address=values.get("address", ""),
    )


def _status(values: dict[str, Any], intake_date: dt.date) -> StatusData | None:
    status = values.get("residence_status", "")
    if not status:
        return None
    return StatusData(
        status=ResidenceStatus(status),
        valid_from=values.get("status_valid_from") or intake_date,
        legal_basis=values.get("legal_basis", ""),
        valid_until=values.get("status_valid_until"),
    )


def _confirmations(ctx: RowContext) -> IntakeConfirmations:
    return IntakeConfirmations(
        age_outside_target_group=ctx.job.confirm_age,
        possible_duplicate=ctx.job.confirm_duplicates,
    )


def intake_batch(ctx: RowContext) -> IntakeBatch:
    return IntakeBatch(
        alliance=ctx.alliance,
        organisation=ctx.organisation,
        actor=ctx.principal.user,  # type: ignore[arg-type]
        confirmations=_confirmations(ctx),
    )


def prepare(ctx: RowContext, rows: list[dict[str, Any]]) -> None:
    """Before a chunk's rows: the lookups for all of them at once."""
    ctx.batch(intake_batch).prepare(values["date_of_birth"] for values in rows)


def flush(ctx: RowContext) -> None:
    """After a chunk's rows: write what they staged."""
    ctx.batch(intake_batch).flush()


def import_row(ctx: RowContext, values: dict[str, Any], number: int) -> list[tuple[str, uuid.UUID]]:
    """Check the person of one row and stage it for `flush`, or raise ValidationError keyed
    by list fields (all errors of the row). Stages nothing for a failing row."""
    intake = _checked(ctx, values, number, frozenset())
    staged = ctx.batch(intake_batch).add(intake)
    created: list[tuple[str, uuid.UUID]] = [("people.person", staged.person.pk)]
    if staged.entry is not None:
        created.append(("people.residencestatusentry", staged.entry.pk))
    return created


def import_row_single(
    ctx: RowContext, values: dict[str, Any], number: int
) -> list[tuple[str, uuid.UUID]]:
    """Create the person of one row through person_intake and status_entry_add (writes at
    once; the caller runs it in a savepoint), or raise ValidationError keyed by list fields."""
    _checked(ctx, values, number, frozenset())  # every error of the row, as the batch
    intake_date = values.get("intake_date") or timezone.localdate()
    case = person_intake(
        alliance=ctx.alliance,
        organisation=ctx.organisation,
        actor=ctx.principal.user,
        data=_master(values),
        languages=list(values.get("languages", ())),
        answers=EligibilityAnswers(),
        intake_date=intake_date,
        confirmations=_confirmations(ctx),
    )
    created: list[tuple[str, uuid.UUID]] = [("people.person", case.person.pk)]
    status = _status(values, intake_date)
    if status is not None:
        person = case.person
        access = PersonAccess(person, ctx.principal, ctx.organisation, ALL_CATEGORIES, True)
        entry = status_entry_add(access=access, data=status)
        created.append(("people.residencestatusentry", entry.pk))
    return created
