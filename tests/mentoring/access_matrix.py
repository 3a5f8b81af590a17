"""Matrix rows of the mentoring area (building block 5).

Objects (alliance A): the volunteer A's profile, person A's consent to accompaniment
naming the volunteer organisation, and an active pair of the two; the case manager A
started it. The coordinator A coordinates the lead office, not the volunteer organisation:
no check-in of this pair is theirs.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import row
from tests.mentoring.helpers import accompaniment_consent, pair, profile, volunteer_of

VOLUNTEER = row(404, anon=302, volunteer_a=200)
MEMBERS_POST = row(
    404,
    anon=302,
    cm_a=405,
    coord_a=405,
    partner_a=405,
    abh_a=405,
    cm_a_jmd=405,
    volunteer_a=405,
    dpo_a=405,
)

EXPECTED: dict[str, dict[str, int]] = {
    "mentoring:my_pairs": VOLUNTEER,
    "mentoring:profile": VOLUNTEER,
    "mentoring:profile_withdraw": MEMBERS_POST,
    "mentoring:pair_detail": VOLUNTEER,
    "mentoring:coordination": row(404, anon=302, coord_a=200),
    "mentoring:checkin_create": row(404, anon=302),
    # The owning case manager only: the partner with a consent sees the person, not this.
    "mentoring_person:pair_create": row(404, anon=302, cm_a=200),
    "mentoring_person:pair_close": row(404, anon=302, cm_a=200),
}


def url_kwargs(world: World) -> dict[str, Any]:
    membership = volunteer_of(world.a.alliance, "volunteer_a")
    volunteer = profile(membership)
    accompaniment_consent(world.a.person, membership.organisation)
    cm = next(u for p, u in world.a.users.items() if p.startswith("cm_"))
    return {"pair_id": pair(world.a.person, volunteer, cm).pk}
