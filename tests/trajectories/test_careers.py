"""Maßnahme-Karrieren rules MK1, MK2, MK4 and the output shape (spec v1), computed by hand.

Pure functions only: no database, no Django.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from teilhabe.trajectories.careers import (
    CATEGORY_LABELS,
    lookback_start,
    parse_input,
    progress_ids,
    run,
)
from tests.trajectories.builders import TODAY, document, findings_of, part, summary

# --------------------------------------------------------------------------- spec examples


def test_the_spec_input_example_yields_one_trailing_waiting_gap() -> None:
    spec_input = {
        "today": "2026-11-21",
        "rules": {"chain_length": 3, "abort_run": 2, "waiting_days": 183, "lookback_months": 36},
        "persons": [
            {
                "id": "p-001",
                "case_active": True,
                "intake": "2024-01-15",
                "participations": [
                    {
                        "id": "a",
                        "category": "language_course",
                        "level": "A2",
                        "start": "2024-02-01",
                        "end": "2024-06-30",
                        "outcome": "completed",
                        "certificate": False,
                        "transition": None,
                    }
                ],
            }
        ],
    }
    # Leading gap 2024-01-15 → 2024-02-01 is 17 days (too short); trailing gap
    # 2024-06-30 → 2026-11-21 is 874 days; one participation cannot form a chain.
    assert run(spec_input) == {
        "persons": [
            {
                "id": "p-001",
                "flagged": True,
                "findings": [
                    {
                        "rule": "MK3",
                        "participations": ["a"],
                        "gap_days": 874,
                        "explanation": "Wartezeit von 874 Tagen ohne Maßnahme "
                        "(30.06.2024–21.11.2026) seit dem Ende von Sprachkurs A2 "
                        "(02/2024–06/2024).",
                    }
                ],
            }
        ]
    }


def test_a_chain_and_a_240_day_wait_read_like_the_spec_output_example() -> None:
    participations = [
        part("a", "2023-12-01", "2024-02-29", level="A1"),
        part("b", "2024-03-01", "2024-04-30", category="integration_course"),
        part("c", "2024-05-02", "2024-07-01", category="vocational_orientation"),
        part("d", "2025-02-26", None, category="internship"),
    ]
    findings = findings_of(participations, case_active=True, intake="2023-11-20")
    assert findings == [
        {
            "rule": "MK1",
            "participations": ["a", "b", "c"],
            "explanation": "Drei Maßnahmen in Folge ohne Fortschritt: Sprachkurs A1 "
            "(12/2023–02/2024), Integrationskurs (03/2024–04/2024), Berufsorientierung "
            "(05/2024–07/2024).",
        },
        {
            "rule": "MK3",
            "participations": ["c", "d"],
            "gap_days": 240,
            "explanation": "Wartezeit von 240 Tagen ohne Maßnahme (01.07.2024–26.02.2025) "
            "zwischen dem Ende von Berufsorientierung (05/2024–07/2024) und dem Beginn von "
            "Praktikum (02/2025–laufend).",
        },
    ]


def test_a_person_without_findings_is_not_flagged() -> None:
    result = run(document([part("a", "2025-01-01", None)], case_active=True))
    assert result == {"persons": [{"id": "p-001", "flagged": False, "findings": []}]}


def test_persons_keep_their_input_order() -> None:
    doc = {
        "today": TODAY,
        "persons": [
            {"id": pid, "case_active": False, "participations": []} for pid in ("z", "a", "m")
        ],
    }
    persons: Any = run(doc)["persons"]
    assert [p["id"] for p in persons] == ["z", "a", "m"]


# --------------------------------------------------------------------------- lookback


def test_lookback_subtracts_calendar_months() -> None:
    assert lookback_start(date(2026, 11, 21), 36) == date(2023, 11, 21)
    assert lookback_start(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_lookback_clamps_to_the_end_of_a_shorter_month() -> None:
    assert lookback_start(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert lookback_start(date(2024, 5, 31), 3) == date(2024, 2, 29)
    assert lookback_start(date(2026, 3, 31), 1) == date(2026, 2, 28)


def test_lookback_far_beyond_year_one_includes_everything() -> None:
    assert lookback_start(date(2026, 1, 1), 10**9) == date.min


def _three_in_a_row(first_end: str) -> list[dict[str, Any]]:
    return [
        part("a", "2023-06-01", first_end),
        part("b", "2024-01-01", "2024-02-01", category="internship"),
        part("c", "2024-03-01", "2024-04-01", category="mentoring"),
    ]


def test_a_participation_ending_exactly_at_the_lookback_boundary_counts() -> None:
    assert summary(_three_in_a_row("2023-11-21")) == [("MK1", ["a", "b", "c"])]


def test_a_participation_ending_one_day_before_the_lookback_boundary_does_not_count() -> None:
    assert summary(_three_in_a_row("2023-11-20")) == []


def test_the_lookback_boundary_uses_the_clamped_month_end() -> None:
    def chain(first_end: str) -> list[tuple[Any, ...]]:
        return summary(
            [
                part("a", "2026-01-01", first_end),
                part("b", "2026-03-01", "2026-03-10", category="internship"),
                part("c", "2026-04-01", "2026-04-10", category="mentoring"),
            ],
            today="2026-05-31",
            rules={"lookback_months": 3},
        )

    assert chain("2026-02-28") == [("MK1", ["a", "b", "c"])]
    assert chain("2026-02-27") == []


# --------------------------------------------------------------------------- MK1


def test_three_ended_participations_without_progress_form_a_chain() -> None:
    participations = [
        part("c", "2024-09-01", "2024-10-01", "aborted", category="mentoring"),
        part("a", "2024-01-01", "2024-03-01"),
        part("b", "2024-04-01", "2024-06-01", category="internship"),
    ]
    assert summary(participations) == [("MK1", ["a", "b", "c"])]


def test_a_chain_is_one_finding_listing_every_participation_of_the_maximal_run() -> None:
    participations = [
        part(f"x{i}", f"2024-{i:02d}-01", f"2024-{i:02d}-10", category=f"cat{i}")
        for i in range(1, 6)
    ]
    assert summary(participations) == [("MK1", ["x1", "x2", "x3", "x4", "x5"])]


def test_an_ongoing_participation_neither_breaks_nor_joins_a_chain() -> None:
    breaking = [
        part("a", "2024-01-01", "2024-02-01"),
        part("b", "2024-03-01", "2024-04-01", category="internship"),
        part("x", "2024-03-15", None, category="counselling"),
        part("c", "2024-05-01", "2024-06-01", category="mentoring"),
    ]
    assert summary(breaking) == [("MK1", ["a", "b", "c"])]
    joining = [
        part("a", "2024-01-01", "2024-02-01"),
        part("x", "2024-03-15", None, category="counselling"),
        part("c", "2024-05-01", "2024-06-01", category="mentoring"),
    ]
    assert summary(joining) == []


def test_an_ended_participation_outside_the_lookback_neither_breaks_nor_joins_a_chain() -> None:
    participations = [
        part("long", "2023-01-01", "2024-01-31"),
        # Ordered between "long" and "b" but ended before the lookback cutoff 2023-11-21.
        part("old", "2023-02-01", "2023-03-01", category="internship", certificate=True),
        part("b", "2024-03-01", "2024-04-01", category="mentoring"),
        part("c", "2024-05-01", "2024-06-01", category="tutoring"),
    ]
    assert summary(participations) == [("MK1", ["long", "b", "c"])]


def test_a_progress_participation_ends_a_chain_and_belongs_to_none() -> None:
    participations = [
        part("a", "2024-01-01", "2024-01-31"),
        part("b", "2024-02-01", "2024-02-28", category="internship"),
        part("cert", "2024-03-01", "2024-03-31", category="mentoring", certificate=True),
        part("c", "2024-04-01", "2024-04-30", category="tutoring"),
        part("d", "2024-05-01", "2024-05-31", category="counselling"),
        part("e", "2024-06-01", "2024-06-30", category="housing_help"),
    ]
    assert summary(participations) == [("MK1", ["c", "d", "e"])]


def test_a_transition_is_progress_even_after_an_abort() -> None:
    participations = [
        part("a", "2024-01-01", "2024-01-31"),
        part("b", "2024-02-01", "2024-02-28", "aborted", transition="employment"),
        part("c", "2024-04-01", "2024-04-30", category="tutoring"),
    ]
    assert summary(participations, rules={"chain_length": 2}) == []
    assert progress_ids(parse_input(document(participations))[2][0].participations) == {"b"}


def test_a_longer_chain_is_counted_in_digits_above_twelve() -> None:
    participations = [
        part(f"m{i:02d}", f"2024-{(i % 12) + 1:02d}-{i // 12 + 1:02d}", None, "aborted")
        for i in range(13)
    ]
    for p in participations:
        p["end"] = p["start"]
    explanation = findings_of(participations)[0]["explanation"]
    assert explanation.startswith("13 Maßnahmen in Folge ohne Fortschritt: Sprachkurs (")


# --------------------------------------------------------------------------- progress rule (c)


def _progress(participations: list[dict[str, Any]]) -> frozenset[str]:
    return progress_ids(parse_input(document(participations))[2][0].participations)


def test_a_higher_level_after_an_earlier_completed_level_is_progress() -> None:
    assert _progress(
        [
            part("a1", "2024-01-01", "2024-03-01", level="A1"),
            part("a2", "2024-04-01", "2024-06-01", level="A2", category="integration_course"),
        ]
    ) == {"a2"}


def test_a_level_without_an_earlier_completed_level_is_not_progress() -> None:
    assert _progress([part("b1", "2024-01-01", "2024-03-01", level="B1")]) == frozenset()
    # An earlier *aborted* participation with a level does not count as a reference.
    assert (
        _progress(
            [
                part("a1", "2024-01-01", "2024-03-01", "aborted", level="A1"),
                part("a2", "2024-04-01", "2024-06-01", level="A2"),
            ]
        )
        == frozenset()
    )


def test_a_level_must_be_strictly_higher_than_all_earlier_completed_levels() -> None:
    assert (
        _progress(
            [
                part("b1", "2024-01-01", "2024-02-01", level="B1"),
                part("a1", "2024-03-01", "2024-04-01", level="A1"),
                part("a2", "2024-05-01", "2024-06-01", level="A2"),
                part("b1again", "2024-07-01", "2024-08-01", level="B1"),
            ]
        )
        == frozenset()
    )


def test_a_higher_level_that_was_aborted_is_not_progress() -> None:
    assert (
        _progress(
            [
                part("a1", "2024-01-01", "2024-02-01", level="A1"),
                part("a2", "2024-03-01", "2024-04-01", "aborted", level="A2"),
            ]
        )
        == frozenset()
    )


def test_earlier_means_earlier_in_order_not_earlier_end() -> None:
    # "a1" starts first, so it is earlier although it ends after "a2".
    assert _progress(
        [
            part("a1", "2024-01-01", "2024-12-01", level="A1"),
            part("a2", "2024-02-01", "2024-03-01", level="A2"),
        ]
    ) == {"a2"}


def test_progress_by_level_breaks_a_chain() -> None:
    participations = [
        part("a", "2024-01-01", "2024-01-31", level="A1"),
        part("b", "2024-02-01", "2024-02-28", level="A2"),
        part("c", "2024-03-01", "2024-03-31", category="internship"),
        part("d", "2024-04-01", "2024-04-30", category="mentoring"),
    ]
    assert summary(participations) == []


# --------------------------------------------------------------------------- MK2


def test_repeating_the_same_category_and_level_is_a_repetition() -> None:
    participations = [
        part("q", "2024-02-01", "2024-06-30", level="A2"),
        part("p", "2025-03-01", "2025-05-31", "aborted", level="A2"),
    ]
    assert findings_of(participations) == [
        {
            "rule": "MK2",
            "participations": ["q", "p"],
            "explanation": "Wiederholung: Sprachkurs A2 (03/2025–05/2025) wiederholt "
            "Sprachkurs A2 (02/2024–06/2024) ohne Fortschritt dazwischen.",
        }
    ]


def test_two_null_levels_are_the_same_level() -> None:
    participations = [
        part("q", "2024-02-01", "2024-06-30", category="integration_course"),
        part("p", "2025-03-01", "2025-05-31", category="integration_course"),
    ]
    assert summary(participations) == [("MK2", ["q", "p"])]


def test_a_different_level_or_category_is_no_repetition() -> None:
    q = part("q", "2024-02-01", "2024-06-30")
    assert summary([q, part("p", "2025-03-01", "2025-05-31", level="A1")]) == []
    assert summary([q, part("p", "2025-03-01", "2025-05-31", category="internship")]) == []


def test_a_progress_between_q_and_p_blocks_the_repetition() -> None:
    participations = [
        part("q", "2024-01-01", "2024-02-01", category="internship"),
        part("x", "2024-03-01", "2024-04-01", category="mentoring", transition="school"),
        part("p", "2024-05-01", "2024-06-01", category="internship"),
    ]
    assert summary(participations) == []


def test_an_ongoing_participation_between_q_and_p_does_not_block() -> None:
    participations = [
        part("q", "2024-01-01", "2024-02-01", category="internship"),
        part("x", "2024-03-01", None, category="mentoring", certificate=True),
        part("p", "2024-05-01", "2024-06-01", category="internship"),
    ]
    assert summary(participations) == [("MK2", ["q", "p"])]


def test_a_progress_outside_the_lookback_between_q_and_p_also_blocks() -> None:
    participations = [
        part("q", "2023-01-01", "2024-02-01", category="internship"),
        part("x", "2023-02-01", "2023-03-01", category="mentoring", certificate=True),
        part("p", "2024-05-01", "2024-06-01", category="internship"),
    ]
    assert summary(participations) == []


def test_a_repetition_names_the_nearest_earlier_participation() -> None:
    participations = [
        part("q1", "2024-01-01", "2024-02-01", category="internship"),
        part("q2", "2024-03-01", "2024-04-01", category="internship"),
        part("p", "2024-05-01", "2024-06-01", category="internship"),
    ]
    assert summary(participations, rules={"chain_length": 9}) == [
        ("MK2", ["q1", "q2"]),
        ("MK2", ["q2", "p"]),
    ]


def test_a_progress_participation_is_never_the_repeating_one_but_may_be_repeated() -> None:
    passed_again = [
        part("q", "2024-01-01", "2024-02-01", level="A2"),
        part("p", "2024-05-01", "2024-06-01", level="A2", certificate=True),
    ]
    assert summary(passed_again) == []
    repeated_after_passing = [
        part("q", "2024-01-01", "2024-02-01", level="A2", certificate=True),
        part("p", "2024-05-01", "2024-06-01", level="A2"),
    ]
    assert summary(repeated_after_passing) == [("MK2", ["q", "p"])]


def test_a_repetition_needs_both_participations_ended_and_within_the_lookback() -> None:
    old_q = [
        part("q", "2023-01-01", "2023-11-20", category="internship"),
        part("p", "2024-05-01", "2024-06-01", category="internship"),
    ]
    assert summary(old_q) == []
    ongoing_p = [
        part("q", "2024-01-01", "2024-02-01", category="internship"),
        part("p", "2024-05-01", None, category="internship"),
    ]
    assert summary(ongoing_p) == []


# --------------------------------------------------------------------------- MK4


def test_two_aborts_in_a_row_are_an_abort_series() -> None:
    participations = [
        part("a", "2025-03-01", "2025-04-15", "aborted", category="internship"),
        part("b", "2025-05-01", "2025-06-30", "aborted", category="pre_vocational_training"),
    ]
    assert findings_of(participations) == [
        {
            "rule": "MK4",
            "participations": ["a", "b"],
            "explanation": "Zwei Abbrüche in Folge: Praktikum (03/2025–04/2025), "
            "Einstiegsqualifizierung (05/2025–06/2025).",
        }
    ]


def test_a_completed_or_progress_participation_ends_an_abort_series() -> None:
    for breaker in (
        part("x", "2025-02-01", "2025-02-10", category="mentoring"),
        part("x", "2025-02-01", "2025-02-10", "aborted", category="mentoring", certificate=True),
    ):
        participations = [
            part("a", "2025-01-01", "2025-01-10", "aborted", category="internship"),
            breaker,
            part("b", "2025-03-01", "2025-03-10", "aborted", category="tutoring"),
        ]
        assert [f for f in summary(participations) if f[0] == "MK4"] == []


def test_an_ongoing_participation_does_not_break_an_abort_series() -> None:
    participations = [
        part("a", "2025-01-01", "2025-01-10", "aborted", category="internship"),
        part("x", "2025-02-01", None, category="mentoring"),
        part("b", "2025-03-01", "2025-03-10", "aborted", category="tutoring"),
        part("c", "2025-04-01", "2025-04-10", "aborted", category="counselling"),
    ]
    assert summary(participations, rules={"chain_length": 9}) == [("MK4", ["a", "b", "c"])]


# --------------------------------------------------------------------------- output


def test_findings_are_ordered_by_rule_then_position_or_gap_begin() -> None:
    participations = [
        part("q1", "2024-01-01", "2024-01-31", category="internship"),
        part("q2", "2024-02-01", "2024-02-28", category="mentoring"),
        part("p2", "2024-03-01", "2024-03-31", "aborted", category="mentoring"),
        part("p1", "2024-04-01", "2024-04-30", "aborted", category="internship"),
        part("cert", "2024-05-01", "2024-05-31", category="tutoring", certificate=True),
        part("r", "2025-03-01", "2025-03-31", "aborted", category="counselling"),
        part("s", "2025-04-01", "2025-04-30", "aborted", category="housing_help"),
    ]
    assert summary(participations, case_active=True) == [
        ("MK1", ["q1", "q2", "p2", "p1"]),
        ("MK2", ["q1", "p1"]),  # its Q comes first in order although its P comes later
        ("MK2", ["q2", "p2"]),
        ("MK3", ["cert", "r"], 274),
        ("MK3", ["s"], 570),
        ("MK4", ["p2", "p1"]),
        ("MK4", ["r", "s"]),
    ]


def test_unknown_categories_are_shown_as_given_and_known_ones_in_german() -> None:
    participations = [
        part("a", "2024-01-01", "2024-01-31", "aborted", category="Nähkurs"),
        part("b", "2024-02-01", "2024-02-28", "aborted", category="housing_help"),
    ]
    explanation = findings_of(participations)[0]["explanation"]
    assert explanation == (
        "Zwei Abbrüche in Folge: Nähkurs (01/2024–01/2024), Wohnungshilfe (02/2024–02/2024)."
    )
    assert CATEGORY_LABELS["counselling"] == "Beratung"
    assert len(CATEGORY_LABELS) == 14
