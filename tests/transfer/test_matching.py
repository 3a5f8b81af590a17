"""Recognising typed words and suggesting the likely one (transfer/matching.py, fields.py)."""

from __future__ import annotations

import pytest
from django.utils import translation

from teilhabe.people.models import ResidenceStatus
from teilhabe.transfer import fields
from teilhabe.transfer.errors import CellError
from teilhabe.transfer.matching import Vocabulary, municipality_names


@pytest.mark.parametrize(
    "typed", ["Syrien", "Syria", "SY", "sy", "Arabische Republik Syrien", "syrisch", " SYRIEN "]
)
def test_the_usual_names_of_a_country_are_recognised(typed: str) -> None:
    assert fields.nationality(typed) == "SY"


def test_a_misspelt_country_gets_a_suggestion_in_german() -> None:
    with translation.override("de"), pytest.raises(CellError) as error:
        fields.nationality("Afganistan")
    assert str(error.value).endswith("Meinten Sie „Afghanistan“?")


@pytest.mark.parametrize(
    ("typed", "key"),
    [("Duldung", ResidenceStatus.TOLERATION), ("§ 60a", ResidenceStatus.TOLERATION),
     ("geduldet", ResidenceStatus.TOLERATION), ("Gestattung", ResidenceStatus.GESTATTUNG),
     ("gestattet", ResidenceStatus.GESTATTUNG)],
)  # fmt: skip
def test_the_usual_words_for_a_residence_status_are_recognised(typed: str, key: str) -> None:
    assert fields.residence_status(typed) == key


def test_a_word_near_two_values_gets_no_suggestion() -> None:
    vocabulary = Vocabulary()
    vocabulary.add("Haltern", "a", official=True)
    vocabulary.add("Halten", "b", official=True)
    assert vocabulary.suggest("Haltrn") is None  # one typo from both
    assert vocabulary.suggest("Hallern") == "Haltern"


def test_municipalities_are_known_by_their_name_without_the_suffix_and_in_umlaut_spelling() -> None:
    vocabulary = Vocabulary()
    for ags, official in [("05315000", "Köln, Stadt"), ("05566076", "Rheine, Stadt"),
                          ("05566084", "Saerbeck, NRW-Klimakommune")]:  # fmt: skip
        for name in municipality_names(official):
            vocabulary.add(name, ags)
        vocabulary.shown[ags] = official
    assert vocabulary.find("Köln") == vocabulary.find("KOELN") == "05315000"
    assert vocabulary.find("Rheine") == "05566076"
    assert vocabulary.find("Saerbeck") == "05566084"
    assert vocabulary.suggest("Rheinee") == "Rheine, Stadt"


def test_a_name_two_keys_share_is_ambiguous_not_guessed() -> None:
    vocabulary = Vocabulary()
    vocabulary.add("Neustadt", "1")
    vocabulary.add("Neustadt", "2")
    assert vocabulary.find("Neustadt") is None and vocabulary.ambiguous("Neustadt")


def test_column_titles_are_assigned_by_synonym_memory_and_near_spelling() -> None:
    header = ["Vorname", "Name", "geb.", "Nationalität", "Geschlect", "Ort", "Notiz"]
    mapping = fields.guess_mapping("persons", header)
    assert mapping == {"given_name": 0, "family_name": 1, "date_of_birth": 2,
                       "nationality": 3, "sex": 4, "residence": 5}  # fmt: skip
    remembered = fields.guess_mapping("persons", header, {"notiz": "address"})
    assert remembered["address"] == 6


def test_a_cell_of_languages_is_read_as_offices_write_it() -> None:
    from teilhabe.transfer.languages import languages

    got = languages("Arabisch (Muttersprache), Deutsch B1; Farsi: A2 / Tigrinja MS")
    assert [(e.language, e.level) for e in got] == [
        ("ar", "native"), ("de", "B1"), ("fa", "A2"), ("ti", "native")
    ]  # fmt: skip
    assert languages(None) == ()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Arabish B1", "Meinten Sie „Arabisch“?"), ("Deutsch", "Niveau"),
     ("Deutsch B1, Deutsch B2", "nur einmal")],
)  # fmt: skip
def test_a_wrong_language_cell_says_what_is_wrong(typed: str, expected: str) -> None:
    from teilhabe.transfer.languages import languages

    with translation.override("de"), pytest.raises(CellError) as error:
        languages(typed)
    assert expected in str(error.value)
