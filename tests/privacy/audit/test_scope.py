"""Who reads which audit events (privacy/audit/scope.py), per role."""

from __future__ import annotations

from typing import Any

import pytest
from django_scopes import scope

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Role
from teilhabe.privacy.audit.scope import audit_events_for, person_events
from tests import factories as f
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _events(world: World) -> dict[str, AuditEvent]:
    a = world.a
    return {
        # The Teilhabemanagement's case manager opens its person.
        "tm_view": audit_record(
            action="view", actor=a.users["cm_a"], alliance=a.alliance, organisation=a.tm_office,
            obj=a.person,
        ),
        # The Jobcenter reads that person through the Teilhabemanagement's consent.
        "disclosure": audit_record(
            action="disclose", actor=a.users["partner_a"], alliance=a.alliance,
            organisation=a.jobcenter, obj=a.person, consent_id=world.consent_a.pk,
        ),
        # The Jobcenter's own work, no consent of another organisation involved.
        "jobcenter_own": audit_record(
            action="update", actor=a.users["partner_a"], alliance=a.alliance,
            organisation=a.jobcenter, object_type="offers.offer",
        ),
        # Alliance administration by the lead office, and a funding entry without organisation.
        "admin": audit_record(
            action="update", actor=a.users["coord_a"], alliance=a.alliance,
            organisation=a.lead_office, obj=a.jobcenter,
        ),
        "funding": audit_record(
            action="create", alliance=a.alliance, object_type="alliances.fundingallocation"
        ),
        # Another alliance's event.
        "other_alliance": audit_record(
            action="view", actor=world.b.users["cm_b"], alliance=world.b.alliance,
            organisation=world.b.tm_office, obj=world.b.person,
        ),
    }  # fmt: skip


def _seen(world: World, principal: Any, persona: str, events: dict[str, AuditEvent]) -> set[str]:
    with scope(alliance=world.a.alliance):
        ids = set(audit_events_for(principal(persona)).values_list("pk", flat=True))
    return {name for name, e in events.items() if e.pk in ids}


def test_the_dpo_sees_its_organisation_and_the_disclosures_of_its_persons(
    world: World, principal: Any
) -> None:
    events = _events(world)
    assert _seen(world, principal, "dpo_a", events) == {"tm_view", "disclosure"}


def test_the_lead_office_sees_administration_but_no_organisations_reads(
    world: World, principal: Any
) -> None:
    events = _events(world)
    assert _seen(world, principal, "coord_a", events) == {"admin", "funding"}


def test_a_coordinator_of_another_organisation_sees_only_its_own(
    world: World, principal: Any
) -> None:
    events = _events(world)
    user = f.UserFactory(username="coord_jc")
    f.MembershipFactory(user=user, organisation=world.a.jobcenter, role=Role.COORDINATOR)
    world.users["coord_jc"] = user
    # Its own work and its own reads through others' consents: the Jobcenter's processing.
    assert _seen(world, principal, "coord_jc", events) == {"jobcenter_own", "disclosure"}


@pytest.mark.parametrize("persona", ["cm_a", "partner_a", "abh_a", "volunteer_a", "cm_b"])
def test_other_roles_see_no_audit_event(world: World, principal: Any, persona: str) -> None:
    events = _events(world)
    assert _seen(world, principal, persona, events) == set()


def test_the_accesses_of_a_person_cover_its_cases_and_consents(world: World) -> None:
    events = _events(world)
    case_event = audit_record(action="update", alliance=world.a.alliance, obj=world.a.case)
    consent_event = audit_record(action="create", alliance=world.a.alliance, obj=world.consent_a)
    with scope(alliance=world.a.alliance):
        ids = set(person_events(world.a.person).values_list("pk", flat=True))
    expected = {events["tm_view"].pk, events["disclosure"].pk, case_event.pk, consent_event.pk}
    assert ids == expected
