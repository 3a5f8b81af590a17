"""The check for personal data in free texts: a known person's name (tolerant to case,
diacritics and order), a date of birth, an AZR or file number — answered as kinds only."""

from __future__ import annotations

from typing import Any

import pytest
from django_scopes import scope

from teilhabe.people.intake.duplicates import search_key
from teilhabe.people.mentions import (
    BIRTH_DATE,
    FILE_NUMBER,
    NAME,
    mentions,
    names_a_person,
    warnings,
)
from tests import factories as f
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _person(owner: Any, given: str, family: str, **extra: Any) -> Any:
    return f.PersonFactory(
        owner=owner,
        given_name=given,
        family_name=family,
        search_key=search_key(given, family),
        **extra,
    )


@pytest.fixture
def aylin(world: World) -> Any:
    with scope(alliance=world.a.alliance):
        return _person(world.a.tm_office, "Aylin", "Yıldız")


@pytest.mark.parametrize(
    "text",
    [
        "Frau Aylin Yıldız hat eine Zusage.",
        "aylin yildiz hat eine Zusage.",
        "Yildiz, Aylin fragt nach einem Kurs.",
        "AYLIN YILDIZ",
    ],
)
def test_a_known_persons_name_is_found_in_any_case_spelling_and_order(
    world: World, aylin: Any, text: str
) -> None:
    with scope(alliance=world.a.alliance):
        assert mentions(world.a.alliance, text) == [NAME]


def test_a_given_name_alone_or_a_stranger_is_not_a_name(world: World, aylin: Any) -> None:
    with scope(alliance=world.a.alliance):
        assert not names_a_person(world.a.alliance, "Aylin möchte eine Ausbildung beginnen.")
        assert not names_a_person(world.a.alliance, "Aylin Schmidt möchte eine Ausbildung.")


def test_a_person_of_another_alliance_or_an_anonymised_one_is_not_found(world: World) -> None:
    from django.utils import timezone

    with scope(alliance=world.b.alliance):
        _person(world.b.tm_office, "Farid", "Nazari")
    with scope(alliance=world.a.alliance):
        _person(world.a.tm_office, "Omid", "Rahimi", anonymised_at=timezone.now())
        assert mentions(world.a.alliance, "Farid Nazari und Omid Rahimi") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("geboren am 03.04.2004", BIRTH_DATE),
        ("geb. 3.4.04", BIRTH_DATE),
        ("am 3. März 2004 geboren", BIRTH_DATE),
        ("2004-04-03", BIRTH_DATE),
        ("AZR-Nummer 123456789012", FILE_NUMBER),
        ("BAMF 7654321-423", FILE_NUMBER),
        ("Az.: 5 K 1234/24", FILE_NUMBER),
        ("Aktenzeichen 44-12", FILE_NUMBER),
    ],
)
def test_dates_and_file_numbers_are_found(world: World, text: str, kind: str) -> None:
    with scope(alliance=world.a.alliance):
        assert mentions(world.a.alliance, text) == [kind]


def test_a_plain_question_finds_nothing(world: World, aylin: Any) -> None:
    text = "Welche Sprachkurse gibt es im Mai 2027 für Auszubildende mit Duldung?"
    with scope(alliance=world.a.alliance):
        assert mentions(world.a.alliance, text) == []


def test_the_warnings_name_the_kind_never_the_value_or_the_person(world: World, aylin: Any) -> None:
    with scope(alliance=world.a.alliance):
        texts = warnings(mentions(world.a.alliance, "Aylin Yıldız, geb. 03.04.2004, Az. 5 K 1/24"))
    assert len(texts) == 3
    assert not any("Aylin" in t or "Yıldız" in t or "2004" in t for t in texts)


def test_a_long_text_costs_a_bounded_number_of_queries_without_loading_persons(
    world: World, aylin: Any, django_assert_max_num_queries: Any
) -> None:
    words = " ".join(f"Wort{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(2000))
    with scope(alliance=world.a.alliance), django_assert_max_num_queries(6):
        assert not names_a_person(world.a.alliance, words)
