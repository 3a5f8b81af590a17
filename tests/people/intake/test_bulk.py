"""The intake batch (people.intake.bulk) answers like person_intake: the same
ValidationErrors from the same rules, duplicates found among the persons it staged, and a
municipality of another alliance refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import Case, FollowUp
from teilhabe.core.models import AuditEvent
from teilhabe.municipalities.models import Gemeinde
from teilhabe.people.intake.bulk import Intake, IntakeBatch
from teilhabe.people.intake.rules import MasterData, StatusData
from teilhabe.people.intake.services import EligibilityAnswers, person_intake
from teilhabe.people.models import Person, ResidenceStatusEntry
from tests.conftest import World
from tests.people.intake.factories import KeyedPersonFactory
from tests.people.intake.helpers import TODAY, birth_for_age

pytestmark = pytest.mark.django_db


def data(given: str = "Mohammed", family: str = "Al-Hassan", **extra: object) -> MasterData:
    values: dict = {"date_of_birth": birth_for_age(22), "sex": "male", **extra}
    return MasterData(given_name=given, family_name=family, **values)


def batch(world: World) -> IntakeBatch:
    return IntakeBatch(
        alliance=world.a.alliance, organisation=world.a.tm_office, actor=world.users["cm_a"]
    )


def single_errors(world: World, master: MasterData) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        person_intake(
            alliance=world.a.alliance,
            organisation=world.a.tm_office,
            actor=world.users["cm_a"],
            data=master,
            languages=[],
            answers=EligibilityAnswers(),
            intake_date=TODAY,
        )
    return caught.value.message_dict


def test_the_batch_raises_the_messages_of_person_intake(world: World) -> None:
    with scopes_disabled():
        elsewhere = Gemeinde.objects.get(ags="05566076")  # alliance B's
    KeyedPersonFactory(owner=world.a.jmd, given_name="Muhammad", family_name="Hassan",
                       date_of_birth=birth_for_age(22))  # fmt: skip
    cases = [
        data(nationality="XX"),
        data(residence=elsewhere),
        data(date_of_birth=birth_for_age(40)),
        data(given="Muhammad", family="Hassan"),
        data(arrival_date=birth_for_age(30)),
    ]
    with scope(alliance=world.a.alliance):
        for master in cases:
            expected = single_errors(world, master)
            run = batch(world)
            run.prepare([master.date_of_birth])
            with pytest.raises(ValidationError) as caught:
                run.add(Intake(data=master, intake_date=TODAY))
            assert caught.value.message_dict == expected
            run.flush()
    with scopes_disabled():
        assert not Person.objects.filter(family_name="Al-Hassan").exists()


def test_staged_persons_are_duplicates_for_later_rows_before_they_are_written(
    world: World,
) -> None:
    with scope(alliance=world.a.alliance):
        run = batch(world)
        run.prepare([birth_for_age(22)])
        run.add(Intake(data=data(), intake_date=TODAY))
        with pytest.raises(ValidationError) as caught:
            run.add(Intake(data=data(given="Al-Hassan", family="Mohammed"), intake_date=TODAY))
        assert list(caught.value.message_dict) == ["confirm_duplicate"]
        assert "Teilhabemanagement A" in caught.value.messages[0]


def test_a_flush_writes_person_case_entry_follow_up_and_their_audit_events(
    world: World,
) -> None:
    status = StatusData(status="toleration", valid_from=TODAY, valid_until=TODAY)
    with scope(alliance=world.a.alliance):
        run = batch(world)
        staged = run.add(Intake(data=data(), intake_date=TODAY, status=status))
        assert not Person.objects.filter(pk=staged.person.pk).exists()
        run.flush()
        assert Case.objects.get(person=staged.person).age_at_intake == 22
        entry = ResidenceStatusEntry.objects.get(person=staged.person)
        assert FollowUp.objects.get(status_entry=entry).due_on == TODAY
    events = AuditEvent.objects.filter(action="create", actor=world.users["cm_a"]).order_by("id")
    assert [e.object_type for e in events] == [
        "people.person", "casework.case", "people.residencestatusentry", "casework.followup",
    ]  # fmt: skip
