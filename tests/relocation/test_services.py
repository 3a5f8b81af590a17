"""Moves between alliances: send, accept (the consented categories copied, the sender's
case closed, both sides audited), decline, and who may do what."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import Case, ClosureReason, Contact, Goal, NeedAssessment
from teilhabe.core.models import AuditEvent
from teilhabe.people.models import (
    Certificate,
    Experience,
    Person,
    PersonLanguage,
    ResidenceStatusEntry,
)
from teilhabe.privacy.art15 import recipients
from teilhabe.relocation.models import Relocation
from teilhabe.relocation.selectors import incoming_get
from teilhabe.relocation.services import relocation_accept, relocation_decline
from teilhabe.trajectories.models import Participation
from tests.conftest import World
from tests.relocation.builders import N, fill_history, send

pytestmark = pytest.mark.django_db
EDUCATION_AND_HISTORY = ["master_data", "education", "participations"]


def _accept(world: World, principal: Any, relocation: Relocation) -> Person:
    receiver = principal("cm_b", "b")
    with scope(alliance=world.b.alliance):
        return relocation_accept(
            principal=receiver, relocation=incoming_get(receiver, relocation.pk)
        )


def _counts(person_id: Any) -> dict[str, int]:
    with scopes_disabled():
        return {
            "statuses": ResidenceStatusEntry.objects.filter(person_id=person_id).count(),
            "languages": PersonLanguage.objects.filter(person_id=person_id).count(),
            "certificates": Certificate.objects.filter(person_id=person_id).count(),
            "experiences": Experience.objects.filter(person_id=person_id).count(),
            "participations": Participation.objects.filter(person_id=person_id).count(),
            "needs": NeedAssessment.objects.filter(case__person_id=person_id).count(),
            "goals": Goal.objects.filter(case__person_id=person_id).count(),
            "contacts": Contact.objects.filter(case__person_id=person_id).count(),
        }


def test_a_person_with_twenty_items_of_every_kind_moves_with_exactly_the_consented_ones(
    world: World, principal: Any
) -> None:
    fill_history(world.a.person, world.a.case)
    relocation = send(world, principal("cm_a"), EDUCATION_AND_HISTORY)
    copy = _accept(world, principal, relocation)
    assert _counts(world.a.person.pk) == dict.fromkeys(_counts(world.a.person.pk), N)
    assert _counts(copy.pk) == {
        "statuses": 0,  # not consented
        "languages": N,
        "certificates": N,
        "experiences": N,
        "participations": N,
        "needs": 0,  # casework never moves
        "goals": 0,
        "contacts": 0,
    }
    with scopes_disabled():
        copy.refresh_from_db()
        titles = set(Certificate.objects.filter(person=copy).values_list("title", flat=True))
        courses = set(
            Participation.objects.filter(person=copy).values_list("external_title", flat=True)
        )
    assert (copy.alliance_id, copy.owner_id) == (world.b.alliance.pk, world.b.tm_office.pk)
    assert copy.full_name == world.a.person.full_name
    assert copy.residence_id is None and copy.address == ""  # the old place stays behind
    assert titles == {f"Zeugnis {i:02d}" for i in range(N)}
    assert courses == {f"Kurs {i:02d}" for i in range(N)}


def test_acceptance_links_the_copy_closes_the_senders_case_and_audits_both_sides(
    world: World, principal: Any
) -> None:
    relocation = send(world, principal("cm_a"), ["master_data", "residence_status"])
    copy = _accept(world, principal, relocation)
    with scopes_disabled():
        relocation.refresh_from_db()
        case = Case.objects.get(pk=world.a.case.pk)
        sender_events = AuditEvent.objects.filter(alliance=world.a.alliance)
        receiver_events = AuditEvent.objects.filter(alliance=world.b.alliance)
        disclosed = sender_events.filter(
            action=AuditEvent.Action.DISCLOSE, object_id=world.a.person.pk
        ).get()
        created = receiver_events.filter(action=AuditEvent.Action.CREATE, object_id=copy.pk)
        assert created.exists()
    assert relocation.status == Relocation.Status.ACCEPTED
    assert relocation.created_person_id == copy.pk
    assert (case.status, case.closure_reason) == (
        Case.Status.CLOSED,
        ClosureReason.MOVED_HANDED_OVER,
    )
    assert disclosed.organisation_id == world.b.tm_office.pk
    assert disclosed.consent_id == relocation.consent_id


def test_the_senders_art15_answer_lists_the_copy_as_a_disclosure(
    world: World, principal: Any
) -> None:
    relocation = send(world, principal("cm_a"), ["master_data"])
    _accept(world, principal, relocation)
    with scope(alliance=world.a.alliance):
        found = recipients(world.a.person, [world.a.person.pk])
    receiving = [r for r in found if r["organisation"] == world.b.tm_office.name]
    assert len(receiving) == 1
    assert receiving[0]["reads"] == 1
    assert receiving[0]["consent_ids"] == [str(relocation.consent_id)]


def test_a_declined_handover_copies_nothing_and_leaves_the_case_open(
    world: World, principal: Any
) -> None:
    relocation = send(world, principal("cm_a"), ["master_data"])
    receiver = principal("cm_b", "b")
    before = Person.objects.model._base_manager.count()
    with scope(alliance=world.b.alliance):
        relocation_decline(principal=receiver, relocation=incoming_get(receiver, relocation.pk))
    with scopes_disabled():
        relocation.refresh_from_db()
        case = Case.objects.get(pk=world.a.case.pk)
    assert relocation.status == Relocation.Status.DECLINED
    assert case.status == Case.Status.OPEN
    assert Person.objects.model._base_manager.count() == before


def test_only_the_receiving_case_management_may_answer(world: World, principal: Any) -> None:
    relocation = send(world, principal("cm_a"), ["master_data"])
    for persona, side in (("cm_a", "a"), ("partner_b", "b"), ("coord_b", "b")):
        other = principal(persona, side)
        with scope(alliance=getattr(world, side).alliance), pytest.raises(Http404):
            incoming_get(other, relocation.pk)
    with scope(alliance=world.b.alliance), pytest.raises(PermissionDenied):
        relocation_accept(principal=principal("partner_b", "b"), relocation=relocation)


@pytest.mark.parametrize(
    ("categories", "target"),
    [
        (["education"], "b_office"),  # the master data are always passed on
        (["master_data", "needs"], "b_office"),  # needs never move
        (["master_data"], "a_jobcenter"),  # a Teilhabemanagement of another alliance only
    ],
)
def test_a_handover_needs_master_data_transferable_categories_and_another_alliance(
    world: World, principal: Any, categories: list[str], target: str
) -> None:
    from teilhabe.people.access import get_person_access
    from teilhabe.relocation.services import relocation_send

    office = world.b.tm_office if target == "b_office" else world.a.jobcenter
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError):
        relocation_send(
            access=get_person_access(principal("cm_a"), world.a.person.pk),
            to_organisation=office,
            categories=categories,
        )


def test_a_withdrawn_consent_stops_the_acceptance(world: World, principal: Any) -> None:
    relocation = send(world, principal("cm_a"), ["master_data"])
    with scopes_disabled():
        relocation.consent.withdrawn_on = relocation.sent_on
        relocation.consent.save()
    with pytest.raises(ValidationError):
        _accept(world, principal, relocation)


def test_a_second_handover_waits_for_the_first_answer(world: World, principal: Any) -> None:
    send(world, principal("cm_a"), ["master_data"])
    with pytest.raises(ValidationError):
        send(world, principal("cm_a"), ["master_data"])


def test_the_receiving_case_managers_are_told_without_a_personal_value(
    world: World, principal: Any
) -> None:
    from teilhabe.notifications.models import Notification

    relocation = send(world, principal("cm_a"), ["master_data"])
    told = list(Notification.objects.filter(subject_id=relocation.pk))
    assert [n.user_id for n in told] == [world.users["cm_b"].pk]
    assert str(relocation.pk) in told[0].url
    assert world.a.person.family_name not in told[0].url
