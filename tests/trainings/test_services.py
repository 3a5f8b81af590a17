"""The services of trainings: places, the waiting list in order, moving up, attendance."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.notifications.models import Notification
from teilhabe.trainings import services
from teilhabe.trainings.models import Registration
from tests.conftest import World
from tests.trainings.conftest import make_training, move

pytestmark = pytest.mark.django_db
P = Callable[..., Principal]
Status = Registration.Status


def test_members_get_places_until_the_training_is_full_then_join_the_waiting_list_in_order(
    world: World, principal: P
) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office, places=2)
    with scope(alliance=world.a.alliance):
        got = [
            services.registration_create(principal=principal(p), training=training)
            for p in ("cm_a", "partner_a", "volunteer_a", "abh_a")
        ]
    assert [r.status for r in got] == [Status.REGISTERED] * 2 + [Status.WAITING] * 2
    assert [r.position for r in got] == [None, None, 1, 2]


def test_a_withdrawal_moves_the_first_waiting_person_up_and_tells_only_them(
    world: World, principal: P
) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office, places=1)
    with scope(alliance=world.a.alliance):
        first = services.registration_create(principal=principal("cm_a"), training=training)
        waiting = [
            services.registration_create(principal=principal(p), training=training)
            for p in ("volunteer_a", "partner_a")
        ]
        services.registration_withdraw(principal=principal("cm_a"), registration=first)
        statuses = {r.user_id: r.status for r in Registration.objects.filter(training=training)}
    assert statuses[world.users["volunteer_a"].pk] == Status.REGISTERED
    assert statuses[world.users["partner_a"].pk] == Status.WAITING
    assert statuses[world.users["cm_a"].pk] == Status.CANCELLED
    moved = Notification.objects.filter(kind="training_moved_up")
    assert [n.user_id for n in moved] == [waiting[0].user_id]
    assert moved[0].subject_id == waiting[0].pk
    assert "/fortbildungen/" in moved[0].url


def test_a_confirmed_place_is_notified_and_the_waiting_list_is_not(
    world: World, principal: P
) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office, places=1)
    with scope(alliance=world.a.alliance):
        services.registration_create(principal=principal("cm_a"), training=training)
        services.registration_create(principal=principal("partner_a"), training=training)
    confirmed = Notification.objects.filter(kind="training_registered")
    assert [n.user_id for n in confirmed] == [world.users["cm_a"].pk]


def test_more_places_move_people_up_from_the_waiting_list(world: World, principal: P) -> None:
    coord = principal("coord_a")
    training = make_training(coord, world.a.lead_office, places=1)
    with scope(alliance=world.a.alliance):
        for p in ("cm_a", "partner_a", "abh_a"):
            services.registration_create(principal=principal(p), training=training)
        values = {f: getattr(training, f) for f in services.TRAINING_FIELDS}
        services.training_update(
            principal=coord,
            training=training,
            organiser=world.a.lead_office,
            **{**values, "places": 2},
        )
        taken = Registration.objects.filter(training=training, status=Status.REGISTERED)
        assert taken.count() == 2
        assert Registration.objects.get(training=training, status=Status.WAITING).user_id == (
            world.users["abh_a"].pk
        )


def test_registering_twice_is_refused_and_again_after_withdrawing_is_allowed(
    world: World, principal: P
) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office, places=1)
    cm = principal("cm_a")
    with scope(alliance=world.a.alliance):
        first = services.registration_create(principal=cm, training=training)
        with pytest.raises(ValidationError):
            services.registration_create(principal=cm, training=training)
        services.registration_withdraw(principal=cm, registration=first)
        again = services.registration_create(principal=cm, training=training)
    assert again.pk == first.pk and again.status == Status.REGISTERED


def test_a_training_for_professionals_refuses_a_volunteer(world: World, principal: P) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office, audience="professionals")
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError):
        services.registration_create(principal=principal("volunteer_a"), training=training)


def test_staff_organise_only_for_their_own_organisation_and_volunteers_not_at_all(
    world: World, principal: P
) -> None:
    with pytest.raises(ValidationError):
        make_training(principal("partner_a"), world.a.lead_office)
    with pytest.raises(PermissionError):
        make_training(principal("volunteer_a"), world.a.lead_office)
    assert make_training(principal("partner_a"), world.a.jobcenter).organiser == world.a.jobcenter


def test_attendance_is_recorded_after_the_start_and_audited_per_change(
    world: World, principal: P
) -> None:
    coord = principal("coord_a")
    training = make_training(coord, world.a.lead_office, places=2)
    with scope(alliance=world.a.alliance):
        reg = services.registration_create(principal=principal("cm_a"), training=training)
        with pytest.raises(ValidationError):
            services.attendance_record(principal=coord, training=training, attended={reg.pk: "yes"})
        move(training, days=-8)
        assert (
            services.attendance_record(principal=coord, training=training, attended={reg.pk: "yes"})
            == 1
        )
        with pytest.raises(PermissionError):
            services.attendance_record(
                principal=principal("abh_a"), training=training, attended={reg.pk: "no"}
            )
        reg.refresh_from_db()
    assert reg.attended == "yes"
    with scopes_disabled():
        assert (
            AuditEvent.objects.filter(
                object_id=reg.pk, purpose="attendance", actor=world.users["coord_a"]
            ).count()
            == 1
        )


def test_a_begun_training_takes_no_registration(world: World, principal: P) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office)
    move(training, days=-7)
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError):
        services.registration_create(principal=principal("cm_a"), training=training)


def test_a_member_of_another_alliance_cannot_register(world: World, principal: P) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office)
    with scope(alliance=world.a.alliance), pytest.raises(PermissionError):
        services.registration_create(principal=principal("cm_b", "b"), training=training)
