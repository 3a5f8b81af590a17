"""Eligibility: person facts × offer rules → eligible, or excluded with the reasons."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from teilhabe.offers.eligibility import (
    AGE,
    CEFR_RANK,
    LANGUAGE,
    LEGAL_DOMAIN,
    PLACES,
    STATUS,
    OfferRules,
    PersonFacts,
    age_on,
    best_level,
    check,
)
from teilhabe.people.models import ResidenceStatus

TOLERATED = PersonFacts(status="toleration", age=20, german_level="A2", legal_domains=frozenset())


def test_an_offer_without_conditions_is_open_to_everyone() -> None:
    assert check(TOLERATED, OfferRules()).eligible


def test_an_offer_closed_to_tolerated_persons_says_so_in_german() -> None:
    rules = OfferRules(allowed_statuses=frozenset({"residence_permit", "gestattung"}))
    with translation.override("de"):
        verdict = check(TOLERATED, rules)
    assert not verdict.eligible
    assert verdict.rules == {STATUS}
    assert verdict.reasons == ["nicht offen für Geduldete"]


def test_a_language_minimum_above_the_persons_level_reads_ab_b1() -> None:
    with translation.override("de"):
        verdict = check(TOLERATED, OfferRules(min_cefr_level="B1"))
    assert verdict.reasons == ["ab B1"]


def test_an_unrecorded_german_level_counts_as_none() -> None:
    facts = PersonFacts(status="toleration", age=20, german_level=None)
    assert check(facts, OfferRules(min_cefr_level="A1")).rules == {LANGUAGE}
    assert check(facts, OfferRules(min_cefr_level="none")).eligible


def test_age_range_outside_reads_alter_18_25() -> None:
    facts = PersonFacts(status="toleration", age=26, german_level="B1")
    with translation.override("de"):
        verdict = check(facts, OfferRules(min_age=18, max_age=25))
    assert verdict.reasons == ["Alter 18–25"]


def test_only_for_sgb_ii_clients() -> None:
    with translation.override("de"):
        verdict = check(TOLERATED, OfferRules(required_legal_domain="sgb2"))
    assert verdict.reasons == ["nur für SGB-II-Leistungsberechtigte"]
    sgb2 = PersonFacts("toleration", 20, "A2", frozenset({"sgb2"}))
    assert check(sgb2, OfferRules(required_legal_domain="sgb2")).eligible


def test_a_full_offer_excludes_with_no_free_places_and_no_limit_never_does() -> None:
    with translation.override("de"):
        assert check(TOLERATED, OfferRules(free_places=0)).reasons == ["keine freien Plätze"]
    assert check(TOLERATED, OfferRules(free_places=None)).eligible


def test_every_failed_rule_is_named_in_a_fixed_order() -> None:
    facts = PersonFacts(status=None, age=30, german_level="A1")
    rules = OfferRules(
        allowed_statuses=frozenset({"settlement"}),
        max_age=27,
        min_cefr_level="B2",
        required_legal_domain="sgb3",
        free_places=0,
    )
    assert [e.rule for e in check(facts, rules).exclusions] == [
        STATUS,
        AGE,
        LANGUAGE,
        LEGAL_DOMAIN,
        PLACES,
    ]


def test_age_is_counted_in_whole_years_up_to_the_birthday() -> None:
    assert age_on(dt.date(2003, 11, 21), dt.date(2026, 11, 21)) == 23
    assert age_on(dt.date(2003, 11, 22), dt.date(2026, 11, 21)) == 22


def test_the_best_german_level_wins() -> None:
    assert best_level(["A2", "B1", "none"]) == "B1"
    assert best_level([]) is None


levels = st.sampled_from(list(CEFR_RANK))
statuses = st.sampled_from([*ResidenceStatus.values, None])
domains = st.frozensets(st.sampled_from(["sgb2", "sgb3", "asylblg", "sgb8"]))
facts_st = st.builds(
    PersonFacts,
    status=statuses,
    age=st.integers(14, 40),
    german_level=st.one_of(st.none(), levels),
    legal_domains=domains,
    work_condition=st.sampled_from([None, "work_forbidden", "work_needs_permission"]),
    permitted_providers=st.frozensets(st.sampled_from(["jmd", "hwk"])),
)
rules_st = st.builds(
    OfferRules,
    min_age=st.one_of(st.none(), st.integers(14, 30)),
    max_age=st.one_of(st.none(), st.integers(18, 40)),
    allowed_statuses=st.frozensets(st.sampled_from(ResidenceStatus.values)),
    required_legal_domain=st.sampled_from(["", "sgb2", "sgb3", "asylblg", "sgb8"]),
    min_cefr_level=st.sampled_from(["", *CEFR_RANK]),
    free_places=st.one_of(st.none(), st.integers(0, 5)),
    requires_work_permission=st.booleans(),
    provider_id=st.sampled_from(["jmd", "hwk"]),
)


@given(facts_st, rules_st)
def test_eligible_exactly_when_no_rule_excludes(facts: PersonFacts, rules: OfferRules) -> None:
    verdict = check(facts, rules)
    assert verdict.eligible == (not verdict.exclusions)
    assert len(verdict.rules) == len(verdict.exclusions)  # one reason per rule


@given(facts_st, rules_st)
def test_dropping_a_condition_never_excludes_more(facts: PersonFacts, rules: OfferRules) -> None:
    before = check(facts, rules).rules
    looser = [
        OfferRules(**{**rules.__dict__, "allowed_statuses": frozenset()}),
        OfferRules(**{**rules.__dict__, "min_age": None, "max_age": None}),
        OfferRules(**{**rules.__dict__, "min_cefr_level": ""}),
        OfferRules(**{**rules.__dict__, "required_legal_domain": ""}),
        OfferRules(**{**rules.__dict__, "free_places": None}),
        OfferRules(**{**rules.__dict__, "requires_work_permission": False}),
    ]
    for loose in looser:
        assert check(facts, loose).rules <= before


@given(facts_st, rules_st, levels)
def test_a_better_german_level_never_excludes_more(
    facts: PersonFacts, rules: OfferRules, level: str
) -> None:
    if CEFR_RANK[level] >= CEFR_RANK.get(facts.german_level or "none", 0):
        better = PersonFacts(facts.status, facts.age, level, facts.legal_domains)
        assert check(better, rules).rules <= check(facts, rules).rules
