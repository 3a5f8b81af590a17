"""Shared rows of the mentoring tests: a volunteer profile of the world's volunteer, the
person's consent to accompaniment naming the volunteer organisation, a pair."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_scopes import scopes_disabled

from teilhabe.core.models import Membership, Role
from tests import factories as f


def volunteer_of(alliance: Any, username: str) -> Any:
    """The volunteer membership of `username` in `alliance`; where it has none, a new
    volunteer of a new organisation there (never a second alliance for `username`)."""
    with scopes_disabled():
        membership = Membership.objects.filter(
            alliance=alliance, role=Role.VOLUNTEER, user__username=username
        ).first()
        if membership is None:
            org = f.OrganisationFactory(
                alliance=alliance, kind="civil_society", name=f"Ehrenamt {alliance.slug}"
            )
            membership = f.MembershipFactory(
                user=f.UserFactory(username=f"volunteer-{alliance.slug}"),
                organisation=org,
                role=Role.VOLUNTEER,
            )
    return membership


def profile(membership: Any, **fields: Any) -> Any:
    from teilhabe.mentoring.models import VolunteerProfile

    with scopes_disabled():
        return VolunteerProfile.objects.create(
            alliance=membership.alliance,
            user=membership.user,
            organisation=membership.organisation,
            consent_given_on=dt.date(2026, 1, 1),
            **{"availability": "dienstags", "languages": "Deutsch Arabisch", **fields},
        )


def accompaniment_consent(person: Any, organisation: Any, **fields: Any) -> Any:
    with scopes_disabled():
        consent = f.ConsentFactory(
            person=person,
            organisation=person.owner,
            categories=fields.pop("categories", ["accompaniment"]),
            **fields,
        )
        consent.recipients.set(
            [organisation], through_defaults={"alliance_id": consent.alliance_id}
        )
    return consent


def pair(person: Any, volunteer: Any, case_manager: Any, **fields: Any) -> Any:
    from teilhabe.mentoring.models import MentoringPair

    with scopes_disabled():
        return MentoringPair.objects.create(
            alliance=person.alliance,
            person=person,
            volunteer=volunteer,
            organisation=volunteer.organisation,
            case_manager=case_manager,
            **{"goal": "Ausbildungsplatz finden", "started_on": dt.date(2026, 2, 1), **fields},
        )
