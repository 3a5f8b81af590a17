"""The Excel template of the list import: the sheet to fill in and a sheet explaining it.

Sheet 1 ("Liste") is what the import reads (parsing.py reads the first sheet only): the
column titles are the target labels in the active language, so `guess_mapping` assigns every
column at once. Row 2 holds a made-up example (grey, italic) that passes the import's checks;
the explanation sheet says to overwrite or delete it, and the check's preview shows it. Coded
columns get a dropdown of words the importer's converters accept (tests/transfer prove it);
a list longer than Excel's 255 characters for an inline list, or with a comma in a word, is
referenced from a hidden sheet instead. Dates get their display format and a date check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from teilhabe.offers.models import Category
from teilhabe.people.models import ResidenceStatus, Sex
from teilhabe.trajectories.models import LEVELS, Outcome, Transition
from teilhabe.transfer.fields import TARGETS, Target

LAST_ROW = 1001  # validations and formats reach this far: 1,000 entries
DATE_FORMAT = "DD.MM.YYYY"
INLINE_LIMIT = 255  # Excel refuses longer inline lists
EXAMPLE_FONT = Font(italic=True, color="808080")
BOLD = Font(bold=True)
Kind = Literal["text", "date", "list"]


def _labels(choices: Any) -> list[str]:
    return [str(label) for _key, label in choices.choices]


def _yes_no() -> list[str]:
    return [_("yes"), _("no")]


@dataclass(frozen=True)
class Column:
    """What the template says about one target field, keyed by the target's name."""

    what: Any  # a lazy translation: what to enter
    example: Callable[[dt.date], Any]  # today -> the example row's value
    kind: Kind = "text"
    options: Callable[[], list[str]] | None = None  # the dropdown's words
    strict: bool = True  # refuse other values (False: warn only; the import accepts more)
    allowed: Any = None  # what the explanation sheet says instead of the list of options


def _years_ago(years: int, month: int, day: int) -> Callable[[dt.date], dt.date]:
    return lambda today: dt.date(today.year - years, month, day)


def _days(offset: int) -> Callable[[dt.date], dt.date]:
    return lambda today: today + dt.timedelta(days=offset)


def _fixed(value: Any) -> Callable[[dt.date], Any]:
    return lambda _today: value


