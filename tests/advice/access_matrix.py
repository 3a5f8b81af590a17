"""Matrix rows for advice requests and case consultations under /b/<slug>/beratung/ and
their API routes. The request of the rows is volunteer A's to the Teilhabemanagement A;
the consultation is organised by case manager A."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.core.models import Membership
from tests.conftest import World
from tests.matrix import MEMBERS_A, row

ADVISORS_A = row(404, anon=302, cm_a=200, coord_a=200, cm_a_jmd=200)
# The asker, the advisors of the asked Teilhabemanagement, and the coordinators (articles).
REQUEST_A = row(404, anon=302, volunteer_a=200, cm_a=200, coord_a=200)
MEMBERS_POST = {p: 405 if s == 200 else s for p, s in MEMBERS_A.items()}
COORD_POST = row(404, anon=302, coord_a=405)
STAFF_A = row(404, anon=302, cm_a=200, coord_a=200, partner_a=200, abh_a=200, cm_a_jmd=200)
PARTICIPANT_A = row(404, anon=302, cm_a=200)


def api(rows: dict[str, int]) -> dict[str, int]:
    return {**rows, "anon": 401}


EXPECTED: dict[str, dict[str, int]] = {
    "advice:request_list": MEMBERS_A,
    "advice:request_new": MEMBERS_A,
    "advice:inbox": ADVISORS_A,
    "advice:request_detail": REQUEST_A,
    "advice:request_accept": MEMBERS_POST,  # the method is answered before the request
    "advice:request_close": MEMBERS_POST,
    "advice:request_article": COORD_POST,
    "advice:consultation_list": MEMBERS_A,
    "advice:consultation_new": STAFF_A,
    "advice:consultation_detail": MEMBERS_A,
    "advice:consultation_join": MEMBERS_POST,
    "advice:presentation_new": PARTICIPANT_A,
    "advice:consultation_minutes": PARTICIPANT_A,
    "api:advice_requests": api(MEMBERS_A),
    "api:advice_request": api(REQUEST_A),
    "api:advice_messages": row(405),  # POST only; ninja answers the method first
}


def url_kwargs(world: World) -> dict[str, Any]:
    from teilhabe.advice.models import (
        AdviceMessage,
        AdviceRequest,
        Consultation,
        ConsultationParticipant,
    )

    a = world.a
    # Also built on the swapped world (alliance B's objects for the canary scan), whose
    # personas are B's: its case manager asks there.
    cm = next(u for k, u in a.users.items() if k.startswith("cm_") and "jmd" not in k)
    with scopes_disabled():
        volunteer = world.users["volunteer_a"]
        member = Membership.objects.filter(user=volunteer, alliance=a.alliance).exists()
        asker = volunteer if member else cm
        request = AdviceRequest.objects.create(
            alliance=a.alliance,
            asked_by=asker,
            advising_organisation=a.tm_office,
            topic="housing",
            subject="Wohnberechtigungsschein",
            asked_at=timezone.now(),
        )
        AdviceMessage.objects.create(
            alliance=a.alliance, request=request, author=request.asked_by, body="Wer darf?"
        )
        consultation = Consultation.objects.create(
            alliance=a.alliance,
            topic="Übergang Schule – Beruf",
            starts_at=timezone.now() + dt.timedelta(days=7),
            place="Rathaus",
            organised_by=cm,
        )
        ConsultationParticipant.objects.create(
            alliance=a.alliance, consultation=consultation, user=cm
        )
    return {
        "request_id": request.pk,
        "consultation_id": consultation.pk,
    }
