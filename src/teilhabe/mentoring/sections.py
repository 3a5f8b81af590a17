"""The mentoring section of the person page (area "kontakte"), for the owning case
management: the person's pairs, whether their consent holds, the newest check-ins."""

from __future__ import annotations

from typing import Any

from teilhabe.mentoring.selectors import CHECKINS_SHOWN, pairs_of_person
from teilhabe.people.access import PersonAccess


def mentoring_section(access: PersonAccess) -> dict[str, Any]:
    rows = pairs_of_person(access)
    return {
        "pair_rows": rows,
        "checkins_shown": CHECKINS_SHOWN,
        "mentoring_person": access.person,
    }
