"""Reference geography pages: login required, Destatis source line, constant query count."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.municipalities.models import Edition, Gemeinde, Kreis, Regierungsbezirk
from teilhabe.municipalities.services import ImportResult, load_shipped_reference

LIST_URL = reverse("municipalities:kreis_list")


@pytest.fixture
def viewer(client: Client, db: None) -> Client:
    user = get_user_model().objects.create_user(
        username="viewer", email="viewer@example.org", password="Geo-Passwort-2026!"
    )
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    detail = client.get(reverse("municipalities:kreis_detail", args=["05334"]))
    assert detail.status_code == 302


def test_list_shows_kreise_and_the_source_line(nrw: ImportResult, viewer: Client) -> None:
    response = viewer.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert Edition.current_source_line() in html
    assert "Städteregion Aachen" in html
    assert "Reg.-Bez. Köln" in html
    assert reverse("municipalities:kreis_detail", args=["05334"]) in html
    assert response.context["totals"] == {
        "kreise": 53,
        "kreisfreie": 22,
        "landkreise": 31,
        "gemeinden": 396,
        "population": 18_034_454,
    }
    aachen = next(k for s in response.context["summaries"] for k in s.kreise if k.key == "05334")
    assert aachen.gemeinden_count == Gemeinde.objects.filter(kreis_id="05334").count() == 10


def test_list_without_data_still_renders(viewer: Client) -> None:
    response = viewer.get(LIST_URL)
    assert response.status_code == 200
    assert response.context["summaries"] == []


def test_post_is_not_allowed(nrw: ImportResult, viewer: Client) -> None:
    assert viewer.post(LIST_URL).status_code == 405


def test_detail_lists_the_gemeinden(nrw: ImportResult, viewer: Client) -> None:
    response = viewer.get(reverse("municipalities:kreis_detail", args=["05334"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aachen, Stadt" in html
    assert "05334002" in html
    assert Edition.current_source_line() in html
    assert len(response.context["gemeinden"]) == 10


def test_unknown_kreis_is_404(nrw: ImportResult, viewer: Client) -> None:
    assert viewer.get(reverse("municipalities:kreis_detail", args=["99999"])).status_code == 404


def _queries(client: Client) -> int:
    client.get(LIST_URL)  # warm caches (the attribution line) so only per-page work counts
    with CaptureQueriesContext(connection) as context:
        assert client.get(LIST_URL).status_code == 200
    return len(context.captured_queries)


def test_list_query_count_is_constant(
    nrw: ImportResult, viewer: Client, django_assert_max_num_queries: Any
) -> None:
    # Shrink to one Regierungsbezirk with one Kreis, then re-import all of NRW:
    # the page needs the same number of queries for 1 and for 53 Kreise.
    Gemeinde.objects.exclude(ags="05515000").delete()
    Kreis.objects.exclude(key="05515").delete()
    Regierungsbezirk.objects.exclude(key="055").delete()
    small = _queries(viewer)
    load_shipped_reference()
    assert Kreis.objects.count() == 53
    assert _queries(viewer) == small
    with django_assert_max_num_queries(10):
        viewer.get(LIST_URL)
