"""Demo trainings of an alliance: two held (with attendance), three announced, one of them
full with a waiting list (the volunteer waits), so every page has something to show."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from teilhabe.core.models import Alliance, Membership, Organisation
from teilhabe.demo.common import TODAY, uuid_from
from teilhabe.trainings.models import Audience, Registration, Training, TrainingKind

BERLIN = ZoneInfo("Europe/Berlin")
# (days from TODAY, hour, kind, title, audience, places, organiser kind)
TRAININGS = [
    (
        -40,
        17,
        TrainingKind.INFO_EVENING,
        "Infoabend Ausbildungsduldung",
        Audience.EVERYONE,
        30,
        "ki",
    ),
    (
        -20,
        9,
        TrainingKind.COURSE,
        "Fortbildung Aufenthaltsrecht kompakt",
        Audience.PROFESSIONALS,
        15,
        "teilhabemanagement",
    ),
    (
        25,
        18,
        TrainingKind.NETWORK_MEETING,
        "Netzwerktreffen Ehrenamt und Hauptamt",
        Audience.EVERYONE,
        2,
        "civil_society",
    ),
    (
        45,
        10,
        TrainingKind.COURSE,
        "Fortbildung Leistungen nach SGB II und AsylbLG",
        Audience.PROFESSIONALS,
        20,
        "jobcenter",
    ),
    (
        60,
        18,
        TrainingKind.INFO_EVENING,
        "Infoabend Wohnungssuche begleiten",
        Audience.VOLUNTEERS,
        25,
        "ki",
    ),
]
DESCRIPTION = "Mit Zeit für Fragen aus der Praxis. Bitte nennen Sie keine Namen von Personen."


def extend_alliance(
    *,
    alliance: Alliance,
    organisations: dict[str, Organisation],
    rng: random.Random,
    profile: str,
) -> None:
    lead = next((o for o in organisations.values() if o.is_lead_office), None)
    trainings = []
    for days, hour, kind, title, audience, places, organiser_kind in TRAININGS:
        organiser = organisations.get(organiser_kind) or lead
        if organiser is None:
            return
        day = TODAY + dt.timedelta(days=days)
        starts = dt.datetime.combine(day, dt.time(hour), tzinfo=BERLIN)
        trainings.append(
            Training(
                id=uuid_from(rng),
                alliance=alliance,
                kind=kind,
                title=title,
                description=DESCRIPTION,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                place=f"{organiser.name}, Seminarraum 1",
                organiser=organiser,
                audience=audience,
                places=places,
            )
        )
    Training.objects.bulk_create(trainings, ignore_conflicts=True)
    members = list(
        Membership.objects.filter(alliance=alliance, is_active=True)
        .select_related("organisation")
        .order_by("user__username", "role")
    )
    seen: dict[int, Membership] = {}
    for m in members:
        seen.setdefault(m.user_id, m)
    volunteers = [m for m in seen.values() if m.role == "volunteer"]
    staff = [m for m in seen.values() if m.role != "volunteer"]
    registrations = []

    def register(training: Training, m: Membership, status: str, **extra: object) -> None:
        registrations.append(
            Registration(
                id=uuid_from(rng),
                alliance=alliance,
                training=training,
                user_id=m.user_id,
                organisation=m.organisation,
                status=status,
                **extra,
            )
        )

    held_open, held_staff, full, *_rest = trainings
    for i, m in enumerate(staff + volunteers):
        attended = Registration.Attended.NO if i % 4 == 3 else Registration.Attended.YES
        register(held_open, m, Registration.Status.REGISTERED, attended=attended)
    for m in staff:
        register(held_staff, m, Registration.Status.REGISTERED, attended=Registration.Attended.YES)
    # The network meeting is full: two places taken by staff, the volunteers wait.
    for m in staff[:2]:
        register(full, m, Registration.Status.REGISTERED)
    for position, m in enumerate(volunteers, start=1):
        register(full, m, Registration.Status.WAITING, position=position)
    Registration.objects.bulk_create(registrations, ignore_conflicts=True)
