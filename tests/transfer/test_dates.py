"""Dates as offices type them (transfer/dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from teilhabe.transfer.dates import parse
from teilhabe.transfer.errors import CellError


@pytest.mark.parametrize(
    "typed",
    [
        "31.01.2004",
        "31.1.2004",
        "31.1.04",
        "2004-01-31",
        "31/01/2004",
        "31. 1. 2004",
        38017,
        "38017",
    ],
)
def test_every_usual_form_of_a_date_is_read(typed: object) -> None:
    assert parse(typed) == dt.date(2004, 1, 31)  # type: ignore[arg-type]


def test_a_two_digit_year_is_never_in_the_future() -> None:
    this_year = dt.date.today().year % 100
    assert parse(f"01.01.{this_year + 1:02d}").year == dt.date.today().year + 1 - 100
    assert parse("01.01.99") == dt.date(1999, 1, 1)


def test_a_date_in_the_right_form_that_does_not_exist_says_so() -> None:
    with translation.override("de"), pytest.raises(CellError) as error:
        parse("31.02.2004")
    assert str(error.value) == "Dieses Datum gibt es nicht: Der Februar 2004 hat 29 Tage."
    with translation.override("de"), pytest.raises(CellError) as error:
        parse("12.13.2004")
    assert "Monat 13" in str(error.value)


@pytest.mark.parametrize("typed", ["Januar 2004", "31.01", "2004", "31-01-2004x", 3.5])
def test_a_text_that_is_no_date_asks_for_the_form(typed: object) -> None:
    with translation.override("de"), pytest.raises(CellError) as error:
        parse(typed)  # type: ignore[arg-type]
    assert "TT.MM.JJJJ" in str(error.value)