COLUMNS: dict[str, Column] = {
    "person_id": Column(
        gettext_lazy(
            "The person ID from a Teilhabe person export. Without it, the person is found "
            "by given name, family name and date of birth."
        ),
        _fixed(""),
        allowed=gettext_lazy("ID from the person export"),
    ),
    "given_name": Column(gettext_lazy("As in the identity document."), _fixed("Beispiel")),
    "family_name": Column(gettext_lazy("As in the identity document."), _fixed("Muster")),
    "date_of_birth": Column(
        gettext_lazy("The date of birth as in the identity document."),
        _years_ago(20, 1, 31),
        "date",
    ),
    "sex": Column(
        gettext_lazy("Choose from the list."), _fixed(Sex.FEMALE), "list", lambda: _labels(Sex)
    ),
    "nationality": Column(
        gettext_lazy("The German name of the country or its ISO code (SY for Syria)."),
        _fixed("Syrien"),
        allowed=gettext_lazy("Country name in German or ISO code"),
    ),
    "residence": Column(
        gettext_lazy(
            "The municipality of your alliance where the person lives: choose from the list "
            "or enter its official municipality key (AGS)."
        ),
        _fixed(""),  # the alliance's first municipality, see template_workbook
        "list",
        strict=False,
        allowed=gettext_lazy("A municipality of your alliance or its AGS"),
    ),
    "arrival_date": Column(
        gettext_lazy("The day of arrival in Germany, if known."), _years_ago(2, 3, 15), "date"
    ),
    "phone": Column(
        gettext_lazy("A phone number at which the person can be reached."),
        _fixed("0221 0000000"),
    ),
    "email": Column(
        gettext_lazy("An e-mail address of the person."),
        _fixed("beispiel.muster@example.org"),
        allowed=gettext_lazy("E-mail address"),
    ),
    "address": Column(
        gettext_lazy("Street, house number, postcode and town."),
        _fixed("Musterstraße 1, 50667 Köln"),
    ),
    "intake_date": Column(
        gettext_lazy("The day the person was taken into case management. Empty: today."),
        _days(0),
        "date",
    ),
    "residence_status": Column(
        gettext_lazy("The current residence status: choose from the list."),
        _fixed(ResidenceStatus.TOLERATION),
        "list",
        lambda: _labels(ResidenceStatus),
    ),
    "legal_basis": Column(
        gettext_lazy("The legal basis of the status. Needed for a residence permit."),
        _fixed("§ 60a Abs. 2 AufenthG"),
    ),
    "status_valid_from": Column(
        gettext_lazy("The day the status applies from. Empty: the intake date."),
        _days(-90),
        "date",
    ),
    "status_valid_until": Column(
        gettext_lazy("The day the status ends, as on the document."), _days(270), "date"
    ),
    "title": Column(
        gettext_lazy(
            "The name of the measure. An offer of your alliance with exactly this title is linked."
        ),
        _fixed("Sprachkurs B1 (Beispiel)"),
    ),
    "provider": Column(
        gettext_lazy("The provider of a measure outside the offer catalogue."),
        _fixed("Bildungswerk Muster"),
    ),
    "category": Column(
        gettext_lazy(
            "The category of a measure outside the offer catalogue: choose from the list or "
            "enter a category of your alliance."
        ),
        _fixed(Category.LANGUAGE_COURSE),
        "list",
        lambda: _labels(Category),
        strict=False,
    ),
    "start": Column(gettext_lazy("The first day of the participation."), _days(-200), "date"),
    "end": Column(
        gettext_lazy("The last day. Empty while the measure is ongoing."), _days(-20), "date"
    ),
    "outcome": Column(
        gettext_lazy("Choose from the list. Empty: completed with an end, otherwise ongoing."),
        _fixed(Outcome.COMPLETED),
        "list",
        lambda: _labels(Outcome),
    ),
    "level_reached": Column(
        gettext_lazy("The language level reached (CEFR), for language courses."),
        _fixed("B1"),
        "list",
        lambda: list(LEVELS),
    ),
    "certificate": Column(
        gettext_lazy("Was a certificate obtained? Choose yes or no."),
        _fixed(True),
        "list",
        _yes_no,
    ),
    "certificate_title": Column(
        gettext_lazy("The name of the certificate."), _fixed("Deutsch-Test für Zuwanderer B1")
    ),
    "transition": Column(
        gettext_lazy("Where the person went afterwards: choose from the list."),
        _fixed(Transition.VOCATIONAL_TRAINING),
        "list",
        lambda: _labels(Transition),
    ),
}


def options_for(target: Target, places: Sequence[str] = ()) -> list[str]:
    """The dropdown's words for a target (empty: no dropdown)."""
    if target.name == "residence":
        return list(places)
    column = COLUMNS[target.name]
    return column.options() if column.options else []


def example_value(target: Target, today: dt.date, places: Sequence[str] = ()) -> Any:
    """The example row's cell: choice keys become their label, a yes/no its word."""
    if target.name == "residence":
        return places[0] if places else ""
    value = COLUMNS[target.name].example(today)
    if isinstance(value, bool):
        return _yes_no()[0 if value else 1]
    for choices in (Sex, ResidenceStatus, Outcome, Transition, Category):
        if isinstance(value, choices):
            return str(value.label)
    return value


# The cells that mark a row as the template's example (two fixed, fictional values).
EXAMPLE_MARKS = {"persons": ("given_name", "family_name"), "participations": ("title", "provider")}


def is_example(kind: str, mapping: dict[str, int], values: Sequence[Any]) -> bool:
    """Whether a row of a list is the template's example row left in: the import skips it
    rather than take in "Beispiel Muster"."""
    marks = EXAMPLE_MARKS.get(kind, ())
    if not marks or any(name not in mapping for name in marks):
        return False
    today = dt.date.today()
    return all(values[mapping[name]] == COLUMNS[name].example(today) for name in marks)


