"""A partner whose consent lacks the master data learns who the person is nowhere: not on
the person page, in the person list or its search, nor in the API's detail, list or
search; it sees the same pseudonymous label everywhere (issue 21, finding 1)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.people.access import person_label, pseudonym
from tests import factories as f
from tests.conftest import World
from tests.people.intake.helpers import count_queries

pytestmark = pytest.mark.django_db
# Master data of person A the Jobcenter must not see with a participations-only consent.
SECRETS = ("CanaryA", "PersonA", "17.05.2003", "2003-05-17", "Syrien", '"SY"', "female")


def participations_only(world: World) -> None:
    with scopes_disabled():
        world.consent_a.categories = ["participations"]
        world.consent_a.save(update_fields=["categories"])


def leaked(body: str) -> list[str]:
    return [s for s in SECRETS if s in body]


def test_the_label_names_a_person_only_with_the_master_data() -> None:
    person = f.PersonFactory.build(given_name="Amal", family_name="Haddad")
    assert person_label(person, {"master_data", "education"}) == "Amal Haddad"
    assert person_label(person, {"master_data"}, listed=True) == "Haddad, Amal"
    label = person_label(person, {"participations", "education"})
    code = pseudonym(person.pk)
    assert label == f"Person {code} (freigegeben: Bildung und Sprachen, Teilnahmen)"
    assert len(code) == 6 and code == pseudonym(str(person.pk))  # stable
    assert "Amal" not in label and str(person.pk)[:6].upper() != code


def test_the_person_page_heading_and_title_show_the_label(world: World, login: Any) -> None:
    participations_only(world)
    url = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    body = login("partner_a").get(url).content.decode()
    assert f"Person {pseudonym(world.a.person.pk)} (freigegeben: Teilnahmen)" in body
    assert leaked(body) == []


def test_the_person_list_and_its_search_show_neither_name_nor_birth_date(
    world: World, login: Any
) -> None:
    participations_only(world)
    client = login("partner_a")
    url = reverse("people:list", args=[world.a.alliance.slug])
    body = client.get(url).content.decode()
    assert f"Person {pseudonym(world.a.person.pk)}" in body
    assert leaked(body) == [] and "cm_a" not in body  # no case manager either
    # A search by the hidden name finds nothing: the match itself would reveal the name.
    for term in ("CanaryA", "PersonA"):
        searched = client.get(url, {"q": term})
        assert searched.context["page"].paginator.count == 0, term
        # (the typed term stays in the search field: the reader's own input)
        assert [s for s in leaked(searched.content.decode()) if s != term] == []


def test_the_api_detail_list_and_search_leave_the_master_data_empty(
    world: World, login: Any
) -> None:
    participations_only(world)
    client = login("partner_a")
    slug = world.a.alliance.slug
    detail = client.get(reverse("api:person_detail", args=[slug, world.a.person.pk])).json()
    assert detail["label"] == f"Person {pseudonym(world.a.person.pk)} (freigegeben: Teilnahmen)"
    for key in ("given_name", "family_name", "date_of_birth", "sex", "nationality"):
        assert detail[key] is None, key
    assert detail["residence_ags"] is None and detail["cases"] == []
    listing = client.get(reverse("api:person_list", args=[slug]))
    assert [p["label"] for p in listing.json()["items"]] == [detail["label"]]
    assert leaked(listing.content.decode()) == []
    searched = client.get(reverse("api:person_list", args=[slug]), {"q": "Canary"}).json()
    assert searched["items"] == [] and searched["count"] == 0


def test_with_the_master_data_the_partner_sees_the_name_everywhere(
    world: World, login: Any
) -> None:
    client = login("partner_a")  # the world's consent covers the master data
    slug = world.a.alliance.slug
    body = client.get(reverse("people:list", args=[slug]), {"q": "CanaryA"}).content.decode()
    assert "PersonA, CanaryA" in body
    detail = client.get(reverse("api:person_detail", args=[slug, world.a.person.pk])).json()
    assert detail["label"] == "CanaryA PersonA" and detail["given_name"] == "CanaryA"


def test_the_list_labels_cost_the_same_queries_for_10_and_50_shared_persons(
    world: World, login: Any, settings: Any
) -> None:
    settings.TEILHABE = {**settings.TEILHABE, "PAGE_SIZE": 100}

    def share(n: int) -> None:
        with scopes_disabled():
            for i in range(n):
                person = f.PersonFactory(owner=world.a.tm_office)
                consent = f.ConsentFactory(
                    person=person, categories=["participations"] if i % 2 else ["master_data"]
                )
                consent.recipients.set(
                    [world.a.jobcenter], through_defaults={"alliance_id": consent.alliance_id}
                )

    client = login("partner_a")
    list_url = reverse("people:list", args=[world.a.alliance.slug])
    api_url = reverse("api:person_list", args=[world.a.alliance.slug])
    share(10)
    small = (count_queries(client, list_url), count_queries(client, api_url))
    share(40)
    assert (count_queries(client, list_url), count_queries(client, api_url)) == small
