"""Matrix rows of participations and the Maßnahme-Karriere pages (pages and API).

Objects (alliance A): a participation of person A recorded by Teilhabemanagement A, a batch
run of alliance A and a statewide run. The world's consent of person A for the Jobcenter
does not cover participations, so partner_a sees none of them.
"""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from teilhabe.offers.models import WaitingListEntry
from teilhabe.trajectories.fingerprints import fingerprint
from teilhabe.trajectories.models import CareerRun, Finding
from tests.conftest import World
from tests.matrix import CASE_MANAGER_A, COORD_A, STATE, row
from tests.trajectories.factories import OfferFactory, ParticipationFactory


def api(page_row: dict[str, int]) -> dict[str, int]:
    return {**page_row, "anon": 401}


EXPECTED = {
    "people:participations:create": CASE_MANAGER_A,
    "people:participations:edit": CASE_MANAGER_A,
    "people:participations:delete": CASE_MANAGER_A,
    # The findings workflow: the owning case management only (partner_a sees person A
    # through the consent, but never the findings).
    "people:participations:finding_acknowledge": CASE_MANAGER_A,
    "people:participations:finding_assess": CASE_MANAGER_A,
    "people:participations:finding_close": CASE_MANAGER_A,
    # Case managers of alliance A see their own caseload's flagged persons.
    "trajectories_alliance:flagged": row(404, anon=302, cm_a=200, cm_a_jmd=200),
    "trajectories_alliance:rates": COORD_A,
    "trajectories_alliance:rules": COORD_A,
    "trajectories_alliance:run_start": row(404, anon=302, coord_a=405),
    "trajectories_alliance:run_detail": COORD_A,
    "trajectories_state:rates": STATE,
    "trajectories_state:run_start": row(404, anon=302, state=405),
    "trajectories_state:run_detail": STATE,
    "api:participation_list": api(CASE_MANAGER_A),
    "api:participation_create": api(CASE_MANAGER_A),  # same path as the list: GET lists
    "api:participation_update": row(405),  # PUT only; ninja answers the method first
    "api:finding_list": api(CASE_MANAGER_A),
    # Waiting lists: person A's case manager adds and withdraws; the queue of the offer
    # (Jobcenter A's) is its provider's and the coordinators'; writes are POST only.
    "people:participations:waiting_add": CASE_MANAGER_A,
    "people:participations:waiting_withdraw": row(404, anon=302, cm_a=405),
    "waiting:queue": row(404, anon=302, coord_a=200, partner_a=200),
    "waiting:allocate": row(404, anon=302, coord_a=405, partner_a=405),
    "api:waiting_queue": row(404, anon=401, coord_a=200, partner_a=200),
    "api:waiting_allocate": row(405),  # POST only; ninja answers the method first
    "api:waiting_add": row(405),
    "api:waiting_withdraw": row(405),
}


def url_kwargs(world: World) -> dict[str, Any]:
    with scopes_disabled():
        participation = ParticipationFactory(person=world.a.person)
        run = CareerRun.objects.create(alliance=world.a.alliance, today="2026-11-21")
        state_run = CareerRun.objects.create(alliance=None, today="2026-11-21")
        finding = Finding.objects.create(
            alliance=world.a.alliance,
            person=world.a.person,
            rule="MK4",
            participation_ids=[str(participation.pk)],
            explanation="Zwei Abbrüche in Folge",
            detected_on="2026-11-21",
            fingerprint=fingerprint(world.a.person.pk, "MK4", [str(participation.pk)], None),
        )
        offer = OfferFactory(provider=world.a.jobcenter, title="Sprachkurs mit Warteliste")
        entry = WaitingListEntry.objects.create(
            alliance=world.a.alliance,
            offer=offer,
            person=world.a.person,
            since="2026-10-01",
            position=1,
            added_by_organisation=world.a.tm_office,
        )
    return {
        "entry_id": entry.pk,
        "participation_id": participation.pk,
        "career_run_id": run.pk,
        "state_run_id": state_run.pk,
        "finding_id": finding.pk,
    }