def template_workbook(
    kind: str, *, places: Sequence[str] = (), today: dt.date | None = None
) -> bytes:
    """The template for `kind` ("persons" or "participations") in the active language;
    `places` are the alliance's municipality names for the residence dropdown."""
    today = today or dt.date.today()
    targets = TARGETS[kind]
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = pgettext("sheet of the import template", "List")
    explanation = workbook.create_sheet(pgettext("sheet of the import template", "Explanations"))
    lists = workbook.create_sheet(pgettext("sheet of the import template", "Choices"))
    lists.sheet_state = "hidden"
    examples = [example_value(t, today, places) for t in targets]
    sheet.append([str(t.label) for t in targets])
    sheet.append(examples)
    sheet.freeze_panes = "A2"
    for index, (target, example) in enumerate(zip(targets, examples, strict=True), start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = BOLD
        cell = sheet[f"{letter}2"]
        cell.font = EXAMPLE_FONT
        if COLUMNS[target.name].kind == "date":
            cell.number_format = DATE_FORMAT
            sheet.column_dimensions[letter].number_format = DATE_FORMAT
        width = max(len(str(target.label)), len(_shown(example)), 10) + 3
        sheet.column_dimensions[letter].width = min(width, 45)
        _validate(sheet, lists, target, letter, options_for(target, places))
    _explain(explanation, targets, examples, places)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _shown(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if isinstance(value, dt.date) else str(value)


def _validate(
    sheet: Worksheet, lists: Worksheet, target: Target, letter: str, options: list[str]
) -> None:
    column = COLUMNS[target.name]
    label = str(target.label)[:32]  # Excel's limit for the titles of the messages
    kwargs: dict[str, Any] = {
        "promptTitle": label,
        "prompt": str(column.what)[:255],
        "showInputMessage": True,
        "allow_blank": True,
    }
    if column.kind == "date":
        # 1 = 01.01.1900, 73415 = 31.12.2100 (Excel's serial day numbers).
        validation = DataValidation(
            type="date", operator="between", formula1="1", formula2="73415", **kwargs
        )
        validation.error = _("Enter a date as DD.MM.YYYY, e.g. 31.01.2004.")
        validation.errorStyle = "warning"  # the import also takes dates typed as text
    elif options:
        validation = DataValidation(type="list", formula1=_list_source(lists, options), **kwargs)
        validation.error = _("Choose a value from the list.")
        validation.errorStyle = "stop" if column.strict else "warning"
    else:
        validation = DataValidation(**kwargs)  # no check: the input message only
    validation.errorTitle = label
    validation.showErrorMessage = validation.type is not None
    validation.add(f"{letter}2:{letter}{LAST_ROW}")
    sheet.add_data_validation(validation)


def _list_source(lists: Worksheet, options: list[str]) -> str:
    """An inline list where Excel allows one, else a range on the hidden sheet."""
    inline = ",".join(options)
    if len(inline) <= INLINE_LIMIT and not any("," in o or '"' in o for o in options):
        return f'"{inline}"'
    used = lists.max_column if lists.cell(1, 1).value is not None else 0
    letter = get_column_letter(used + 1)
    for row, option in enumerate(options, start=1):
        lists[f"{letter}{row}"] = option
        lists[f"{letter}{row}"].data_type = "s"  # text, even if it looks like a number
    return f"{quote_sheetname(lists.title)}!${letter}$1:${letter}${len(options)}"


def _explain(
    sheet: Worksheet, targets: Sequence[Target], examples: list[Any], places: Sequence[str]
) -> None:
    list_title = pgettext("sheet of the import template", "List")
    notes = [
        _("How to fill in the list"),
        _(
            "Enter one entry per row in the sheet “%(sheet)s”. Do not change the column "
            "titles in row 1."
        )
        % {"sheet": list_title},
        _(
            "Row 2 is a made-up example (grey, italic). Overwrite it with your first entry "
            "or delete it before the import: otherwise it is imported as well."
        ),
        _("Columns with a list: click into the cell and choose a value with the arrow."),
        _("Required columns must be filled in in every row; all others may stay empty."),
    ]
    for note in notes:
        sheet.append([note])
    sheet["A1"].font = BOLD
    sheet.append([])
    sheet.append(
        [
            _("Column"),
            _("Required"),
            _("What to enter"),
            _("Allowed values or format"),
            _("Example"),
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    yes, no = _yes_no()
    for target, example in zip(targets, examples, strict=True):
        sheet.append(
            [
                str(target.label),
                yes if target.required else no,
                str(COLUMNS[target.name].what),
                _allowed(target, places),
                _shown(example),
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.data_type = "s"
    for letter, width in zip("ABCDE", (28, 12, 60, 45, 28), strict=True):
        sheet.column_dimensions[letter].width = width


def _allowed(target: Target, places: Sequence[str]) -> str:
    column = COLUMNS[target.name]
    if column.allowed is not None:
        return str(column.allowed)
    if column.kind == "date":
        return _("Date (DD.MM.YYYY)")
    if column.kind == "list":
        return "; ".join(options_for(target, places))
    return _("Free text")
