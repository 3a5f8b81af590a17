"""The participations section of the person page (four queries, whatever the history)."""

from __future__ import annotations

from typing import Any

from teilhabe.offers.waiting import person_waits
from teilhabe.people.access import PersonAccess
from teilhabe.trajectories import selectors, services
from teilhabe.trajectories.forms import with_review_forms

ON_PAGE = 10  # the latest; the trajectory page shows all


def participations_section(access: PersonAccess) -> dict[str, Any]:
    participations = selectors.participations_of(access, latest=ON_PAGE)
    for p in participations:
        p.editable = services.may_edit(access, p)  # type: ignore[attr-defined]
    return {
        "participations": participations,
        "participations_total": participations[0].total if participations else 0,  # type: ignore[attr-defined]
        "career_findings": with_review_forms(selectors.findings_with_state(access)),
        "can_review": access.is_owner,
        "back": "person",
        "may_record_participation": services.may_record_any(access),
        # The offers the person waits for, with the rank (one query); a partner with the
        # participations category sees them too, the owner adds and withdraws.
        "waits": person_waits(access),
        "may_manage_waits": access.is_owner,
    }
