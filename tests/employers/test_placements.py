"""The coordinators' page of young people per firm: distinct persons per firm and year, small
counts suppressed, one query for the rows however many firms, the export, and the 404s."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.employers.models import Employer
from teilhabe.people.models import Experience
from teilhabe.trajectories.models import Participation
from tests import factories as f
from tests.conftest import World
from tests.employers.helpers import employer

pytestmark = pytest.mark.django_db

YEAR = 2026


def _url(world: World, query: str = "") -> str:
    return reverse("employers:placements", args=[world.a.alliance.slug]) + query


def _people(world: World, n: int) -> list[Any]:
    with scopes_disabled():
        return [f.PersonFactory(owner=world.a.tm_office) for _ in range(n)]


def _participation(firm: Employer, person: Any, start: dt.date) -> None:
    with scopes_disabled():
        Participation.objects.create(
            alliance=firm.alliance,
            person=person,
            external_title="Einstiegsqualifizierung",
            category="eq",
            start=start,
            employer=firm,
            recorded_by_organisation=person.owner,
        )


def _experience(firm: Employer, person: Any, started: dt.date | None) -> None:
    with scopes_disabled():
        Experience.objects.create(
            alliance=firm.alliance,
            person=person,
            kind=Experience.Kind.INTERNSHIP,
            title="Praktikum",
            started_on=started,
            employer_entry=firm,
        )


def _cells(html: str, name: str) -> list[str]:
    """The three counts of a firm's row as shown."""
    row = html.split(name, 1)[1].split("</tr>", 1)[0]
    return [cell.split(">", 1)[1].split("<", 1)[0] for cell in row.split("<td")[1:]]


def _seed(world: World) -> tuple[Employer, Employer]:
    big = employer(world.a.alliance, "Autohaus Berg")
    small = employer(world.a.alliance, "Bäckerei Yilmaz")
    people = _people(world, 5)
    in_year = dt.date(YEAR, 3, 1)
    for p in people[:4]:  # four by participation, two of them also by an internship
        _participation(big, p, in_year)
    _participation(big, people[0], dt.date(YEAR, 9, 1))  # a second one: still one person
    for p in people[2:]:
        _experience(big, p, in_year)
    _participation(big, people[4], dt.date(YEAR - 1, 12, 31))  # the year before
    _experience(small, people[0], in_year)
    _experience(small, people[1], dt.date(YEAR + 1, 1, 1))
    _experience(small, people[2], None)
    return big, small


def test_each_firm_counts_distinct_young_people_and_hides_small_counts(
    world: World, login: Any
) -> None:
    _seed(world)
    employer(world.a.alliance, "Alte Firma", archived_on=dt.date(2026, 1, 5))
    employer(world.b.alliance, "Fremdbetrieb B")
    html = login("coord_a").get(_url(world, f"?jahr={YEAR}")).content.decode()
    assert _cells(html, "Autohaus Berg") == ["4", "3", "5"]
    assert _cells(html, "Bäckerei Yilmaz") == ["0", ".", "."]
    assert "Alte Firma" not in html and "Fremdbetrieb B" not in html
    assert html.index("Autohaus Berg") < html.index("Bäckerei Yilmaz")  # largest total first
    assert "Werte von 1 bis 2 und Werte, aus denen sie sich errechnen ließen" in html


def test_without_small_counts_the_note_is_not_shown(world: World, login: Any) -> None:
    _big, small = _seed(world)
    html = login("coord_a").get(_url(world, f"?jahr={YEAR}")).content.decode()
    assert "Werte von 1 bis 2" in html
    with scopes_disabled():
        Experience.objects.filter(employer_entry=small).delete()
    html = login("coord_a").get(_url(world, f"?jahr={YEAR}")).content.decode()
    assert _cells(html, "Bäckerei Yilmaz") == ["0", "0", "0"]
    assert "Werte von 1 bis 2" not in html


def test_the_year_filter_chooses_the_year_and_defaults_to_the_current_one(
    world: World, login: Any
) -> None:
    _seed(world)
    client = login("coord_a")
    html = client.get(_url(world, f"?jahr={YEAR - 1}")).content.decode()
    assert _cells(html, "Autohaus Berg") == [".", "0", "."]
    html = client.get(_url(world, f"?jahr={YEAR + 1}")).content.decode()
    assert _cells(html, "Bäckerei Yilmaz") == ["0", ".", "."]
    this_year = dt.date.today().year
    for query in ("", "?jahr=abc", "?jahr=1800"):
        response = client.get(_url(world, query))
        assert response.context["year"] == this_year


def test_the_rows_take_the_same_queries_at_any_number_of_firms(world: World, login: Any) -> None:
    client = login("coord_a")
    _seed(world)
    client.get(_url(world))  # warms the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(_url(world, f"?jahr={YEAR}"))
    people = _people(world, 3)
    for i in range(30):
        firm = employer(world.a.alliance, f"Betrieb {i:03d}")
        for p in people:
            _participation(firm, p, dt.date(YEAR, 5, 1))
            _experience(firm, p, dt.date(YEAR, 6, 1))
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(world, f"?jahr={YEAR}&seite=2"))
    assert response.context["page"].number == 2
    assert len(many) == len(few)
    # Per-firm subqueries, no join of a firm's participations with its work experiences
    # (that join multiplied the rows: 16 minutes for the pager's COUNT at Köln's size).
    firms = [q["sql"] for q in many.captured_queries if '"employers_employer"' in q["sql"]]
    assert firms and not [sql for sql in firms if "JOIN" in sql]


def test_the_export_shows_the_suppressed_values_and_is_audited(world: World, login: Any) -> None:
    _seed(world)
    response = login("coord_a").get(_url(world, f"?jahr={YEAR}&format=csv"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    lines = body.splitlines()
    assert "Autohaus Berg;4;3;5" in lines
    assert "Bäckerei Yilmaz;0;.;." in lines
    assert any(line.startswith("Werte von 1 bis 2") for line in lines)
    with scopes_disabled():
        event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.object_type == "employers.placements"
    assert "Yilmaz" not in event.purpose and "2026" in event.purpose


@pytest.mark.parametrize("persona", ["cm_a", "partner_a", "volunteer_a", "coord_b"])
def test_only_the_alliances_coordinators_see_the_page(
    world: World, login: Any, persona: str
) -> None:
    assert login(persona).get(_url(world)).status_code == 404


def test_the_directory_links_to_the_page_for_coordinators_only(world: World, login: Any) -> None:
    link = reverse("employers:placements", args=[world.a.alliance.slug])
    list_url = reverse("employers:employer_list", args=[world.a.alliance.slug])
    assert link in login("coord_a").get(list_url).content.decode()
    assert link not in login("cm_a").get(list_url).content.decode()
