"""The one plausibility rule (core.plausible): dates from 1900 on, text without NUL bytes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from teilhabe.core.plausible import DateField, check_plausible

MESSAGE = "Bitte geben Sie ein Datum ab dem 01.01.1900 ein."


def test_dates_from_1900_on_and_empty_optional_values_pass() -> None:
    check_plausible(on=dt.date(1900, 1, 1), until=None, note="ganz normal")


def test_an_early_date_and_a_nul_byte_are_refused_by_field_in_german() -> None:
    with pytest.raises(ValidationError) as caught:
        check_plausible(born=dt.date(1850, 1, 1), note="a\x00b", start=dt.date(2020, 1, 1))
    assert caught.value.message_dict == {
        "born": [MESSAGE],
        "note": ["Nullzeichen sind nicht erlaubt."],
    }


def test_the_form_field_refuses_the_same_dates_with_the_same_message() -> None:
    with pytest.raises(ValidationError) as caught:
        DateField().clean("0001-01-01")
    assert caught.value.messages == [MESSAGE]
    assert DateField().clean("1900-01-01") == dt.date(1900, 1, 1)
