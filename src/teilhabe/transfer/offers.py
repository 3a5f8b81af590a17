"""One row of an offer list: an offer of the alliance's catalogue, written through
offers.services.offer_create as the catalogue's form does it (rights, rules, audit).

The provider is an organisation of the alliance, named as on its page; the acting
coordinator must be allowed to maintain its offers. One provider has one offer of a title:
an offer already in the catalogue, or twice in the list, is an error naming the row.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from teilhabe.core.models import Organisation
from teilhabe.offers.models import Category
from teilhabe.offers.services import offer_create
from teilhabe.transfer.context import RowContext
from teilhabe.transfer.converters import with_suggestion
from teilhabe.transfer.errors import CellError, every_error
from teilhabe.transfer.matching import fold

# Service error keys -> the list's field they belong to.
FIELD_OF = {"gemeinde": "location", "__all__": "provider"}
# The offer's fields a list fills, and their empty value (see errors.every_error).
EMPTY: dict[str, Any] = {
    "description": "",
    "target_level": "",
    "places": None,
    "free_places": None,
    "schedule": "",
    "starts_on": None,
    "ends_on": None,
    "gemeinde": None,
    "venue": "",
    "costs": "",
    "funding_source": "",
    "contact": "",
    "min_age": None,
    "max_age": None,
}
# Stand-ins while a row's own provider or category is wrong: the service's other rules
# are still checked, so that one pass names every error of the row (nothing is kept).
STAND_IN_CATEGORY = Category.COUNSELLING


def _provider(ctx: RowContext, value: str, errors: dict[str, list[str]]) -> Organisation | None:
    vocabulary, by_pk = ctx.organisations
    key = vocabulary.find(value)
    if key is None:
        message = _("Unknown provider. Enter the name of an organisation of this alliance.")
        errors["provider"] = [with_suggestion(message, vocabulary.suggest(value))]
        return None
    if key not in ctx.offer_providers:
        errors["provider"] = [_("You may not maintain the offers of this provider.")]
        return None
    return by_pk[key]


def _category(ctx: RowContext, value: str, errors: dict[str, list[str]]) -> str | None:
    key = ctx.categories.find(value)
    if key is None:
        message = _("Unknown category. Use a category of the offer catalogue.")
        errors["category"] = [with_suggestion(message, ctx.categories.suggest(value))]
    return key


def _duplicate(ctx: RowContext, provider: Organisation, title: str, number: int) -> str | None:
    key = (provider.pk, fold(title))
    first = ctx.seen.setdefault(key, number)
    if key in ctx.offer_keys:
        return _("This provider has an offer with this title already.")
    if first != number:
        return _("The same offer is already in row %(row)d of this list.") % {"row": first}
    return None


def _check(
    ctx: RowContext, values: dict[str, Any], number: int, failed: frozenset[str]
) -> tuple[Organisation | None, dict[str, Any], dict[str, list[str]]]:
    """The list's own checks: provider, category, location, duplicates. Returns the
    provider, the offer's data (a failed cell empty) and the errors by field."""
    errors: dict[str, list[str]] = {}
    data = {name: values.get(name, empty) for name, empty in EMPTY.items() if name != "gemeinde"}
    for name in failed & set(data):
        data[name] = EMPTY[name]
    provider = None
    if values.get("provider") and "provider" not in failed:
        provider = _provider(ctx, values["provider"], errors)
    category = None
    if values.get("category") and "category" not in failed:
        category = _category(ctx, values["category"], errors)
    data["category"] = category or STAND_IN_CATEGORY
    data["title"] = values.get("title", "")
    data["gemeinde"] = None
    if values.get("location") and "location" not in failed:
        try:
            data["gemeinde"] = ctx.municipality(
                values["location"],
                _("Unknown location. Enter a municipality of this alliance or its AGS."),
            )
        except CellError as exc:
            errors["location"] = [str(exc)]
    if provider is not None and data["title"] and "title" not in failed:
        duplicate = _duplicate(ctx, provider, data["title"], number)
        if duplicate:
            errors["title"] = [duplicate]
    return provider, data, errors


def _create(
    ctx: RowContext,
    provider: Organisation | None,
    data: dict[str, Any],
    errors: dict[str, list[str]],
    keep: bool = True,
) -> Any:
    """The offer through its service, every error of the row noted in `errors`."""

    def create(values: dict[str, Any]) -> Any:
        return offer_create(
            principal=ctx.principal, provider=provider or ctx.organisation, data=values
        )

    return every_error(create, data, EMPTY, errors, keep=keep)


def check_row(ctx: RowContext, values: dict[str, Any], number: int, failed: frozenset[str]) -> None:
    """The checks of a row some of whose cells failed to convert (raises ValidationError;
    services.py leaves out what the failed cells cause)."""
    provider, data, errors = _check(ctx, values, number, failed)
    _create(ctx, provider, data, errors, keep=False)
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]


def import_row(ctx: RowContext, values: dict[str, Any], number: int) -> list[tuple[str, uuid.UUID]]:
    """Create the offer of one row (the caller runs it in a savepoint), or raise
    ValidationError keyed by list fields with every error of the row."""
    provider, data, errors = _check(ctx, values, number, frozenset())
    offer = _create(ctx, provider, data, errors)
    if errors or offer is None:
        raise ValidationError(errors)  # type: ignore[arg-type]
    return [("offers.offer", offer.pk)]
