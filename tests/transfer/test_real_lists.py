"""A list typed the way case managers type it goes in in one round: every valid row at once,
every bad row listed with all its errors and a suggestion; the rest corrected afterwards in
the browser, and every person in the database exactly once (#19 acceptance)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Any
from unittest import mock

from django.test import Client
from django_scopes import scopes_disabled

from teilhabe.people.intake.duplicates import search_key
from teilhabe.people.models import Person
from teilhabe.transfer import persons as person_rows
from teilhabe.transfer.models import ImportJob
from tests import factories as f
from tests.conftest import World
from tests.people.intake.helpers import birth_for_age
from tests.transfer import files
from tests.transfer.helpers import commit, job_url, last_job, map_and_check, upload

Status = ImportJob.Status
HEADER = ["Vorname", "Name", "geb.", "Geschlecht", "Nationalität", "Wohnort", "Status",
          "Rechtsgrundlage", "gültig bis"]  # fmt: skip
PLACES = ["Köln", "Koeln", "KÖLN", "Köln, Stadt", "05315000", " köln "]
COUNTRIES = ["Syrien", "Syria", "SY", "Arabische Republik Syrien", "Afghanistan", "Irak",
             "Eritrea", "afghanisch"]  # fmt: skip
STATUSES = ["Duldung", "§ 60a", "geduldet", "Gestattung", "Aufenthaltsgestattung"]


def _typed_date(born: dt.date, n: int) -> Any:
    """The four ways a date comes in: 31.01.2004, 31.1.04, 2004-01-31 and a date cell."""
    return [
        born.strftime("%d.%m.%Y"),
        f"{born.day}.{born.month}.{born:%y}",
        born.isoformat(),
        born,
    ][n % 4]


def office_rows(world: World) -> tuple[list[list[Any]], dict[int, set[str]]]:
    """50 rows as an office keeps them, and the (list row -> fields) that must fail."""
    rows = []
    for n in range(50):
        born = birth_for_age(19 + n % 8) - dt.timedelta(days=n)
        rows.append(
            [
                f"Rana{n}",
                f"Haddad{n}",
                _typed_date(born, n),
                ["w", "m", "männlich", "weiblich"][n % 4],
                COUNTRIES[n % len(COUNTRIES)],
                PLACES[n % len(PLACES)],
                STATUSES[n % len(STATUSES)],
                "",
                dt.date.today() + dt.timedelta(days=200),
            ]
        )
    # Two persons the organisation has already (same name, same date of birth).
    for n in (7, 8):
        with scopes_disabled():
            f.PersonFactory(
                owner=world.a.tm_office,
                given_name=f"Rana{n}",
                family_name=f"Haddad{n}",
                search_key=search_key(f"Rana{n}", f"Haddad{n}"),
                date_of_birth=_as_date(rows[n][2]),
            )
    rows[3][2] = "31.02.2004"  # a date that does not exist …
    rows[3][6] = "Dudlung"  # … and a misspelt status in the same row
    rows[11][5] = "Kölm"  # a typo in the place
    rows[12][4] = "Syrein"  # a typo in the country
    rows[20][2] = birth_for_age(30).strftime("%d.%m.%Y")  # outside 18–27
    bad = {
        5: {"date_of_birth", "residence_status"},
        9: {"family_name"},
        10: {"family_name"},
        13: {"residence"},
        14: {"nationality"},
        22: {"date_of_birth"},
    }
    return rows, bad


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    for fmt in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"):
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(value, fmt).date()
    raise AssertionError(value)


def imported(world: World) -> list[tuple[str, str, dt.date]]:
    with scopes_disabled():
        return list(
            Person.objects.filter(given_name__startswith="Rana").values_list(
                "given_name", "family_name", "date_of_birth"
            )
        )


def test_an_office_list_goes_in_in_one_round_and_the_rest_after_a_correction(
    world: World, login: Any
) -> None:
    client: Client = login("cm_a")
    rows, bad = office_rows(world)
    upload(client, world, files.xlsx(HEADER, rows))
    job = last_job()
    # "Name", "geb." and "Nationalität" are recognised without the user assigning them.
    assert {"family_name", "date_of_birth", "nationality", "residence"} <= set(job.mapping)

    job = map_and_check(client, world, job)
    assert job.status == Status.INVALID
    found: dict[int, set[str]] = {}
    for error in job.errors:
        found.setdefault(error["row"], set()).add(error["field"])
    assert found == bad  # every bad row, with all its errors, and no good row
    messages = {(e["row"], e["field"]): e["message"] for e in job.errors}
    assert "Der Februar 2004 hat 29 Tage" in messages[(5, "date_of_birth")]
    assert "Meinten Sie „Duldung (§ 60a AufenthG)“?" in messages[(5, "residence_status")]
    assert "Meinten Sie „Köln, Stadt“?" in messages[(13, "residence")]
    assert "Meinten Sie „Syrien“?" in messages[(14, "nationality")]
    assert "30 Jahre alt" in messages[(22, "date_of_birth")]
    assert {e["value"] for e in job.errors if e["row"] == 13} == {"Kölm"}

    # One click: the 44 valid rows go in, the 6 others wait.
    page = client.get(job_url(world, job)).content.decode()
    assert "Die 44 fehlerfreien Zeilen jetzt importieren" in page
    response = client.post(job_url(world, job, "transfer:commit"), {"nur_fehlerfreie": "1"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.COMMITTED and job.created_count == 44 and job.rest_count == 6
    assert bytes(job.content) == b""  # the file is gone; only the rest is kept
    assert len(imported(world)) == 44 + 2

    # The rest: a new import of the 6 rows, corrected in the browser.
    response = client.post(job_url(world, job, "transfer:rest_import"))
    rest = last_job()
    assert rest.pk != job.pk and response["Location"] == job_url(world, rest)
    assert rest.mapping == job.mapping  # and checked at once
    assert len(rest.failed_rows) == 6
    page = client.get(job_url(world, rest)).content.decode()
    inputs = dict(re.findall(r'name="(z\d+s\d+)" value="([^"]*)"', page))
    assert "Kölm" in inputs.values() and "Syrein" in inputs.values()
    fixes = {
        name: {
            "31.02.2004": "28.02.2004",
            "Dudlung": "Duldung",
            "Kölm": "Köln",
            "Syrein": "Syrien",
        }[value]
        for name, value in inputs.items()
        if value in ("31.02.2004", "Dudlung", "Kölm", "Syrein")
    }
    assert len(fixes) == 4
    response = client.post(job_url(world, rest, "transfer:correct"), fixes)
    assert response.status_code == 302
    rest.refresh_from_db()
    # Left: the two persons the organisation has already, and the one aged 30.
    assert rest.status == Status.INVALID and len(rest.failed_rows) == 3
    commit_response = client.post(job_url(world, rest, "transfer:commit"), {"nur_fehlerfreie": "1"})
    assert commit_response.status_code == 302
    rest.refresh_from_db()
    assert rest.status == Status.COMMITTED and rest.created_count == 3

    people = imported(world)
    assert len(people) == 44 + 3 + 2
    assert len(set(people)) == len(people)  # every person exactly once


def test_a_crash_during_the_commit_of_the_valid_rows_leaves_nothing_and_the_retry_runs_once(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    upload(client, world, files.person_xlsx(5, bad={2: {"Geburtsdatum": "31.02.2004"}}))
    job = map_and_check(client, world, last_job())
    real, calls = person_rows.import_row, {"n": 0}

    def crash_on_third(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise SystemExit("killed")
        return real(*args, **kwargs)

    with (
        mock.patch.dict("teilhabe.transfer.services.HANDLERS", {"persons": crash_on_third}),
        contextlib.suppress(SystemExit),
    ):
        client.post(job_url(world, job, "transfer:commit"), {"nur_fehlerfreie": "1"})
    job.refresh_from_db()
    assert job.status == Status.COMMITTING and imported(world) == []
    from teilhabe.transfer.services import job_commit

    job_commit(job_id=job.pk)
    job_commit(job_id=job.pk)
    job.refresh_from_db()
    assert job.created_count == 4 and job.rest_count == 1
    with scopes_disabled():
        assert Person.objects.filter(given_name__startswith="Amina").count() == 4


def test_a_list_with_errors_is_not_imported_whole_and_a_foreign_job_cannot_be_corrected(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    upload(client, world, files.person_xlsx(2, bad={1: {"Wohnort": "Atlantis"}}))
    job = map_and_check(client, world, last_job())
    assert commit(client, world, job).status == Status.INVALID  # not without the choice
    other = login("cm_b")
    response = other.post(job_url(world, job, "transfer:correct"), {"z3s5": "Köln"})
    assert response.status_code == 404


def test_a_column_the_organisation_assigned_once_is_assigned_by_itself_next_time(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    header = [*files.PERSON_HEADER[:5], "Wohnort aktuell (Stadtteil)", *files.PERSON_HEADER[6:]]
    content = files.xlsx(header, [files.person_row(1)])
    upload(client, world, content)
    job = last_job()
    assert "residence" not in job.mapping
    data = {f"col_{name}": str(index) for name, index in job.mapping.items()}
    data["col_residence"] = "5"
    assert client.post(job_url(world, job), data).status_code == 302
    upload(client, world, content)
    assert last_job().mapping["residence"] == 5
    # Another organisation's lists are not assigned by this one's choice.
    with scopes_disabled():
        from teilhabe.transfer.models import ColumnMemory

        assert set(ColumnMemory.objects.values_list("organisation", flat=True)) == {
            world.a.tm_office.pk
        }


def test_the_languages_of_a_list_are_taken_in_with_the_persons(world: World, login: Any) -> None:
    from teilhabe.people.models import PersonLanguage

    client = login("cm_a")
    header = [*files.PERSON_HEADER, "Sprachen"]
    rows = [
        [*files.person_row(1), "Arabisch Muttersprache, Deutsch B1"],
        [*files.person_row(2), "Farsi (Muttersprache); Englisch A2"],
        [*files.person_row(3), "Arabish B1"],
    ]
    upload(client, world, files.xlsx(header, rows))
    job = map_and_check(client, world, last_job())
    assert [(e["row"], e["field"]) for e in job.errors] == [(4, "languages")]
    assert "Meinten Sie „Arabisch“?" in job.errors[0]["message"]
    client.post(job_url(world, job, "transfer:commit"), {"nur_fehlerfreie": "1"})
    with scopes_disabled():
        got = sorted(
            PersonLanguage.objects.filter(person__given_name__startswith="Amina").values_list(
                "person__given_name", "language", "level"
            )
        )
    assert got == [("Amina1", "ar", "native"), ("Amina1", "de", "B1"),
                   ("Amina2", "en", "A2"), ("Amina2", "fa", "native")]  # fmt: skip
