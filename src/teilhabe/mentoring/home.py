"""The volunteer's start page: their mentoring in one line (no person named there, so no
disclosure; the names are on "Meine Begleitung")."""

from __future__ import annotations

from dataclasses import dataclass

from teilhabe.core.roles import Principal
from teilhabe.mentoring.models import VolunteerProfile
from teilhabe.mentoring.selectors import volunteer_pair_count


@dataclass(frozen=True)
class MentoringHome:
    pairs: int
    registered: bool


def mentoring_home(principal: Principal) -> MentoringHome:
    registered = VolunteerProfile.objects.filter(
        user_id=principal.user.pk or 0, consent_withdrawn_on__isnull=True
    ).exists()
    return MentoringHome(volunteer_pair_count(principal), registered)
