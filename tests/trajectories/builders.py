"""Builders for Maßnahme-Karrieren test inputs, shaped like the input JSON of the spec."""

from __future__ import annotations

from typing import Any

from teilhabe.trajectories.careers import run

TODAY = "2026-11-21"  # lookback cutoff with the default 36 months: 2023-11-21


def part(
    ident: str,
    start: str,
    end: str | None,
    outcome: str | None = None,
    *,
    category: str = "language_course",
    level: str | None = None,
    certificate: bool = False,
    transition: str | None = None,
) -> dict[str, Any]:
    """A participation as in the input JSON; outcome defaults by whether it has an end."""
    return {
        "id": ident,
        "category": category,
        "level": level,
        "start": start,
        "end": end,
        "outcome": outcome or ("completed" if end is not None else "ongoing"),
        "certificate": certificate,
        "transition": transition,
    }


def document(
    participations: list[dict[str, Any]],
    *,
    today: str = TODAY,
    rules: dict[str, Any] | None = None,
    case_active: bool = False,
    intake: str | None = None,
) -> dict[str, Any]:
    person: dict[str, Any] = {
        "id": "p-001",
        "case_active": case_active,
        "participations": participations,
    }
    if intake is not None:
        person["intake"] = intake
    doc: dict[str, Any] = {"today": today, "persons": [person]}
    if rules is not None:
        doc["rules"] = rules
    return doc


def findings_of(participations: list[dict[str, Any]], **kwargs: Any) -> list[dict[str, Any]]:
    result = run(document(participations, **kwargs))
    persons: Any = result["persons"]
    return list(persons[0]["findings"])


def summary(participations: list[dict[str, Any]], **kwargs: Any) -> list[tuple[Any, ...]]:
    """(rule, ids) per finding, plus gap_days for MK3."""
    return [
        (f["rule"], f["participations"], f["gap_days"])
        if f["rule"] == "MK3"
        else (f["rule"], f["participations"])
        for f in findings_of(participations, **kwargs)
    ]
