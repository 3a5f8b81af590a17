"""The coordinator's imports: the alliance's offer catalogue and its partner organisations,
with every error of every row in one round, the valid rows imported at once, the rest
corrected in the browser and imported, each entry exactly once."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.offers.models import Category, Offer
from teilhabe.transfer.models import ImportJob
from teilhabe.transfer.services import job_map, job_validate
from tests.conftest import World
from tests.trajectories.factories import OfferFactory
from tests.transfer import files
from tests.transfer.helpers import commit, job_url, last_job, map_and_check, upload

pytestmark = pytest.mark.django_db
Status = ImportJob.Status
TODAY = dt.date.today()
START, END = TODAY + dt.timedelta(days=30), TODAY + dt.timedelta(days=200)
OFFER_HEADER = ["Titel", "Träger", "Kategorie", "Plätze", "freie Plätze", "Beginn", "Ende",
                "Ort", "Zielniveau", "Mindestalter", "Höchstalter"]  # fmt: skip
PARTNER_HEADER = ["Name", "Art", "Rechtskreis", "Beitritt", "Ansprechperson", "E-Mail"]


def language_course() -> str:
    with translation.override("de"):
        return str(Category.LANGUAGE_COURSE.label)


def offer_row(n: int, **overrides: Any) -> list[Any]:
    values = {
        "Titel": f"Deutschkurs {n}",
        "Träger": "Jugendmigrationsdienst A",
        "Kategorie": language_course(),
        "Plätze": 16,
        "freie Plätze": 4,
        "Beginn": START,
        "Ende": END,
        "Ort": "Köln",
        "Zielniveau": "B1",
        "Mindestalter": 18,
        "Höchstalter": 27,
    }
    values.update(overrides)
    return [values[h] for h in OFFER_HEADER]


# Row number in the file (the header is row 1) -> what is wrong, and the fields named.
BAD_OFFERS: dict[int, tuple[dict[str, Any], set[str]]] = {
    5: ({"Träger": "Jugendmigrationsdiesnt A"}, {"provider"}),
    8: ({"freie Plätze": 20}, {"free_places"}),
    11: ({"Ende": START - dt.timedelta(days=1)}, {"ends_on"}),
    14: ({"Beginn": "31.02.2026"}, {"starts_on"}),
    17: ({"Titel": "Deutschkurs 0"}, {"title"}),  # as in row 2
    # Several errors in one row: all of them in the same round.
    19: (
        {"freie Plätze": 30, "Ende": START - dt.timedelta(days=5), "Kategorie": "Sprachkurz"},
        {"free_places", "ends_on", "category"},
    ),
    20: ({"Ende": "30.02.2026", "Träger": "Unbekannter Träger e. V."}, {"ends_on", "provider"}),
    21: ({"Titel": "Deutsch B1 Abendkurs"}, {"title"}),  # in the catalogue already
}


def offer_list() -> bytes:
    rows = [offer_row(n, **BAD_OFFERS.get(n + 2, ({}, set()))[0]) for n in range(20)]
    return files.xlsx(OFFER_HEADER, rows)


def catalogue(world: World) -> list[tuple[str, str]]:
    with scopes_disabled():
        offers = Offer.objects.filter(alliance=world.a.alliance).select_related("provider")
        return sorted((o.provider.name, o.title) for o in offers)


def correct(client: Any, world: World, job: ImportJob, cells: dict[tuple[int, str], Any]) -> Any:
    """POST corrected cells (row, field) of the rows with errors, as the table sends them."""
    data = {f"z{row}s{job.mapping[field]}": value for (row, field), value in cells.items()}
    response = client.post(job_url(world, job, "transfer:correct"), data)
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def test_a_coordinator_imports_an_offer_list_in_one_round_and_the_rest_after_correcting_it(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        OfferFactory(provider=world.a.jmd, title="Deutsch B1 Abendkurs")
    client = login("coord_a")
    response = upload(client, world, offer_list(), kind="offers")
    job = last_job()
    assert response.status_code == 302 and job.organisation_id == world.a.lead_office.pk
    assert set(job.mapping) == {"title", "provider", "category", "places", "free_places",
                                "starts_on", "ends_on", "location", "target_level", "min_age",
                                "max_age"}  # fmt: skip
    job = map_and_check(client, world, job)

    # One round: every error of every row, with the value found and a suggestion.
    assert job.status == Status.INVALID and job.total == 20
    found: dict[int, set[str]] = {}
    for error in job.errors:
        found.setdefault(error["row"], set()).add(error["field"])
    assert found == {row: fields for row, (_bad, fields) in BAD_OFFERS.items()}
    by_cell = {(e["row"], e["field"]): e for e in job.errors}
    provider = by_cell[(5, "provider")]
    assert provider["value"] == "Jugendmigrationsdiesnt A"
    assert provider["message"].endswith("Meinten Sie „Jugendmigrationsdienst A“?")
    assert "Zeile 2 dieser Liste" in by_cell[(17, "title")]["message"]
    assert "schon ein Angebot mit diesem Titel" in by_cell[(21, "title")]["message"]
    assert "Februar 2026 hat 28 Tage" in by_cell[(14, "starts_on")]["message"]
    assert "Meinten Sie „Sprachkurs“?" in by_cell[(19, "category")]["message"]
    assert by_cell[(19, "free_places")]["message"] == (
        "Es kann nicht mehr freie Plätze als Plätze geben."
    )
    assert len(job.errors) == 11 and job.valid_count == 12
    page = client.get(job_url(world, job)).content.decode()
    assert "8 von 20 Zeilen haben Fehler" in page and "Deutschkurs 7" in page
    assert len(catalogue(world)) == 1  # the check stores nothing

    # Import the valid rows now.
    client.post(job_url(world, job, "transfer:commit"), {"nur_fehlerfreie": "1"})
    job.refresh_from_db()
    assert job.status == Status.COMMITTED and job.created_count == 12 and job.rest_count == 8
    assert len(catalogue(world)) == 1 + 12

    # The rest, corrected in the browser (rows 2..9 of the rest file, in the same order).
    response = client.post(job_url(world, job, "transfer:rest_import"))
    rest = last_job()
    assert rest.pk != job.pk and rest.status == Status.INVALID and rest.total == 8
    assert rest.failed_rows == list(range(2, 10))
    later = (END + dt.timedelta(days=10)).strftime("%d.%m.%Y")
    rest = correct(client, world, rest, {
        (2, "provider"): "Jugendmigrationsdienst A",
        (3, "free_places"): "4",
        (4, "ends_on"): later,
        (5, "starts_on"): "28.02.2026",
        (6, "title"): "Deutschkurs 15 (zweite Gruppe)",
        (7, "free_places"): "4",
        (7, "ends_on"): later,
        (7, "category"): language_course(),
        (8, "ends_on"): later,
        (8, "provider"): "Jobcenter A",
        (9, "title"): "Deutsch B1 Abendkurs, Samstag",
    })  # fmt: skip
    assert rest.status == Status.VALID, rest.errors
    rest = commit(client, world, rest)
    assert rest.status == Status.COMMITTED and rest.created_count == 8

    # Each offer exactly once; one audit event per offer, one per import.
    offers = catalogue(world)
    assert len(offers) == 21 and len(set(offers)) == 21
    assert ("Jobcenter A", "Deutschkurs 18") in offers
    with scopes_disabled():
        ids = list(Offer.objects.filter(alliance=world.a.alliance).values_list("pk", flat=True))
    created = AuditEvent.objects.filter(
        action="create", object_type="offers.offer", object_id__in=ids
    )
    assert created.count() == 20
    imports = AuditEvent.objects.filter(action="import").order_by("at")
    assert [e.purpose for e in imports] == ["offers: 12 rows", "offers: 8 rows"]


def test_an_offer_row_costs_the_same_queries_however_long_the_list(
    world: World, login: Any
) -> None:
    client = login("coord_a")
    counts = []
    for size in (5, 10, 15):
        rows = [offer_row(n, Titel=f"Kurs {size}-{n}") for n in range(size)]
        upload(client, world, files.xlsx(OFFER_HEADER, rows), kind="offers")
        job = last_job()
        with scopes_disabled():
            job_map(job=job, mapping=job.mapping, confirm_age=False, confirm_duplicates=False)
        with CaptureQueriesContext(connection) as queries:
            checked = job_validate(job_id=job.pk)
        assert checked.status == Status.VALID, checked.errors
        counts.append(len(queries))
    per_row = (counts[1] - counts[0]) / 5
    print(f"offer check: {counts} queries for 5, 10 and 15 rows, {per_row:.1f} per row")
    assert counts[2] - counts[1] == counts[1] - counts[0]  # the same for every row
    assert per_row <= 25  # offer_create's own queries (rights, category, place, audit)


def partner_row(name: str, **overrides: Any) -> list[Any]:
    values = {
        "Name": name,
        "Art": "Bildungsträger",
        "Rechtskreis": "SGB II",
        "Beitritt": TODAY - dt.timedelta(days=30),
        "Ansprechperson": "Erika Muster",
        "E-Mail": "kontakt@example.org",
    }
    values.update(overrides)
    return [values[h] for h in PARTNER_HEADER]


def test_a_coordinator_imports_partners_in_one_round_and_the_rest_after_correcting_it(
    world: World, login: Any
) -> None:
    rows = [
        partner_row("Bildungswerk Nord"),
        partner_row("jobcenter a", **{"E-Mail": "kein-mail"}),  # exists, and a bad address
        partner_row("Verein Brücke", Art="Vereinn"),
        partner_row("Bildungswerk Nord", Rechtskreis="keiner"),  # as in row 2
        partner_row("Handwerkskammer Muster", Art="HWK", Rechtskreis="keiner"),
        partner_row("Netzwerk Süd", Art=None, Beitritt="30.02.2025"),
    ]
    client = login("coord_a")
    with scopes_disabled():
        before = Organisation.objects.filter(alliance=world.a.alliance).count()
    upload(client, world, files.xlsx(PARTNER_HEADER, rows), kind="partners")
    job = map_and_check(client, world, last_job())
    found: dict[int, set[str]] = {}
    for error in job.errors:
        found.setdefault(error["row"], set()).add(error["field"])
    assert found == {3: {"name", "contact_email"}, 4: {"kind"}, 5: {"name"},
                     7: {"kind", "joined_on"}}  # fmt: skip
    messages = {(e["row"], e["field"]): e["message"] for e in job.errors}
    assert messages[(3, "name")] == "Eine Organisation mit diesem Namen gibt es bereits."
    assert "Zeile 2 dieser Liste" in messages[(5, "name")]
    assert "Meinten Sie" in messages[(4, "kind")]

    client.post(job_url(world, job, "transfer:commit"), {"nur_fehlerfreie": "1"})
    job.refresh_from_db()
    assert job.status == Status.COMMITTED and job.created_count == 2
    client.post(job_url(world, job, "transfer:rest_import"))
    rest = correct(client, world, last_job(), {
        (2, "name"): "Jobcenter A, Außenstelle",
        (2, "contact_email"): "aussenstelle@example.org",
        (3, "kind"): "Verein",
        (4, "name"): "Bildungswerk Süd",
        (5, "kind"): "Sonstige",
        (5, "joined_on"): "28.02.2025",
    })  # fmt: skip
    assert rest.status == Status.VALID, rest.errors
    assert commit(client, world, rest).created_count == 4
    with scopes_disabled():
        names = list(
            Organisation.objects.filter(alliance=world.a.alliance).values_list("name", flat=True)
        )
        brucke = Organisation.objects.get(name="Verein Brücke")
        assert brucke.kind == "civil_society" and brucke.partner_profile.legal_domain == "sgb2"
    assert len(names) == before + 6 and len(set(names)) == len(names)
    assert AuditEvent.objects.filter(action="create", purpose="partner").count() == 6


def test_a_case_manager_cannot_choose_offers_or_partners(world: World, login: Any) -> None:
    client = login("cm_a")
    page = client.get(reverse("transfer:upload", args=[world.a.alliance.slug])).content.decode()
    assert 'value="persons"' in page and 'value="offers"' not in page
    assert 'value="partners"' not in page
    response = upload(client, world, offer_list(), kind="offers")
    assert response.status_code == 200 and "keine gültige Auswahl" in response.content.decode()
    with scopes_disabled():
        assert not ImportJob.objects.exists()


def test_a_coordinator_imports_only_offers_and_partners_for_their_organisation(
    world: World, login: Any
) -> None:
    client = login("coord_a")
    page = client.get(reverse("transfer:upload", args=[world.a.alliance.slug])).content.decode()
    assert 'value="offers"' in page and 'value="partners"' in page
    assert 'value="persons"' not in page and 'value="participations"' not in page
    refused = upload(client, world, offer_list(), kind="offers", organisation=world.a.tm_office)
    assert refused.status_code == 200
    with scopes_disabled():
        assert not ImportJob.objects.exists()


def test_a_coordinator_of_another_alliance_cannot_see_the_job(world: World, login: Any) -> None:
    upload(login("coord_a"), world, offer_list(), kind="offers")
    job = last_job()
    client = login("coord_b")
    assert client.get(job_url(world, job)).status_code == 404
    own = reverse("transfer:job", args=[world.b.alliance.slug, job.pk])
    assert client.get(own).status_code == 404
    for persona in ("cm_a", "partner_a"):
        assert login(persona).get(job_url(world, job)).status_code == 404, persona


def test_the_offer_template_offers_the_alliances_organisations_and_imports_cleanly(
    world: World, login: Any
) -> None:
    client = login("coord_a")
    url = reverse("transfer:template", args=[world.a.alliance.slug])
    assert client.get(url, {"kind": "persons"}).status_code == 404
    response = client.get(url, {"kind": "offers"})
    assert response["Content-Disposition"] == 'attachment; filename="importvorlage-angebote.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Titel", "Träger", "Kategorie"]
    sources = {str(v.sqref)[0]: str(v.formula1) for v in sheet.data_validations.dataValidation}
    with scopes_disabled():
        names = Organisation.objects.filter(alliance=world.a.alliance).order_by("name")
        assert sources["B"] == '"' + ",".join(names.values_list("name", flat=True)) + '"'
    assert sources["C"].startswith("'")  # the categories, from the hidden sheet
    # The example row left in is skipped; a real row below it is imported.
    example = [c.value for c in sheet[2]]
    sheet.append(["Nähkurs", *example[1:]])
    out = io.BytesIO()
    workbook.save(out)
    upload(client, world, out.getvalue(), kind="offers")
    job = map_and_check(client, world, last_job())
    assert (job.status, job.total, job.errors) == (Status.VALID, 1, [])
    assert commit(client, world, job).created_count == 1


def test_the_partner_template_imports_cleanly(world: World, login: Any) -> None:
    client = login("coord_a")
    url = reverse("transfer:template", args=[world.a.alliance.slug])
    workbook = load_workbook(io.BytesIO(client.get(url, {"kind": "partners"}).content))
    sheet = workbook.worksheets[0]
    example = [c.value for c in sheet[2]]
    sheet.append(["Bildungswerk Ost", *example[1:]])
    out = io.BytesIO()
    workbook.save(out)
    upload(client, world, out.getvalue(), kind="partners")
    job = map_and_check(client, world, last_job())
    assert (job.status, job.total, job.errors) == (Status.VALID, 1, [])


def test_every_kind_of_list_has_the_role_that_imports_it() -> None:
    from teilhabe.core.roles import IMPORT_ROLES
    from teilhabe.transfer.fields import TARGETS
    from teilhabe.transfer.models import ImportKind

    assert set(IMPORT_ROLES) == set(ImportKind.values) == set(TARGETS)
