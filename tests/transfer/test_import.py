"""Importing person lists: mapping, preview, row checks through the intake services,
German errors per row and field, the all-or-nothing commit, the error report, exactly once."""

from __future__ import annotations

import contextlib
import io
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from teilhabe.core.models import AuditEvent
from teilhabe.people.models import Person, ResidenceStatusEntry
from teilhabe.transfer import persons as person_rows
from teilhabe.transfer.models import ImportedRecord, ImportJob
from teilhabe.transfer.services import job_commit, job_run
from tests.conftest import World
from tests.transfer import files
from tests.transfer.helpers import commit, job_url, last_job, map_and_check, upload

pytestmark = pytest.mark.django_db
Status = ImportJob.Status


def person_count(world: World) -> int:
    with scopes_disabled():
        return Person.objects.filter(owner=world.a.tm_office).count()


def test_upload_guesses_the_columns_and_shows_a_preview(world: World, login: Any) -> None:
    client = login("cm_a")
    response = upload(client, world, files.person_xlsx(3))
    job = last_job()
    assert response.status_code == 302 and response["Location"] == job_url(world, job)
    assert job.mapping["given_name"] == 0 and job.mapping["status_valid_until"] == 7
    page = client.get(job_url(world, job)).content.decode()
    assert "Spalten zuordnen" in page and "Vorschau" in page
    assert "Amina1" in page and "Yusuf2" in page


def test_a_correct_list_is_checked_without_storing_then_imported(world: World, login: Any) -> None:
    client = login("cm_a")
    before = person_count(world)
    upload(client, world, files.person_xlsx(3))
    job = map_and_check(client, world, last_job())
    assert job.status == Status.VALID and job.total == 3 and job.errors == []
    assert person_count(world) == before  # the check leaves nothing behind
    page = client.get(job_url(world, job)).content.decode()
    assert "3 Zeilen importieren" in page

    job = commit(client, world, job)
    assert job.status == Status.COMMITTED and job.created_count == 3
    assert bytes(job.content) == b""  # the file is not kept after the import
    with scopes_disabled():
        imported = Person.objects.filter(given_name__startswith="Amina")
        assert imported.count() == 3
        assert {p.owner_id for p in imported} == {world.a.tm_office.pk}
        assert {p.assigned_to_id for p in imported} == {world.users["cm_a"].pk}
        assert ResidenceStatusEntry.objects.filter(person__in=imported).count() == 3
        assert ImportedRecord.objects.filter(job=job).count() == 3
    event = AuditEvent.objects.get(action="import")
    assert event.object_id == job.pk and event.purpose == "persons: 3 rows"
    # Whoever started the import is told it has finished, with a link back to it.
    from teilhabe.notifications.models import Notification

    [done] = Notification.objects.filter(user=world.users["cm_a"], kind="import_finished")
    assert done.subject_id == job.pk and done.url == job_url(world, job)


