"""Demo step of mentoring: the alliance's volunteer registered with a profile, two persons
with a consent to accompaniment naming the volunteer network, one active pair with two
check-ins. Deterministic (ids from a generator seeded by the alliance) and idempotent."""

from __future__ import annotations

import datetime as dt
import random

from teilhabe.casework.models import Case, Consent, ConsentRecipient
from teilhabe.core.models import Alliance, Membership, Organisation, Role
from teilhabe.demo.common import TODAY, uuid_from
from teilhabe.mentoring.models import CheckIn, MentoringPair, VolunteerProfile

K = Organisation.Kind
GOALS = ["Ausbildungsplatz finden und Bewerbungen schreiben", "Deutsch im Alltag üben"]
NOTES = ["Erstes Kennenlernen im Café, gute Stimmung.", "Zwei Bewerbungen gemeinsam geschrieben."]


def extend_alliance(
    *, alliance: Alliance, organisations: dict[str, Organisation], rng: random.Random, profile: str
) -> None:
    owner, network = organisations.get(K.TEILHABEMANAGEMENT), organisations.get(K.CIVIL_SOCIETY)
    if owner is None or network is None:
        return
    volunteer = (
        Membership.objects.filter(organisation=network, role=Role.VOLUNTEER, is_active=True)
        .order_by("user_id")
        .first()
    )
    open_cases = list(
        Case.objects.filter(organisation=owner, status=Case.Status.OPEN)
        .order_by("person_id")
        .values_list("person_id", "case_manager_id")[:2]
    )
    if volunteer is None or not open_cases:
        return
    rng = random.Random(f"mentoring:{alliance.slug}:{profile}")
    profile_row = VolunteerProfile(
        id=uuid_from(rng),
        alliance=alliance,
        user_id=volunteer.user_id,
        organisation=network,
        availability="dienstags und donnerstags ab 16 Uhr",
        languages="Deutsch, Arabisch, Englisch",
        skills="Bewerbungen, Hausaufgaben, Fußball",
        consent_given_on=TODAY - dt.timedelta(days=90),
    )
    VolunteerProfile.objects.bulk_create([profile_row], ignore_conflicts=True)
    profile_row = VolunteerProfile.objects.get(user_id=volunteer.user_id, organisation=network)
    consents = [
        Consent(
            id=uuid_from(rng),
            alliance=alliance,
            person_id=person_id,
            organisation=owner,
            purpose=Consent.Purpose.OTHER,
            purpose_detail="Begleitung durch eine ehrenamtliche Patin oder einen Paten",
            categories=["accompaniment"],
            valid_from=TODAY - dt.timedelta(days=60),
        )
        for person_id, _ in open_cases
    ]
    Consent.objects.bulk_create(consents, ignore_conflicts=True)
    ConsentRecipient.objects.bulk_create(
        [ConsentRecipient(alliance=alliance, consent=c, organisation=network) for c in consents],
        ignore_conflicts=True,
    )
    person_id, case_manager_id = open_cases[0]
    pair = MentoringPair(
        id=uuid_from(rng),
        alliance=alliance,
        person_id=person_id,
        volunteer=profile_row,
        organisation=network,
        case_manager_id=case_manager_id,
        goal=GOALS[0],
        started_on=TODAY - dt.timedelta(days=45),
    )
    MentoringPair.objects.bulk_create([pair], ignore_conflicts=True)
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                id=uuid_from(rng),
                alliance=alliance,
                pair=pair,
                on=TODAY - dt.timedelta(days=days),
                note=note,
            )
            for days, note in zip((40, 12), NOTES, strict=True)
        ],
        ignore_conflicts=True,
    )
