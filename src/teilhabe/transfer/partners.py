"""One row of a partner list: a partner organisation of the alliance with its profile,
written through alliances.services.partner_create as the partner form does it (the
coordinator's right, the unique name, audit). A name already in the alliance, or twice in
the list, is an error naming the row."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from teilhabe.alliances.models import LegalDomain
from teilhabe.alliances.services import partner_create
from teilhabe.core.models import Organisation
from teilhabe.transfer.context import RowContext
from teilhabe.transfer.errors import every_error
from teilhabe.transfer.matching import fold

# Service error keys -> the list's field they belong to.
FIELD_OF = {"__all__": "name"}
# The profile's fields a list fills, and their empty value (see errors.every_error).
EMPTY: dict[str, Any] = {
    "legal_domain": LegalDomain.NONE,
    "joined_on": None,
    "contact_name": "",
    "contact_function": "",
    "contact_email": "",
    "contact_phone": "",
}


def _data(
    ctx: RowContext, values: dict[str, Any], number: int, failed: frozenset[str]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    data = {name: values.get(name) or empty for name, empty in EMPTY.items()}
    for name in failed & set(data):
        data[name] = EMPTY[name]
    data["name"] = values.get("name", "")
    # A name the service refuses is replaced by one that cannot clash, so that the row's
    # other errors are found too (see errors.every_error; nothing is kept then).
    data["_stand_in"] = uuid.uuid4().hex
    # A wrong type still lets the other rules be checked (nothing is kept then).
    data["kind"] = values.get("kind") or Organisation.Kind.OTHER
    if data["name"] and "name" not in failed:
        first = ctx.seen.setdefault(fold(data["name"]), number)
        if first != number:
            errors["name"] = [
                _("The same organisation is already in row %(row)d of this list.") % {"row": first}
            ]
    return data, errors


def _create(
    ctx: RowContext, data: dict[str, Any], errors: dict[str, list[str]], keep: bool = True
) -> Organisation | None:
    stand_in = data.pop("_stand_in")

    def create(values: dict[str, Any]) -> Organisation:
        return partner_create(principal=ctx.principal, **values)

    return every_error(create, data, {**EMPTY, "name": stand_in}, errors, keep=keep)


def check_row(ctx: RowContext, values: dict[str, Any], number: int, failed: frozenset[str]) -> None:
    """The checks of a row some of whose cells failed to convert (raises ValidationError)."""
    data, errors = _data(ctx, values, number, failed)
    _create(ctx, data, errors, keep=False)
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]


def import_row(ctx: RowContext, values: dict[str, Any], number: int) -> list[tuple[str, uuid.UUID]]:
    """Create the partner of one row (the caller runs it in a savepoint), or raise
    ValidationError keyed by list fields with every error of the row."""
    data, errors = _data(ctx, values, number, frozenset())
    organisation = _create(ctx, data, errors)
    if errors or organisation is None:
        raise ValidationError(errors)  # type: ignore[arg-type]
    return [("core.organisation", organisation.pk)]
