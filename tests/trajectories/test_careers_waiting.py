"""Maßnahme-Karrieren rule MK3 (waiting loop), computed by hand."""

from __future__ import annotations

from typing import Any

from tests.trajectories.builders import findings_of, part, summary


def test_waiting_is_only_checked_for_active_cases() -> None:
    participations = [part("a", "2020-01-01", "2020-02-01")]
    assert summary(participations, case_active=False, intake="2019-01-01") == []
    assert summary(participations, case_active=True) == [("MK3", ["a"], 2485)]


def test_the_trailing_gap_counts_from_the_last_end_to_today() -> None:
    participations = [part("a", "2026-01-01", "2026-05-22")]  # 183 days before today
    assert summary(participations, case_active=True) == [("MK3", ["a"], 183)]
    participations = [part("a", "2026-01-01", "2026-05-23")]
    assert summary(participations, case_active=True) == []


def test_an_ongoing_participation_covers_up_to_today() -> None:
    assert summary([part("a", "2020-01-01", None)], case_active=True) == []


def test_the_gap_before_the_first_start_counts_from_the_intake() -> None:
    findings = findings_of(
        [part("a", "2025-08-01", None, category="mentoring")],
        case_active=True,
        intake="2025-01-01",
    )
    assert findings == [
        {
            "rule": "MK3",
            "participations": ["a"],
            "gap_days": 212,
            "explanation": "Wartezeit von 212 Tagen ohne Maßnahme (01.01.2025–01.08.2025) "
            "von der Aufnahme bis zum Beginn von Mentoring (08/2025–laufend).",
        }
    ]


def test_an_intake_after_the_first_start_does_not_open_a_gap() -> None:
    assert summary([part("a", "2024-01-01", None)], case_active=True, intake="2024-06-01") == []


def test_a_person_without_participations_waits_since_the_intake() -> None:
    findings = findings_of([], case_active=True, intake="2026-01-01")
    assert findings == [
        {
            "rule": "MK3",
            "participations": [],
            "gap_days": 324,
            "explanation": "Wartezeit von 324 Tagen ohne Maßnahme (01.01.2026–21.11.2026) "
            "seit der Aufnahme; bisher keine Maßnahme begonnen.",
        }
    ]
    assert summary([], case_active=True, intake="2026-05-22") == [("MK3", [], 183)]
    assert summary([], case_active=True, intake="2026-05-23") == []
    assert summary([], case_active=True) == []
    assert summary([], case_active=False, intake="2020-01-01") == []


def test_a_participation_starting_after_today_covers_nothing() -> None:
    participations = [part("future", "2027-01-01", None)]
    assert summary(participations, case_active=True, intake="2026-01-01") == [("MK3", [], 324)]


def test_overlapping_participations_cover_their_union() -> None:
    participations = [
        part("a", "2024-01-01", "2024-06-30"),
        part("b", "2024-03-01", "2024-09-30", category="internship"),
        part("c", "2025-06-01", None, category="mentoring"),
    ]
    # Gap from 2024-09-30 (end of b; a's end lies inside the block) to 2025-06-01.
    assert summary(participations, case_active=True) == [("MK3", ["b", "c"], 244)]


def test_the_left_side_is_the_latest_end_not_the_last_in_order() -> None:
    participations = [
        part("long", "2024-01-01", "2024-09-30"),
        part("short", "2024-02-01", "2024-03-31", category="internship"),
        part("c", "2025-06-01", None, category="mentoring"),
    ]
    assert summary(participations, case_active=True) == [("MK3", ["long", "c"], 244)]


def test_a_tie_on_the_left_side_goes_to_the_later_in_order() -> None:
    participations = [
        part("b", "2024-03-01", "2024-09-30", category="internship"),
        part("a", "2024-01-01", "2024-09-30"),
        part("z", "2025-06-01", None, category="mentoring"),
        part("y", "2025-06-01", "2025-07-01", category="tutoring"),
    ]
    # Left: a and b both end 2024-09-30, b is later in order. Right: y and z start together,
    # y is first in order because its end is not null.
    found = summary(participations, case_active=True, rules={"chain_length": 9})
    assert found == [("MK3", ["b", "y"], 244)]


def test_adjacent_days_leave_no_uncovered_gap() -> None:
    participations = [
        part("a", "2026-01-01", "2026-01-31"),
        part("b", "2026-02-01", None, category="internship"),
    ]
    assert summary(participations, case_active=True, rules={"waiting_days": 1}) == []
    participations[1]["start"] = "2026-02-02"
    assert summary(participations, case_active=True, rules={"waiting_days": 1}) == [
        ("MK3", ["a", "b"], 2)
    ]


def test_a_gap_counts_only_when_its_end_lies_within_the_lookback() -> None:
    def gap_to(second_start: str) -> list[tuple[Any, ...]]:
        return summary(
            [
                part("a", "2022-01-01", "2022-02-01"),
                part("b", second_start, None, category="internship"),
            ],
            case_active=True,
        )

    assert gap_to("2023-11-20") == []
    assert gap_to("2023-11-21") == [("MK3", ["a", "b"], 658)]


def test_waiting_findings_are_ordered_by_the_day_their_gap_begins() -> None:
    participations = [
        part("a", "2024-01-01", "2024-01-31"),
        part("b", "2024-09-01", "2024-09-30", category="internship"),
        part("c", "2025-06-01", "2025-06-30", category="mentoring"),
    ]
    found = summary(
        participations, case_active=True, intake="2023-06-01", rules={"chain_length": 9}
    )
    assert found == [
        ("MK3", ["a"], 214),
        ("MK3", ["a", "b"], 214),
        ("MK3", ["b", "c"], 244),
        ("MK3", ["c"], 509),
    ]


def test_a_single_day_gap_is_written_in_the_singular() -> None:
    findings = findings_of(
        [part("a", "2026-01-01", "2026-11-20")], case_active=True, rules={"waiting_days": 1}
    )
    assert findings[0]["explanation"].startswith("Wartezeit von 1 Tag ohne Maßnahme")
