"""Dates as offices type them: 31.01.2004, 31.1.04, 2004-01-31, 31/01/2004, and Excel's day
numbers (a date cell formatted as a number, e.g. 38018). A date in a known form that does
not exist ("31.02.2004") is told apart from a text that is no date at all."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.transfer.errors import CellError

_GERMAN = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# Excel's day numbers of 1.1.1900 to 31.12.2099 (day 1 = 1.1.1900; 1900 counted as leap year).
_EXCEL_DAYS = (1, 73415)
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _century(two_digits: int) -> int:
    """A two-digit year in the past century up to this year: 04 -> 2004, 98 -> 1998."""
    this_year = timezone.localdate().year
    year = this_year // 100 * 100 + two_digits
    return year if year <= this_year else year - 100


def _build(year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise CellError(
            _("This date does not exist: there is no month %(month)d.") % {"month": month}
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise CellError(
            _("This date does not exist: %(month)s %(year)d has %(days)d days.")
            % {"month": _month_name(month), "year": year, "days": days}
        )
    return dt.date(year, month, day)


def _month_name(month: int) -> str:
    from django.utils.dates import MONTHS

    return str(MONTHS[month])


def parse(value: str | int | float) -> dt.date:
    """The date a cell holds; CellError naming what is wrong otherwise."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _EXCEL_DAYS[0] <= value <= _EXCEL_DAYS[1] and float(value).is_integer():
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError(_("Enter a date as DD.MM.YYYY, e.g. 31.01.2004."))
    text = str(value).strip()
    if text.isdigit() and len(text) == 5:
        return parse(int(text))
    if match := _GERMAN.match(text):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year = _century(year)
        return _build(year, month, day)
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
        return _build(year, month, day)
    if match := _SLASH.match(text):
        day, month, year = (int(part) for part in match.groups())
        return _build(year, month, day)
    raise CellError(_("Enter a date as DD.MM.YYYY, e.g. 31.01.2004."))
