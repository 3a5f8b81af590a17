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
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from teilhabe.transfer.fields import TARGETS, Target
from teilhabe.transfer.parsing import shown
from teilhabe.transfer.template_columns import CHOICES, COLUMNS, Column, column, yes_no_words

__all__ = ["COLUMNS", "Column", "column", "is_example", "template_workbook"]

LAST_ROW = 1001  # validations and formats reach this far: 1,000 entries
DATE_FORMAT = "DD.MM.YYYY"
INLINE_LIMIT = 255  # Excel refuses longer inline lists
EXAMPLE_FONT = Font(italic=True, color="808080")
BOLD = Font(bold=True)
# Targets whose dropdown holds the alliance's own words: its municipalities, its
# organisations (see template_workbook).
PLACE_TARGETS = frozenset({"residence", "location"})


@dataclass(frozen=True)
class Alliance:
    """The alliance's own words for the dropdowns."""

    places: Sequence[str] = ()
    providers: Sequence[str] = ()


def options_for(kind: str, target: Target, alliance: Alliance) -> list[str]:
    """The dropdown's words for a target (empty: no dropdown)."""
    if target.name in PLACE_TARGETS:
        return list(alliance.places)
    if kind == "offers" and target.name == "provider":
        return list(alliance.providers)
    about = column(kind, target.name)
    return about.options() if about.options else []


def example_value(kind: str, target: Target, today: dt.date, alliance: Alliance) -> Any:
    """The example row's cell: choice keys become their label, a yes/no its word; a
    municipality or provider the alliance's first."""
    if target.name in PLACE_TARGETS or (kind == "offers" and target.name == "provider"):
        words = options_for(kind, target, alliance)
        return words[0] if words else ""
    value = column(kind, target.name).example(today)
    if isinstance(value, bool):
        return yes_no_words()[0 if value else 1]
    for choices in CHOICES:
        if isinstance(value, choices):
            return str(value.label)
    return value


# The cells that mark a row as the template's example (two fixed, fictional values).
EXAMPLE_MARKS = {
    "persons": ("given_name", "family_name"),
    "participations": ("title", "provider"),
    "offers": ("title", "description"),
    "partners": ("name", "contact_name"),
}


def is_example(kind: str, mapping: dict[str, int], values: Sequence[Any]) -> bool:
    """Whether a row of a list is the template's example row left in: the import skips it
    rather than take in "Beispiel Muster"."""
    marks = EXAMPLE_MARKS.get(kind, ())
    if not marks or any(name not in mapping for name in marks):
        return False
    today = dt.date.today()
    return all(values[mapping[name]] == column(kind, name).example(today) for name in marks)


def template_workbook(
    kind: str,
    *,
    places: Sequence[str] = (),
    providers: Sequence[str] = (),
    today: dt.date | None = None,
) -> bytes:
    """The template for a kind of list in the active language; `places` are the alliance's
    municipality names, `providers` its organisations' names, for their dropdowns."""
    today = today or dt.date.today()
    alliance = Alliance(places=places, providers=providers)
    targets = TARGETS[kind]
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = pgettext("sheet of the import template", "List")
    explanation = workbook.create_sheet(pgettext("sheet of the import template", "Explanations"))
    lists = workbook.create_sheet(pgettext("sheet of the import template", "Choices"))
    lists.sheet_state = "hidden"
    examples = [example_value(kind, t, today, alliance) for t in targets]
    sheet.append([str(t.label) for t in targets])
    sheet.append(examples)
    sheet.freeze_panes = "A2"
    for index, (target, example) in enumerate(zip(targets, examples, strict=True), start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = BOLD
        cell = sheet[f"{letter}2"]
        cell.font = EXAMPLE_FONT
        about = column(kind, target.name)
        if about.kind == "date":
            cell.number_format = DATE_FORMAT
            sheet.column_dimensions[letter].number_format = DATE_FORMAT
        width = max(len(str(target.label)), len(shown(example)), 10) + 3
        sheet.column_dimensions[letter].width = min(width, 45)
        _validate(sheet, lists, target, about, letter, options_for(kind, target, alliance))
    _explain(explanation, kind, targets, examples, alliance)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _validate(
    sheet: Worksheet,
    lists: Worksheet,
    target: Target,
    about: Column,
    letter: str,
    options: list[str],
) -> None:
    label = str(target.label)[:32]  # Excel's limit for the titles of the messages
    kwargs: dict[str, Any] = {
        "promptTitle": label,
        "prompt": str(about.what)[:255],
        "showInputMessage": True,
        "allow_blank": True,
    }
    if about.kind == "date":
        # 1 = 01.01.1900, 73415 = 31.12.2100 (Excel's serial day numbers).
        validation = DataValidation(
            type="date", operator="between", formula1="1", formula2="73415", **kwargs
        )
        validation.error = _("Enter a date as DD.MM.YYYY, e.g. 31.01.2004.")
        validation.errorStyle = "warning"  # the import also takes dates typed as text
    elif options:
        validation = DataValidation(type="list", formula1=_list_source(lists, options), **kwargs)
        validation.error = _("Choose a value from the list.")
        validation.errorStyle = "stop" if about.strict else "warning"
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
    sheet: Worksheet,
    kind: str,
    targets: Sequence[Target],
    examples: list[Any],
    alliance: Alliance,
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
    yes, no = yes_no_words()
    for target, example in zip(targets, examples, strict=True):
        sheet.append(
            [
                str(target.label),
                yes if target.required else no,
                str(column(kind, target.name).what),
                _allowed(kind, target, alliance),
                shown(example),
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.data_type = "s"
    for letter, width in zip("ABCDE", (28, 12, 60, 45, 28), strict=True):
        sheet.column_dimensions[letter].width = width


def _allowed(kind: str, target: Target, alliance: Alliance) -> str:
    about = column(kind, target.name)
    if about.allowed is not None:
        return str(about.allowed)
    if about.kind == "date":
        return _("Date (DD.MM.YYYY)")
    if about.kind == "list":
        return "; ".join(options_for(kind, target, alliance))
    return _("Free text")
