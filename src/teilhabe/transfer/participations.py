"""One row of a participation list.

The person is found by the person ID of a Teilhabe export or, without one, by given name,
family name and date of birth among the persons the acting case manager owns in the job's
organisation. The measure is linked to the alliance's offer of the same title when there is
exactly one; otherwise it is recorded as an external measure with the row's category.

The row is written through trajectories.services.participation_record, as the person page
does it (rights, category, dates, audit, careers refresh).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from teilhabe.people.access import ALL_CATEGORIES, PersonAccess
from teilhabe.trajectories.models import Outcome
from teilhabe.trajectories.services import participation_record
from teilhabe.transfer.context import RowContext
from teilhabe.transfer.converters import with_suggestion
from teilhabe.transfer.matching import fold

FIELD_OF = {
    "person": "person_id",
    "offer": "title",
    "external_title": "title",
    "external_provider": "provider",
    "__all__": "title",
}


def _person_id(ctx: RowContext, values: dict[str, Any]) -> uuid.UUID:
    if values.get("person_id"):
        found = ctx.owned_persons.get(values["person_id"], [])
        field = "person_id"
    else:
        given, family, born = (
            values.get(n) for n in ("given_name", "family_name", "date_of_birth")
        )
        if not (given and family and born):
            raise ValidationError(
                {
                    "person_id": _(
                        "Enter the person ID, or the given name, family name and date of birth."
                    )
                }
            )
        found = ctx.owned_persons.get((fold(given), fold(family), born), [])
        field = "family_name"
    if not found:
        raise ValidationError(
            {field: _("No person of your organisation matches (ID or name and date of birth).")}
        )
    if len(found) > 1:
        raise ValidationError(
            {field: _("Several persons match. Use the person ID from the person list export.")}
        )
    return found[0]


def _category(ctx: RowContext, value: str) -> str:
    if not value:
        raise ValidationError({"category": _("Enter the category of an external measure.")})
    key = ctx.categories.find(value)
    if key is None:
        message = _("Unknown category. Use a category of the offer catalogue.")
        raise ValidationError({"category": with_suggestion(message, ctx.categories.suggest(value))})
    return key


def import_row(ctx: RowContext, values: dict[str, Any], number: int) -> list[tuple[str, uuid.UUID]]:
    person = ctx.person(_person_id(ctx, values))
    offer = ctx.offers.get(fold(values["title"]))
    end = values.get("end")
    participation = participation_record(
        access=PersonAccess(person, ctx.principal, ctx.organisation, ALL_CATEGORIES, True),
        actor=ctx.principal.user,
        offer=offer,
        external_title="" if offer else values["title"],
        external_provider="" if offer else values.get("provider", ""),
        category=offer.category if offer else _category(ctx, values.get("category", "")),
        start=values["start"],
        end=end,
        outcome=values.get("outcome") or (Outcome.COMPLETED if end else Outcome.ONGOING),
        level_reached=values.get("level_reached", ""),
        certificate=bool(values.get("certificate")),
        certificate_title=values.get("certificate_title", ""),
        transition=values.get("transition", ""),
    )
    return [("trajectories.participation", participation.pk)]
