"""Path deadlines as data: which path the current status opens and when it closes."""

from __future__ import annotations

import datetime as dt

from teilhabe.people.paths import PATH_BY_KEY, PathFacts, add_months, deadlines

TODAY = dt.date(2026, 6, 1)


def keys(facts: PathFacts) -> dict[str, dt.date]:
    return {d.path.key: d.on for d in deadlines(facts, TODAY)}


def test_the_opportunity_residence_closes_18_months_after_it_began() -> None:
    facts = PathFacts("p104c", dt.date(2025, 3, 15), None, dt.date(2000, 1, 1))
    assert keys(facts)["p104c"] == dt.date(2026, 9, 15)


def test_a_toleration_opens_25a_until_the_day_before_the_27th_birthday() -> None:
    facts = PathFacts("toleration", dt.date(2025, 1, 1), None, dt.date(2000, 2, 29))
    assert keys(facts) == {"p25a": dt.date(2027, 2, 27)}


def test_training_and_employment_toleration_close_with_the_document() -> None:
    until = dt.date(2027, 8, 31)
    assert keys(PathFacts("training_toleration", TODAY, until, None))["p60c"] == until
    assert keys(PathFacts("employment_toleration", TODAY, until, None))["p60d"] == until


def test_a_past_deadline_and_an_unknown_birthday_give_no_path() -> None:
    assert keys(PathFacts("toleration", TODAY, None, dt.date(1990, 1, 1))) == {}
    assert keys(PathFacts("toleration", TODAY, None, None)) == {}
    assert keys(PathFacts("residence_permit", TODAY, None, dt.date(2005, 1, 1))) == {}


def test_every_path_names_its_legal_conditions() -> None:
    assert set(PATH_BY_KEY) == {"p60c", "p60d", "p104c", "p25a"}
    assert all(len(p.conditions) >= 3 for p in PATH_BY_KEY.values())


def test_adding_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 11, 30), 18) == dt.date(2027, 5, 30)
