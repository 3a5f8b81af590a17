"""Matrix rows of moves between alliances (pages and API).

Object: a handover of person B from Teilhabemanagement B to Teilhabemanagement A, awaiting
its answer; case manager A is its receiver.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.models import Consent
from teilhabe.relocation.models import Relocation
from tests.conftest import World
from tests.matrix import CASE_MANAGER_A, row

# Case managers of alliance A have an inbox (empty for the JMD's).
CASE_MANAGERS_A = row(404, anon=302, cm_a=200, cm_a_jmd=200)
RECEIVER_POST = row(404, anon=302, cm_a=405)

EXPECTED: dict[str, dict[str, int]] = {
    "people:relocation_start": CASE_MANAGER_A,
    "relocation:inbox": CASE_MANAGERS_A,
    "relocation:detail": CASE_MANAGER_A,
    "relocation:accept": RECEIVER_POST,
    "relocation:decline": RECEIVER_POST,
    # ninja answers the method before authenticating: GET on a POST route is 405.
    "api:relocation_create": row(405),
    "api:relocation_list": {**CASE_MANAGERS_A, "anon": 401},
    "api:relocation_accept": row(405),
    "api:relocation_decline": row(405),
}


def incoming_to_a(world: World) -> Relocation:
    today = timezone.localdate()
    with scopes_disabled():
        consent = Consent.objects.create(
            alliance=world.b.alliance,
            person=world.b.person,
            organisation=world.b.tm_office,
            purpose=Consent.Purpose.RELOCATION,
            categories=["master_data", "education"],
            valid_from=today,
        )
        consent.recipients.set(
            [world.a.tm_office], through_defaults={"alliance_id": world.b.alliance.pk}
        )
        return Relocation.objects.create(
            alliance=world.b.alliance,
            organisation=world.b.tm_office,
            person=world.b.person,
            consent=consent,
            to_alliance=world.a.alliance,
            to_organisation=world.a.tm_office,
            sent_on=today,
        )


def url_kwargs(world: World) -> dict[str, Any]:
    return {"relocation_id": incoming_to_a(world).pk}
