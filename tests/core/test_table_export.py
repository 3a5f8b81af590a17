"""Every table with export links downloads as CSV/Excel exactly as the page shows it, through
the page's own access checks; formula cells are neutralised; each download is audited."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.table_export import extract
from tests.conftest import World

pytestmark = pytest.mark.django_db
LINK = re.compile(r'href="(\?[^"]*tabelle=[^"]*)"')


def test_the_parser_takes_caption_header_and_cells_without_hidden_decoration() -> None:
    page = """<table><caption id="t-caption">Partner <b>A</b></caption>
      <thead><tr><th>Name</th><th>Art</th></tr></thead>
      <tbody><tr><th scope="row">Jobcenter <span aria-hidden="true">*</span></th><td> 3 </td></tr>
      <tr><td>=1+1</td>
      <td><table><caption id="inner">x</caption><tr><td>n</td></tr></table>4</td></tr>
      </tbody></table>"""
    table = extract(page, "t-caption")
    assert table is not None
    assert table.title == "Partner A"
    assert list(table.header) == ["Name", "Art"]
    assert list(table.rows) == [["Jobcenter", "3"], ["=1+1", "4"]]
    assert extract(page, "missing") is None


def test_the_coordinator_downloads_the_new_partners_table_of_the_start_page(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        Organisation.objects.create(
            alliance=world.a.alliance, name='=HYPERLINK("http://x")', kind="other"
        )
    client = login("coord_a")
    url = reverse("core:alliance_home", args=[world.a.alliance.slug])
    page = client.get(url).content.decode()
    links = [html.unescape(link) for link in LINK.findall(page)]
    assert links, "the alliance start page offers table downloads"
    csv_link = next(link for link in links if "new-partners-caption" in link and "als=csv" in link)
    response = client.get(url + csv_link)
    assert response["Content-Disposition"].endswith('.csv"')
    body = response.getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK" in body and ";=HYPERLINK" not in body and "\n=HYPERLINK" not in body
    xlsx = client.get(url + csv_link.replace("als=csv", "als=xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert '\'=HYPERLINK("http://x")' in values
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="export", object_type="table").count() == 2


def test_the_page_access_check_still_decides(world: World, login: Any) -> None:
    url = reverse("core:alliance_home", args=[world.a.alliance.slug])
    query = "?tabelle=organisations-caption&als=csv"
    assert login("cm_b").get(url + query).status_code == 404
    assert login("anon").get(url + query).status_code == 302


def test_an_unknown_table_shows_the_page(world: World, login: Any) -> None:
    url = reverse("core:alliance_home", args=[world.a.alliance.slug])
    response = login("coord_a").get(url + "?tabelle=nope&als=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("persona", "name", "with_slug"),
    [
        ("coord_a", "alliances:overview", True),
        ("partner_a", "core:alliance_home", True),
        ("dpo_a", "core:alliance_home", True),
        ("coord_a", "core:alliance_home", True),
        ("coord_a", "alliances:funding", True),
        ("cm_a", "trajectories_alliance:flagged", True),
        ("cm_a", "tokens:list", True),
        ("coord_a", "offers:category_list", True),
        ("dpo_a", "privacy:log", True),
        ("dpo_a", "privacy:retention", True),
        ("state", "core:state_home", False),
        ("state", "alliances_state:initiative", False),
        ("state", "alliances_state:coverage", False),
        ("state", "alliances_state:bodies", False),
        ("state", "alliances_state:declaration_list", False),
        ("state", "alliances_state:funding", False),
        ("state", "alliances_state:problem_fields", False),
        ("state", "reporting_state:age_share", False),
    ],
)
def test_every_table_link_on_the_page_downloads(
    world: World, login: Any, persona: str, name: str, with_slug: bool
) -> None:
    client = login(persona)
    url = reverse(name, args=[world.a.alliance.slug] if with_slug else [])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    links = [html.unescape(link) for link in LINK.findall(text)]
    # Every table shown has a download: its own links, or the page's purpose-built export.
    captions = set(re.findall(r'<caption[^>]*id="([^"]+)"', text))
    covered = {m for link in links for m in re.findall(r"tabelle=([^&]+)", link)}
    purpose_built = 1 if re.search(r'href="\?[^"]*format=', text) else 0
    assert len(captions - covered) <= purpose_built, (url, captions - covered)
    for link in links:
        response = client.get(url + link)
        assert response.status_code == 200
        assert "attachment" in response.get("Content-Disposition", ""), (url, link)
