"""The participations section of the person page (three queries, whatever the history)."""

from __future__ import annotations

from typing import Any

from teilhabe.people.access import PersonAccess
from teilhabe.trajectories import selectors, services


def participations_section(access: PersonAccess) -> dict[str, Any]:
    participations = selectors.participations_of(access)
    for p in participations:
        p.editable = services.may_edit(access, p)  # type: ignore[attr-defined]
    return {
        "participations": participations,
        "career_findings": selectors.findings_of(access),
        "may_record_participation": services.may_record_any(access),
    }
