"""Reads of the mentoring app. What a volunteer sees of a person comes only through
`people.access.accompaniment_for`; pairs are found here, the person's data there."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from teilhabe.core.models import Role
from teilhabe.core.roles import Principal
from teilhabe.mentoring.models import MentoringPair, VolunteerProfile
from teilhabe.people.access import (
    Accompanied,
    PersonAccess,
    accompaniment_consents,
    accompaniment_for,
)

CHECKINS_SHOWN = 5


def volunteer_profile_get(principal: Principal) -> VolunteerProfile | None:
    """The principal's own profile (the first volunteer organisation's)."""
    orgs = principal.organisations(Role.VOLUNTEER)
    if not orgs:
        raise Http404
    return VolunteerProfile.objects.filter(
        user_id=principal.user.pk or 0, organisation=orgs[0]
    ).first()


def volunteers_list(
    access: PersonAccess, *, languages: str = "", availability: str = ""
) -> QuerySet[VolunteerProfile]:
    """Volunteers of the alliance a case manager may pair the person with: registered,
    their own consent not withdrawn; searched by languages and availability."""
    if not access.is_owner:
        raise Http404
    qs = VolunteerProfile.objects.filter(
        alliance_id=access.person.alliance_id, consent_withdrawn_on__isnull=True
    ).select_related("user", "organisation")
    for word in languages.split():
        qs = qs.filter(languages__icontains=word)
    for word in availability.split():
        qs = qs.filter(availability__icontains=word)
    return qs.order_by("organisation__name", "user__last_name", "pk")


@dataclass(frozen=True)
class PairRow:
    pair: MentoringPair
    covered: bool  # an active consent of the category names the volunteer organisation

    @property
    def state(self) -> str:
        if self.pair.ended_on:
            return "ended"
        return "active" if self.covered else "paused"


def pairs_of_person(access: PersonAccess) -> list[PairRow]:
    """The person's pairs for the owning case manager, with the newest check-ins; a pair
    whose consent is gone shows as paused. Three queries."""
    if not access.is_owner:
        raise Http404
    pairs = list(
        MentoringPair.objects.filter(person=access.person)
        .select_related("volunteer__user", "organisation")
        .prefetch_related("checkins")
    )
    covered = accompaniment_consents([(p.person_id, p.organisation_id) for p in pairs])
    return [PairRow(p, (p.person_id, p.organisation_id) in covered) for p in pairs]


def pair_of_person(access: PersonAccess, pair_id: uuid.UUID) -> MentoringPair:
    if not access.is_owner:
        raise Http404
    try:
        return MentoringPair.objects.get(pk=pair_id, person=access.person)
    except MentoringPair.DoesNotExist as exc:
        raise Http404 from exc


def _volunteers_pairs(principal: Principal) -> QuerySet[MentoringPair]:
    return MentoringPair.objects.filter(
        volunteer__user_id=principal.user.pk or 0,
        organisation__in=principal.organisations(Role.VOLUNTEER),
        ended_on__isnull=True,
    ).select_related("case_manager", "organisation", "volunteer")


def pairs_for_volunteer(principal: Principal) -> list[tuple[MentoringPair, Accompanied]]:
    """The volunteer's active pairs whose consent holds, each with what they may see."""
    shown = []
    for pair in _volunteers_pairs(principal):
        try:
            shown.append((pair, _seen(principal, pair)))
        except Http404:
            continue  # consent withdrawn or person restricted: the pair is not theirs to see
    return shown


def _seen(principal: Principal, pair: MentoringPair) -> Accompanied:
    return accompaniment_for(
        principal,
        person_id=pair.person_id,
        organisation_id=pair.organisation_id,
        volunteer_user_id=pair.volunteer.user_id,
    )


def pair_for_volunteer(
    principal: Principal, pair_id: uuid.UUID
) -> tuple[MentoringPair, Accompanied]:
    """One active pair of the volunteer, or 404 (also at once after a withdrawal)."""
    pair = _volunteers_pairs(principal).filter(pk=pair_id).first()
    if pair is None:
        raise Http404
    return pair, _seen(principal, pair)


def pairs_for_coordinator(principal: Principal) -> list[MentoringPair]:
    """Active pairs of the organisations the principal coordinates, while their consent
    holds (the organisation is the recipient); the person is not named."""
    orgs = principal.organisations(Role.COORDINATOR)
    pairs = list(
        MentoringPair.objects.filter(organisation__in=orgs, ended_on__isnull=True)
        .select_related("volunteer__user", "organisation")
        .prefetch_related("checkins")
        .order_by("started_on", "pk")
    )
    covered = accompaniment_consents([(p.person_id, p.organisation_id) for p in pairs])
    return [p for p in pairs if (p.person_id, p.organisation_id) in covered]


def pair_for_coordinator(principal: Principal, pair_id: Any) -> MentoringPair:
    found = next((p for p in pairs_for_coordinator(principal) if str(p.pk) == str(pair_id)), None)
    if found is None:
        raise Http404
    return found


def volunteer_pair_count(principal: Principal) -> int:
    """How many of the volunteer's active pairs their consent holds (two queries)."""
    keys = list(_volunteers_pairs(principal).values_list("person_id", "organisation_id"))
    covered = accompaniment_consents(keys)
    return sum(1 for key in keys if key in covered)