def test_bad_rows_get_german_messages_naming_row_and_field_and_nothing_is_stored(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    content = files.person_xlsx(
        5, bad={1: {"Geburtsdatum": "32.13.2001"}, 3: {"Geschlecht": "unbekannt?"}}
    )
    upload(client, world, content)
    job = map_and_check(client, world, last_job())
    assert job.status == Status.INVALID
    assert [(e["row"], e["field"]) for e in job.errors] == [(3, "date_of_birth"), (5, "sex")]
    assert job.errors[0]["message"] == "Dieses Datum gibt es nicht: Einen Monat 13 gibt es nicht."
    assert job.errors[0]["value"] == "32.13.2001"  # the value found, next to the message
    assert job.errors[1]["message"].startswith("Unbekannter Wert. Erlaubt sind: weiblich")
    assert job.errors[0]["column"] == "Geburtsdatum"
    assert person_count(world) == 1  # only the fixture's person
    page = client.get(job_url(world, job)).content.decode()
    assert "2 von 5 Zeilen haben Fehler. Noch ist nichts importiert." in page
    # No commit of a list with errors.
    assert commit(client, world, job).status == Status.INVALID


def test_error_report_repeats_the_rows_with_errors_with_an_error_column_and_is_audited(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    upload(client, world, files.person_xlsx(2, bad={0: {"Staatsangehörigkeit": "Atlantis"}}))
    job = map_and_check(client, world, last_job())
    response = client.get(job_url(world, job, "transfer:errors") + "?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (*files.PERSON_HEADER, "Fehler")
    assert len(rows) == 2  # only the row with errors, as it is in the file
    assert rows[1][:2] == ("Amina0", "Yusuf0") and rows[1][4] == "Atlantis"
    assert rows[1][-1].startswith("Staatsangehörigkeit: Unbekanntes Land")
    text = client.get(job_url(world, job, "transfer:errors") + "?format=csv").getvalue()
    assert "Unbekanntes Land" in text.decode("utf-8-sig")
    exports = AuditEvent.objects.filter(action="export", object_type="import error report")
    assert exports.count() == 2


def test_formula_cells_are_refused_not_evaluated(world: World, login: Any) -> None:
    client = login("cm_a")
    content = files.person_xlsx(2, bad={1: {"Vorname": '=HYPERLINK("http://x","y")'}})
    upload(client, world, content)
    job = map_and_check(client, world, last_job())
    assert [(e["row"], e["field"]) for e in job.errors] == [(3, "given_name")]
    assert "Formel" in job.errors[0]["message"]


def test_csv_in_windows_encoding_with_commas_is_read(world: World, login: Any) -> None:
    client = login("cm_a")
    text = files.csv_text(files.PERSON_HEADER, [files.person_row(1, Vorname="Jürgen")], ",")
    upload(client, world, text.encode("cp1252"), name="liste.csv")
    job = map_and_check(client, world, last_job())
    assert job.status == Status.VALID, job.errors
    commit(client, world, job)
    with scopes_disabled():
        assert Person.objects.filter(given_name="Jürgen").exists()


def test_duplicates_in_the_file_and_age_outside_the_target_group_need_the_options(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    twin = {"Vorname": "Amina0", "Nachname": "Yusuf0", "Geburtsdatum": files.birth_for_age(20)}
    old = {"Geburtsdatum": files.birth_for_age(40)}
    upload(client, world, files.person_xlsx(3, bad={1: twin, 2: old}))
    job = map_and_check(client, world, last_job())
    messages = {(e["row"], e["field"]): e["message"] for e in job.errors}
    assert "Zeile 2 dieser Liste" in messages[(3, "family_name")]
    assert "außerhalb der Zielgruppe" in messages[(4, "date_of_birth")]
    job = map_and_check(client, world, job, confirm_age=True, confirm_duplicates=True)
    assert job.status == Status.VALID, job.errors


def test_missing_required_column_is_named(world: World, login: Any) -> None:
    client = login("cm_a")
    upload(client, world, files.person_xlsx(1))
    job = last_job()
    data = {f"col_{n}": str(i) for n, i in job.mapping.items() if n != "sex"}
    page = client.post(job_url(world, job), data).content.decode()
    assert "Bitte wählen Sie die Spalte für „Geschlecht“." in page
    job.refresh_from_db()
    assert job.status == Status.UPLOADED


def test_commit_is_all_or_nothing_when_the_data_changed_after_the_check(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    upload(client, world, files.person_xlsx(3))
    job = map_and_check(client, world, last_job())
    with scopes_disabled():  # someone takes row 4's person in meanwhile
        person = Person.objects.get(pk=world.a.person.pk)
    person_values = files.person_row(2)
    with scopes_disabled():
        Person.objects.filter(pk=person.pk).update(
            given_name=person_values[0],
            family_name=person_values[1],
            date_of_birth=person_values[2],
            search_key=f" {person_rows.name_key(person_values[0])} "
            f"{person_rows.name_key(person_values[1])} ",
        )
    job = commit(client, world, job)
    assert job.status == Status.INVALID
    assert [(e["row"], e["field"]) for e in job.errors] == [(4, "family_name")]
    assert person_count(world) == 1
    with scopes_disabled():
        assert not ImportedRecord.objects.exists()
    assert not AuditEvent.objects.filter(action="import").exists()


def test_a_crash_during_the_commit_leaves_nothing_and_the_retry_imports_exactly_once(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    upload(client, world, files.person_xlsx(4))
    job = map_and_check(client, world, last_job())
    real = person_rows.import_row
    calls = {"n": 0}

    def crash_on_third(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise SystemExit("killed")  # like a dying worker: not a row error
        return real(*args, **kwargs)

    handlers = {"persons": crash_on_third}
    # The task backend records the dead task; the request itself goes on.
    with (
        mock.patch.dict("teilhabe.transfer.services.HANDLERS", handlers),
        contextlib.suppress(SystemExit),
    ):
        commit(client, world, job)
    assert calls["n"] == 3
    job.refresh_from_db()
    assert job.status == Status.COMMITTING and person_count(world) == 1

    call_command("import_run", str(job.pk))
    call_command("import_run", str(job.pk))  # a second retry changes nothing
    job_run(job_id=job.pk)
    job_commit(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Status.COMMITTED and job.created_count == 4
    assert person_count(world) == 1 + 4
    assert AuditEvent.objects.filter(action="import").count() == 1


def test_import_run_reports_an_unknown_job_with_exit_status_2() -> None:
    with pytest.raises(SystemExit) as exited:
        call_command("import_run", "00000000-0000-0000-0000-000000000000")
    assert exited.value.code == 2


def test_another_case_manager_cannot_open_the_job(world: World, login: Any) -> None:
    upload(login("cm_a"), world, files.person_xlsx(1))
    job = last_job()
    for persona in ("cm_a_jmd", "coord_a", "partner_a", "cm_b"):
        assert login(persona).get(job_url(world, job)).status_code == 404, persona


def test_progress_fragment_polls_while_running_and_refreshes_when_done(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    upload(client, world, files.person_xlsx(2))
    job = last_job()
    with scopes_disabled():
        ImportJob.objects.filter(pk=job.pk).update(status=Status.VALIDATING, total=10, done=4)
    url = job_url(world, job, "transfer:progress")
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    assert "4 von 10 Zeilen geprüft" in fragment.content.decode()
    assert "HX-Refresh" not in fragment
    with scopes_disabled():
        ImportJob.objects.filter(pk=job.pk).update(status=Status.VALID)
    assert client.get(url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"


def test_imports_appear_in_the_navigation_of_case_managers_and_coordinators_only(
    world: World, login: Any
) -> None:
    url = f"/b/{world.a.alliance.slug}/daten/"
    home = f"/b/{world.a.alliance.slug}/"
    for persona, shown in (("cm_a", True), ("coord_a", True), ("partner_a", False)):
        page = login(persona).get(home, follow=True).content.decode()
        assert (f'href="{url}"' in page) is shown, persona


def test_a_hostile_upload_is_refused_on_the_page_with_its_message(world: World, login: Any) -> None:
    client = login("cm_a")
    response = upload(client, world, files.xlsm_renamed())
    assert response.status_code == 200
    assert "Die Datei enthält Makros" in response.content.decode()
    with scopes_disabled():
        assert not ImportJob.objects.exists()


def test_an_oversize_body_is_refused_before_it_is_read(
    world: World, login: Any, settings: Any
) -> None:
    settings.TEILHABE = {**settings.TEILHABE, "IMPORT_MAX_BYTES": 1024}
    response = upload(login("cm_a"), world, b"a;b\r\n" * 40_000, name="liste.csv")
    assert response.status_code == 400
    assert "Die Datei ist größer als" in response.content.decode()
