"""The one plausibility rule for what a person types: dates from 1900 on, text without NUL
bytes. Forms use it through `DateField` (and Django's CharField, which refuses NUL with the
same validator); services call `check_plausible`, so the API answers as the pages do."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

# Nobody served here was born, took a decision or signed anything before 1900; an earlier
# date is a typing slip (or a probe), and dates near year 1 break date arithmetic.
EARLIEST_DATE = dt.date(1900, 1, 1)

no_null_characters = ProhibitNullCharactersValidator()


def validate_plausible_date(value: dt.date) -> None:
    if value < EARLIEST_DATE:
        raise ValidationError(_("Enter a date from 1 January 1900 on."), code="implausible_date")


class DateField(forms.DateField):
    """A form's date field with the plausibility rule."""

    default_validators = [validate_plausible_date]


def check_plausible(**values: dt.date | str | None) -> None:
    """Raise one ValidationError naming every field whose value breaks the rule: a date
    before 1900, a text with a NUL byte. None (an empty optional field) passes."""
    errors: dict[str, list[ValidationError]] = {}
    for name, value in values.items():
        validate = no_null_characters if isinstance(value, str) else validate_plausible_date
        if value is None:
            continue
        try:
            validate(value)  # type: ignore[arg-type]
        except ValidationError as exc:
            errors[name] = [exc]
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
