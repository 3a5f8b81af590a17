"""Exports of the lists (?format=csv|xlsx): same access and filters as the page, every
export audited with counts only, no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from teilhabe.alliances.models import Workshop
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent
from teilhabe.core.tabular import DANGEROUS_PREFIXES
from teilhabe.people.models import Person
from tests.casework.sharing.factories import ReferralFactory
from tests.conftest import World
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
PAYLOAD = '=HYPERLINK("http://evil.example","klick")'


def cells(response: Any, fmt: str) -> list[list[Any]]:
    assert response.status_code == 200, response.status_code
    if fmt == "csv":
        text = response.getvalue().decode("utf-8-sig")
        return [row for row in csv.reader(io.StringIO(text), delimiter=";")]
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def assert_no_formula(rows: list[list[Any]]) -> None:
    for row in rows:
        for value in row:
            assert not (isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES)), value


@pytest.fixture
def hostile(world: World) -> World:
    """A person name, a referral purpose and an organisation name (in the audit log too)
    that are formulas."""
    with scopes_disabled():
        Person.objects.filter(pk=world.a.person.pk).update(given_name=PAYLOAD)
        ReferralFactory(
            case=world.a.case,
            to_organisation=world.a.jobcenter,
            consent=world.consent_a,
            purpose="+1+1",
        )
    partner = OrganisationFactory(alliance=world.a.alliance, kind="other", name="-2+3 Partner")
    # An administration event under that name: the lead office's audit log names it.
    audit_record(action="update", alliance=world.a.alliance, organisation=partner, obj=partner)
    with scopes_disabled():
        Workshop.objects.create(
            alliance=world.a.alliance,
            kind="starter",
            title="\tWerkstatt",
            held_on=dt.date(2026, 3, 1),
            place="Rathaus",
            organiser="jmd",
        )
    return world


LISTS = {
    "persons": ("people:list", "cm_a", "", PAYLOAD),
    "referrals": ("people:sharing:referral_inbox", "cm_a", "richtung=ausgang&", "+1+1"),
    "audit log": ("core:audit_log", "coord_a", "", "-2+3 Partner"),
    "partners": ("alliances:overview", "coord_a", "", "-2+3 Partner"),
    "workshops": ("alliances:workshop_list", "cm_a", "", "\tWerkstatt"),
    "coverage": ("alliances_state:coverage", "state", "", None),
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", list(LISTS))
def test_every_list_exports_neutralised_and_audited(
    hostile: World, login: Any, name: str, fmt: str
) -> None:
    url_name, persona, query, payload = LISTS[name]
    args = [] if url_name.startswith("alliances_state") else [hostile.a.alliance.slug]
    url = reverse(url_name, args=args)
    before = AuditEvent.objects.filter(action="export").count()
    rows = cells(login(persona).get(f"{url}?{query}format={fmt}"), fmt)
    assert_no_formula(rows)
    assert payload is None or any("'" + payload in row for row in rows)  # kept, as text
    event = AuditEvent.objects.filter(action="export").order_by("-id").first()
    assert AuditEvent.objects.filter(action="export").count() == before + 1
    assert event is not None and event.actor == hostile.users[persona]
    assert event.purpose.endswith(f"{fmt}: {len(rows) - 1} rows")


def test_person_export_keeps_the_filters_and_takes_them_by_post(world: World, login: Any) -> None:
    url = reverse("people:list", args=[world.a.alliance.slug])
    client = login("cm_a")
    page = client.get(url).content.decode()
    assert 'name="format" value="xlsx"' in page  # the export form of the list
    rows = cells(client.post(url, {"q": "Canary", "format": "csv"}), "csv")
    assert [r[2] for r in rows[1:]] == ["CanaryA"]
    rows = cells(client.post(url, {"q": "Nobody", "format": "csv"}), "csv")
    assert len(rows) == 1  # the header only


def test_person_export_holds_only_own_persons_not_those_shared_by_consent(
    world: World, login: Any
) -> None:
    url = reverse("people:list", args=[world.a.alliance.slug])
    assert "CanaryA" in login("partner_a").get(url).content.decode()  # visible on screen
    rows = cells(login("partner_a").get(f"{url}?format=xlsx"), "xlsx")
    assert len(rows) == 1


def test_export_is_refused_to_whoever_may_not_see_the_list(world: World, login: Any) -> None:
    for persona, url_name in (("coord_a", "people:list"), ("cm_a", "core:audit_log")):
        url = reverse(url_name, args=[world.a.alliance.slug])
        assert login(persona).get(f"{url}?format=csv").status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()
