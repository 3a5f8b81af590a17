"""Matrix rows for trainings and events (/b/<slug>/fortbildungen/) and their API routes.
The training of the matrix is organised by the Jobcenter A: its staff and the coordinators
manage it; every member of A reads the calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from tests.conftest import World
from tests.matrix import MEMBERS_A, row

# Organisers: coordinators for every organisation, case managers and partner staff for
# their own (not volunteers, not the data-protection officer).
ORGANISERS_A = row(404, anon=302, cm_a=200, coord_a=200, partner_a=200, abh_a=200, cm_a_jmd=200)
MANAGERS = row(404, anon=302, coord_a=200, partner_a=200)  # the Jobcenter's training
MEMBERS_POST = {**MEMBERS_A, **{p: 405 for p, s in MEMBERS_A.items() if s == 200}}


def api(rows: dict[str, int]) -> dict[str, int]:
    return {**rows, "anon": 401}


EXPECTED: dict[str, dict[str, int]] = {
    "trainings:list": MEMBERS_A,
    "trainings:new": ORGANISERS_A,
    "trainings:attendance": ORGANISERS_A,
    "trainings:detail": MEMBERS_A,
    "trainings:register": MEMBERS_POST,
    "trainings:withdraw": MEMBERS_POST,
    "trainings:ics": MEMBERS_A,
    "trainings:edit": MANAGERS,
    "trainings:registrations": MANAGERS,
    "api:training_list": api(MEMBERS_A),
    "api:training_detail": api(MEMBERS_A),
    "api:training_register": row(405),  # POST only; ninja answers the method first
}


def url_kwargs(world: World) -> dict[str, Any]:
    from teilhabe.trainings.models import Training

    starts = timezone.now() + dt.timedelta(days=10)
    with scopes_disabled():
        training = Training.objects.create(
            alliance=world.a.alliance,
            kind="course",
            title="Fortbildung",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            place="Jobcenter",
            organiser=world.a.jobcenter,
            places=10,
        )
    return {"training_id": training.pk}
