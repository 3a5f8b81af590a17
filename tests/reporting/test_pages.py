"""The reporting pages open for the right people and show figures."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse, reverse_lazy

from tests.reporting.data import build

pytestmark = pytest.mark.django_db


def test_coordinator_sees_the_dashboard_with_a_table_per_indicator(world: Any, login: Any) -> None:
    response = login("coord_a").get(reverse("reporting_alliance:dashboard", args=["buendnis-a"]))
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("reach", "status", "age", "sex", "careers_rate", "closures", "transitions"):
        assert f'data-testid="table-{key}"' in html


def test_state_view_suppresses_small_counts(world: Any, login: Any) -> None:
    response = login("state").get(reverse("reporting_state:monitoring"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bündnis A" in html
    # Each alliance has one or two persons in casework: never published.
    assert ">1</td>" not in html and ">2</td>" not in html


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("coord_a", reverse_lazy("reporting_alliance:dashboard", args=["buendnis-a"])),
        ("state", reverse_lazy("reporting_state:monitoring")),
    ],
)
@pytest.mark.parametrize("export", ["", "&format=csv", "&format=xlsx"])
def test_a_period_ending_in_year_150_shows_the_error_at_the_field_and_exports_nothing(
    world: Any, login: Any, user: str, url: str, export: str
) -> None:
    response = login(user).get(f"{url}?start=2026-01-01&end=0150-01-01{export}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Bitte geben Sie ein Datum ab dem 01.01.1900 ein." in html
    assert 'id="id_end"' in html and 'aria-invalid="true"' in html


def _html(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def _text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def _card(html: str, key: str) -> str:
    found = re.search(rf'<li class="rp-card" data-testid="key-{key}">(.*?)</li>', html, re.S)
    assert found, key
    return found.group(1)


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("coord_a", reverse_lazy("reporting_alliance:dashboard", args=["buendnis-a"])),
        ("cm_a", reverse_lazy("reporting_alliance:dashboard", args=["buendnis-a"])),
        ("state", reverse_lazy("reporting_state:monitoring")),
    ],
)
def test_the_page_opens_with_key_figures_jump_links_and_tables_folded_under_their_charts(
    world: Any, login: Any, user: str, url: str
) -> None:
    build(world)
    html = _html(login(user), f"{url}?start=2026-01-01&end=2026-06-30")
    assert re.findall(r'class="rp-card" data-testid="key-([a-z_]+)"', html) == [
        "persons", "intakes", "into_work", "careers", "referrals"
    ]  # fmt: skip
    persons = _card(html, "persons")
    assert "Personen im Teilhabemanagement" in persons
    assert "gegenüber 2. Halbjahr 2025" in _text(persons)
    title = re.search(r'<svg class="rp-spark"[^>]*role="img"[^>]*><title>(.*?)</title>', persons)
    assert title and title.group(1).startswith("Verlauf: 2. Halbjahr 2023: 0; ")
    assert re.search(r"; 2\. Halbjahr 2025: \d; 1\. Halbjahr 2026: \d$", title.group(1))
    nav = re.search(r'<nav class="rp-toc".*?</nav>', html, re.S)
    assert nav
    links = re.findall(r'href="#([^"]+)"', nav.group(0))
    sections = re.findall(r'<section class="tm-section rp-section" id="([^"]+)"(.*?)</section>',
                          html, re.S)  # fmt: skip
    assert len(sections) >= 14 and links == [id_ for id_, _body in sections]
    for id_, body in sections:
        details = body.index('<details class="rp-details"')
        assert details < body.index("<table") < body.index("</details>")  # folded
        assert _text(body[details:]).startswith("Tabelle anzeigen")
        assert f"tabelle={id_}-caption" in body[details:]  # its own download link
        if 'class="rp-chart"' in body:
            assert body.index('class="rp-chart"') < details  # the chart first
            assert " open" not in body[details : body.index(">", details)]


def test_the_coordinator_sees_the_figure_the_table_hides_as_not_published(
    world: Any, login: Any
) -> None:
    build(world)  # one referral in the period: below the threshold
    url = reverse("reporting_alliance:dashboard", args=["buendnis-a"])
    query = "?start=2026-01-01&end=2026-06-30"
    coordinator = _card(_html(login("coord_a"), url + query), "referrals")
    assert "– nicht veröffentlicht" in _text(coordinator)
    manager = _card(_html(login("cm_a"), url + query), "referrals")  # own organisation
    assert re.search(r'rp-card__value">1</p>', manager)


def test_a_table_under_its_chart_still_downloads_on_its_own(world: Any, login: Any) -> None:
    url = reverse("reporting_alliance:dashboard", args=["buendnis-a"])
    response = login("coord_a").get(url + "?tabelle=chart-sex-caption&als=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.getvalue().decode("utf-8-sig").splitlines()
    assert lines[0] == "Kategorie;Personen;Anteil" and lines[1].startswith("weiblich;")
