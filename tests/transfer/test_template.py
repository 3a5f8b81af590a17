"""The Excel import template: dropdowns of words the importer accepts, on the right columns,
an explanation row per column, German throughout, intact after LibreOffice opens it, and a
filled template that imports without an error."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scope
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from teilhabe.core.roles import Principal
from teilhabe.offers.models import Category
from teilhabe.people.models import ResidenceStatus, Sex
from teilhabe.trajectories.models import Outcome, Transition
from teilhabe.transfer import services
from teilhabe.transfer.fields import TARGETS, CellError, convert_cell, targets_for
from teilhabe.transfer.models import ImportJob
from teilhabe.transfer.template import INLINE_LIMIT, LAST_ROW, column, template_workbook
from teilhabe.transfer.template_columns import CHOICES, COLUMNS, KIND_COLUMNS
from tests.conftest import World
from tests.people.intake.helpers import birth_for_age

KINDS = tuple(TARGETS)
PLACES = ["Köln, Stadt", "Rheine, Stadt"]
PROVIDERS = ["Bildungswerk Muster", "VHS Köln"]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# On CI (`make test` installs libreoffice-calc-nogui) a missing soffice fails the test.
needs_soffice = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice (soffice) is not installed"
)
TODAY = dt.date.today()


def german(kind: str) -> Workbook:
    with translation.override("de"):
        content = template_workbook(kind, places=PLACES, providers=PROVIDERS)
        return load_workbook(io.BytesIO(content))


def column_of(validation: DataValidation) -> str:
    first = str(validation.sqref).split()[0].split(":")[0]
    return re.sub(r"\d", "", first)


def target_names(sheet: Any, kind: str) -> dict[str, str]:
    """Column letter -> the target name of its German title."""
    with translation.override("de"):
        names = {str(t.label): t.name for t in TARGETS[kind]}
    return {cell.column_letter: names[cell.value] for cell in sheet[1]}


def kind_of(workbook: Workbook) -> str:
    """The kind of list whose German titles the first sheet holds."""
    with translation.override("de"):
        titles = [c.value for c in workbook.worksheets[0][1]]
        return next(k for k in KINDS if titles == [str(t.label) for t in TARGETS[k]])


def validations(workbook: Workbook) -> dict[str, DataValidation]:
    """The first sheet's validations by the target name of their column."""
    sheet = workbook.worksheets[0]
    by_letter = target_names(sheet, kind_of(workbook))
    return {by_letter[column_of(v)]: v for v in sheet.data_validations.dataValidation}


def options(workbook: Workbook, validation: DataValidation) -> list[str]:
    """The words a list validation offers, inline or from a range on another sheet."""
    source = str(validation.formula1)
    if source.startswith('"'):
        return source.strip('"').split(",")
    sheet, ref = source.rsplit("!", 1)
    cells = workbook[sheet.strip("'")][ref.replace("$", "")]
    return [str(row[0].value) for row in cells]


def lists(workbook: Workbook) -> dict[str, list[str]]:
    return {
        name: options(workbook, v) for name, v in validations(workbook).items() if v.type == "list"
    }


@pytest.mark.parametrize("kind", KINDS)
def test_coded_columns_have_dropdowns_and_date_columns_a_date_check(kind: str) -> None:
    workbook = german(kind)
    found = validations(workbook)
    names = {t.name for t in TARGETS[kind]}
    coded = {name for name in names if column(kind, name).kind == "list"}
    dates = {name for name in names if column(kind, name).kind == "date"}
    assert {n for n, v in found.items() if v.type == "list"} == coded & names
    assert {n for n, v in found.items() if v.type == "date"} == dates & names
    assert set(found) == names  # the others carry an input message only
    for validation in found.values():
        letter = column_of(validation)
        assert str(validation.sqref) == f"{letter}2:{letter}{LAST_ROW}"
        assert validation.showInputMessage and validation.prompt
    sheet = workbook.worksheets[0]
    for letter, name in target_names(sheet, kind).items():
        if found[name].type == "date":
            assert sheet.column_dimensions[letter].number_format == "DD.MM.YYYY"
            assert sheet[f"{letter}2"].number_format == "DD.MM.YYYY"


def test_the_dropdowns_hold_the_german_labels_of_every_choice() -> None:
    persons, participations = lists(german("persons")), lists(german("participations"))
    with translation.override("de"):
        assert persons["sex"] == [str(label) for _k, label in Sex.choices]
        assert persons["residence_status"] == [str(label) for _k, label in ResidenceStatus.choices]
        assert participations["outcome"] == [str(label) for _k, label in Outcome.choices]
        assert participations["transition"] == [str(label) for _k, label in Transition.choices]
        assert participations["category"] == [str(label) for _k, label in Category.choices]
    assert persons["residence"] == PLACES
    assert participations["level_reached"] == ["A1", "A2", "B1", "B2", "C1", "C2"]
    assert participations["certificate"] == ["ja", "nein"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_dropdown_word_is_accepted_by_the_importers_converter(kind: str) -> None:
    targets = targets_for(kind)
    for name, words in lists(german(kind)).items():
        if name in ("residence", "location", "category", "provider"):
            continue  # checked against the alliance's data by the row handler: see below
        converted = []
        for word in words:
            try:
                converted.append(convert_cell(targets[name], word))
            except CellError as exc:
                pytest.fail(f"{name}: {word!r} is refused: {exc}")
        assert len(set(converted)) == len(words)  # each word a different value


@pytest.mark.parametrize("kind", KINDS)
def test_a_list_longer_than_excel_takes_inline_comes_from_the_hidden_sheet(kind: str) -> None:
    workbook = german(kind)
    helper = [ws for ws in workbook.worksheets if ws.sheet_state == "hidden"]
    assert len(helper) == 1 and workbook.worksheets[0].sheet_state == "visible"
    for name, validation in validations(workbook).items():
        if validation.type != "list":
            continue
        words = options(workbook, validation)
        inline = str(validation.formula1).startswith('"')
        fits = len(",".join(words)) <= INLINE_LIMIT and not any("," in w for w in words)
        assert inline == fits, name
        if not inline:
            assert str(validation.formula1).startswith(f"'{helper[0].title}'!")
    assert not str(validations(german("persons"))["residence_status"].formula1).startswith('"')


@pytest.mark.parametrize("kind", KINDS)
def test_the_header_is_bold_and_frozen_and_the_example_row_grey_italic(kind: str) -> None:
    sheet = german(kind).worksheets[0]
    with translation.override("de"):
        assert [c.value for c in sheet[1]] == [str(t.label) for t in TARGETS[kind]]
    assert sheet.freeze_panes == "A2" and all(c.font.b for c in sheet[1])
    assert all(c.font.i and c.font.color.rgb.endswith("808080") for c in sheet[2])
    assert sheet.max_row == 2
    assert sheet["A2"].value or sheet["B2"].value  # an example is there


@pytest.mark.parametrize("kind", KINDS)
def test_the_explanation_sheet_has_a_row_per_column(kind: str) -> None:
    workbook = german(kind)
    assert workbook.sheetnames[:2] == ["Liste", "Erläuterungen"]
    rows = list(workbook["Erläuterungen"].iter_rows(values_only=True))
    header = rows.index(
        ("Spalte", "Pflichtfeld", "Was gehört hinein", "Erlaubte Werte oder Format", "Beispiel")
    )
    explained = {row[0]: row for row in rows[header + 1 :]}
    with translation.override("de"):
        assert list(explained) == [str(t.label) for t in TARGETS[kind]]
        for target in TARGETS[kind]:
            _label, required, what, allowed, _example = explained[str(target.label)]
            assert required == ("ja" if target.required else "nein")
            assert what == str(column(kind, target.name).what) and allowed
    assert any("Zeile 2" in str(row[0]) and "Beispiel" in str(row[0]) for row in rows[:header])


def english_words() -> set[str]:
    """Every label and explanation the template shows, in English, where German differs."""
    lazies: list[Any] = [t.label for kind in KINDS for t in TARGETS[kind]]
    for choices in CHOICES:
        lazies += [label for _k, label in choices.choices]
    columns = [*COLUMNS.values(), *(c for cs in KIND_COLUMNS.values() for c in cs.values())]
    lazies += [c.what for c in columns] + [c.allowed for c in columns]
    words = set()
    for lazy in filter(None, lazies):
        with translation.override("en"):
            english = str(lazy)
        with translation.override("de"):
            if str(lazy) != english:
                words.add(english)
    return words | {"yes", "no", "List", "Explanations", "Choices", "Example", "Column"}


@pytest.mark.parametrize("kind", KINDS)
def test_no_english_word_is_left_in_the_german_template(kind: str) -> None:
    workbook = german(kind)
    texts = list(workbook.sheetnames)
    for sheet in workbook.worksheets:
        texts += [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v]
    for v in workbook.worksheets[0].data_validations.dataValidation:
        texts += [str(t) for t in (v.prompt, v.promptTitle, v.error, v.errorTitle) if t]
    words = english_words()
    assert len(words) > 40
    found = {w for w in words for t in texts if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", t)}
    assert not found


def test_every_target_of_every_kind_is_explained() -> None:
    assert {t.name for kind in ("persons", "participations") for t in TARGETS[kind]} <= set(COLUMNS)
    # An offer's "title" or "provider" is not a participation's: each has its own entries.
    for kind in ("offers", "partners"):
        assert {t.name for t in TARGETS[kind]} == set(KIND_COLUMNS[kind])


@needs_soffice
@pytest.mark.parametrize("kind", KINDS)
def test_the_template_opens_in_libreoffice_with_its_dropdowns_intact(
    kind: str, tmp_path: Path
) -> None:
    source = tmp_path / f"{kind}.xlsx"
    with translation.override("de"):
        source.write_bytes(template_workbook(kind, places=PLACES, providers=PROVIDERS))
    out = tmp_path / "out"
    started = time.monotonic()
    # Its own profile: LibreOffice refuses a second instance on a shared one.
    result = subprocess.run(
        [
            SOFFICE or "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    seconds = time.monotonic() - started
    converted = out / f"{kind}.xlsx"
    assert result.returncode == 0 and converted.exists(), result.stderr
    before = load_workbook(source)
    after = load_workbook(converted)
    print(
        f"LibreOffice {kind}: {seconds:.1f} s, "
        f"{len(before.worksheets[0].data_validations.dataValidation)} validations before, "
        f"{len(after.worksheets[0].data_validations.dataValidation)} after"
    )
    assert after.sheetnames == before.sheetnames
    assert after.worksheets[2].sheet_state == "hidden"
    old, new = validations(before), validations(after)
    assert set(new) == set(old)
    for name, validation in old.items():
        assert new[name].type == validation.type, name
        assert str(new[name].sqref) == str(validation.sqref), name
        assert new[name].prompt == validation.prompt, name
    assert lists(after) == lists(before)


def filled(kind: str, values: dict[str, Any]) -> bytes:
    """The German template with row 2 (the example) overwritten by `values`."""
    workbook = german(kind)
    sheet = workbook.worksheets[0]
    for index, target in enumerate(TARGETS[kind], start=1):
        sheet.cell(2, index, values.get(target.name))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def checked(world: World, kind: str, content: bytes) -> ImportJob:
    """Upload, the guessed mapping, the check: as the pages do it."""
    with scope(alliance=world.a.alliance):
        principal = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
        job = services.job_create(
            principal=principal,
            organisation=world.a.tm_office,
            kind=kind,
            filename="vorlage.xlsx",
            content=content,
        )
        assert set(job.mapping) == {t.name for t in TARGETS[kind]}  # every column recognised
        services.job_map(job=job, mapping=job.mapping, confirm_age=False, confirm_duplicates=False)
    return services.job_validate(job_id=job.pk)


@pytest.mark.django_db
def test_a_filled_person_template_imports_without_an_error(world: World) -> None:
    values = {
        "given_name": "Leyla",
        "family_name": "Haddad",
        "date_of_birth": birth_for_age(22),
        "sex": "divers",
        "nationality": "Afghanistan",
        "residence": PLACES[0],  # from the dropdown: the alliance's municipality
        "arrival_date": TODAY - dt.timedelta(days=400),
        "phone": "0221 1234567",
        "email": "leyla@example.org",
        "address": "Domstraße 5, 50668 Köln",
        "intake_date": TODAY - dt.timedelta(days=3),
        "residence_status": "Aufenthaltsgestattung (Asylverfahren)",
        "status_valid_from": TODAY - dt.timedelta(days=30),
        "status_valid_until": TODAY + dt.timedelta(days=150),
    }
    job = checked(world, "persons", filled("persons", values))
    assert (job.status, job.total, job.errors) == (ImportJob.Status.VALID, 1, [])


@pytest.mark.django_db
def test_the_example_row_left_in_is_skipped_and_the_rows_below_it_are_checked(
    world: World,
) -> None:
    """The example teaches a right row; left in, it is not imported as "Beispiel Muster"."""
    with translation.override("de"):
        workbook = german("persons")
    sheet = workbook.worksheets[0]
    example = [cell.value for cell in sheet[2]]
    sheet.append([*example[:1], "Echt", *example[2:]])  # the same row with another name
    out = io.BytesIO()
    workbook.save(out)
    job = checked(world, "persons", out.getvalue())
    assert (job.status, job.total, job.errors) == (ImportJob.Status.VALID, 1, [])


@pytest.mark.django_db
def test_a_filled_participation_template_imports_without_an_error(world: World) -> None:
    person = world.a.person
    with translation.override("de"):
        category = str(Category.INTEGRATION_COURSE.label)
    values = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth": person.date_of_birth,
        "title": "Integrationskurs Musterstadt",
        "provider": "Volkshochschule Muster",
        "category": category,
        "start": TODAY - dt.timedelta(days=120),
        "end": TODAY - dt.timedelta(days=10),
        "outcome": "abgeschlossen",
        "level_reached": "A2",
        "certificate": "ja",
        "certificate_title": "Zertifikat Integrationskurs",
        "transition": "Schule",
    }
    job = checked(world, "participations", filled("participations", values))
    assert (job.status, job.total, job.errors) == (ImportJob.Status.VALID, 1, [])


@pytest.mark.django_db
def test_the_template_download_offers_the_alliances_municipalities(
    world: World, login: Any
) -> None:
    url = reverse("transfer:template", args=[world.a.alliance.slug])
    response = login("cm_a").get(url, {"kind": "persons", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="importvorlage-personen.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:2] == ["Liste", "Erläuterungen"]
    assert lists(workbook)["residence"] == ["Köln, Stadt"]
    assert login("coord_a").get(url, {"kind": "persons"}).status_code == 404
