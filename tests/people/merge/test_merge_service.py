"""person_merge and person_merge_withdraw: nothing of either record is lost, one audit
event, the tombstone resolves, and the undo restores both records exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.people.access import get_person_access, persons_for
from teilhabe.people.intake.duplicates import search_key
from teilhabe.people.merge.relations import absorbed_ids, person_relations, survivors
from teilhabe.people.merge.services import (
    merge_images_wipe,
    person_merge,
    person_merge_withdraw,
)
from teilhabe.people.models import Person, PersonMerge
from tests.conftest import World
from tests.people.merge.helpers import BUILDERS, counts, pair, totals, with_items


def test_every_relation_to_a_person_has_a_row_in_the_test() -> None:
    # A new model pointing to Person is moved by the merge on its own; this test makes
    # sure the merge tests below also fill it (add a builder in helpers.BUILDERS).
    assert sorted(BUILDERS) == [r.key for r in person_relations()]


def _merge(principal: Any, survivor: Person, absorbed: Person, **keep: bool) -> PersonMerge:
    return person_merge(
        access=get_person_access(principal, survivor.pk),
        other=get_person_access(principal, absorbed.pk),
        keep_other=keep,
    )


@pytest.mark.django_db
def test_a_merged_pair_keeps_every_item_of_both(world: World, principal: Any) -> None:
    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=3)
        before = counts([first.pk, second.pk])
        total = totals()
        merge = _merge(principal("cm_a"), first, second)
        after = counts([first.pk])
        # The one-to-one profile of the absorbed record cannot sit beside the survivor's:
        # it stays with the tombstone (and comes back with an undo), nothing is deleted.
        assert counts([second.pk]) == {
            key: (1 if key == "people.profile.person" else 0) for key in before
        }
        assert totals() == total
        assert {k: after[k] + counts([second.pk])[k] for k in after} == before
        # 3 rows of each kind per record (a handover brings its own consent along).
        assert all(after[k] >= 3 + 3 for k in after if k != "people.profile.person")
        second.refresh_from_db()
        assert second.merged_into_id == first.pk and second.merged_at is not None
        assert set(merge.moved) == {r.key for r in person_relations()} - {"people.profile.person"}


@pytest.mark.django_db
def test_the_merge_is_one_audit_event_naming_both_ids(world: World, principal: Any) -> None:
    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=1)
        start = AuditEvent.objects.count()
        _merge(principal("cm_a"), first, second, phone=True)
        [event] = AuditEvent.objects.all()[: AuditEvent.objects.count() - start]
    assert event.object_id == first.pk and event.purpose == f"merge {second.pk}"
    assert event.organisation_id == world.a.tm_office.pk
    assert "0170" not in event.purpose and "Muhammad" not in event.purpose


@pytest.mark.django_db
def test_chosen_values_win_and_the_merged_record_is_hidden_everywhere(
    world: World, principal: Any
) -> None:
    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=1)
        _merge(principal("cm_a"), first, second, given_name=True, email=True)
        first.refresh_from_db()
        assert (first.given_name, first.family_name) == ("Muhammad", "Al-Hassan")
        assert (first.email, first.phone) == ("m@example.org", "0170 1")
        assert first.search_key == search_key("Muhammad", "Al-Hassan")
        visible = set(persons_for(principal("cm_a")).values_list("pk", flat=True))
        assert first.pk in visible and second.pk not in visible
        with pytest.raises(Http404):
            get_person_access(principal("cm_a"), second.pk)


@pytest.mark.django_db
def test_merged_ids_resolve_to_the_survivor_also_through_a_chain(
    world: World, principal: Any
) -> None:
    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=1)
        third = with_items(
            Person.objects.create(
                alliance=first.alliance,
                owner=first.owner,
                given_name="M.",
                family_name="Al Hassan",
                date_of_birth=dt.date(2002, 4, 1),
                sex="male",
            ),
            1,
            offset=6,
        )
        _merge(principal("cm_a"), second, third)
        _merge(principal("cm_a"), first, second)
        assert survivors([second.pk, third.pk, first.pk]) == {
            second.pk: first.pk,
            third.pk: first.pk,
        }
        assert set(absorbed_ids([first.pk])) == {second.pk, third.pk}


@pytest.mark.django_db
def test_undo_restores_both_records_exactly(world: World, principal: Any) -> None:
    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=2)
        before = (counts([first.pk]), counts([second.pk]))
        fields = ("given_name", "family_name", "phone", "email", "search_key")
        master = {p.pk: [getattr(p, f) for f in fields] for p in (first, second)}
        merge = _merge(principal("cm_a"), first, second, given_name=True, family_name=True)
        restored = person_merge_withdraw(
            access=get_person_access(principal("cm_a"), first.pk), merge=merge
        )
        assert restored.pk == second.pk and restored.merged_into_id is None
        assert (counts([first.pk]), counts([second.pk])) == before
        for p in (first, second):
            p.refresh_from_db()
            assert [getattr(p, f) for f in fields] == master[p.pk]
        with pytest.raises(ValidationError):
            person_merge_withdraw(
                access=get_person_access(principal("cm_a"), first.pk), merge=merge
            )


@pytest.mark.django_db
def test_a_merge_older_than_30_days_cannot_be_undone(world: World, principal: Any) -> None:
    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=1)
        merge = _merge(principal("cm_a"), first, second)
        PersonMerge.objects.filter(pk=merge.pk).update(
            created_at=merge.created_at - dt.timedelta(days=31)
        )
        merge.refresh_from_db()
        with pytest.raises(ValidationError):
            person_merge_withdraw(
                access=get_person_access(principal("cm_a"), first.pk), merge=merge
            )


@pytest.mark.django_db
def test_the_old_values_are_erased_once_the_merge_can_no_longer_be_undone(
    world: World, principal: Any
) -> None:
    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=1)
        old = _merge(principal("cm_a"), first, second, given_name=True)
        third, fourth = pair(world.a.tm_office, per_kind=1)
        recent = _merge(principal("cm_a"), third, fourth, given_name=True)
        assert old.before and recent.before
        PersonMerge.objects.filter(pk=old.pk).update(
            created_at=old.created_at - dt.timedelta(days=31)
        )
        assert merge_images_wipe() == 1
        old.refresh_from_db()
        recent.refresh_from_db()
        assert old.before == {} and old.moved  # the moved ids stay for the audit trail
        assert recent.before  # still within the 30 days to undo
        assert merge_images_wipe() == 0


@pytest.mark.django_db
def test_both_records_waiting_for_one_offer_merge_into_one_place_in_the_queue(
    world: World, principal: Any
) -> None:
    from teilhabe.offers.models import WaitingListEntry
    from tests.offers.factories import OfferFactory

    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=1)
        offer = OfferFactory(provider=world.a.tm_office, free_places=0)
        for position, person in enumerate((first, second), start=1):
            WaitingListEntry.objects.create(
                alliance=person.alliance,
                person=person,
                offer=offer,
                added_by_organisation=person.owner,
                since=dt.date(2026, 1, position),
                position=position,
            )
        _merge(principal("cm_a"), first, second)
        assert WaitingListEntry.objects.filter(offer=offer, person=first).count() == 1
        # The absorbed record's entry stays with it (nothing lost; back with an undo).
        assert WaitingListEntry.objects.filter(offer=offer, person=second).count() == 1


@pytest.mark.django_db
def test_records_of_two_organisations_are_never_merged(world: World, principal: Any) -> None:
    with scopes_disabled():
        first, _ = pair(world.a.tm_office, per_kind=1)
        other = world.person_a_jmd
        own = get_person_access(principal("cm_a"), first.pk)
        with pytest.raises(PermissionDenied):
            person_merge(
                access=own,
                other=own.__class__(other, own.principal, own.organisation, own.categories, False),
                keep_other={},
            )
        assert Person.objects.get(pk=other.pk).merged_into_id is None


@pytest.mark.django_db
def test_the_merged_and_the_restored_records_each_have_their_current_status(
    world: World, principal: Any
) -> None:
    from teilhabe.people.intake.selectors import current_status
    from teilhabe.people.models import ResidenceStatusEntry
    from tests.core.latest_check import assert_flags_follow_the_rule

    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=2)
        latest = max(
            ResidenceStatusEntry.objects.filter(person__in=[first, second]),
            key=lambda e: (e.valid_from, e.created_at, e.pk),
        )
        merge = _merge(principal("cm_a"), first, second)
        assert_flags_follow_the_rule(ResidenceStatusEntry)
        assert current_status(first) == latest
        assert ResidenceStatusEntry.objects.filter(person=first, is_current=True).count() == 1
        person_merge_withdraw(access=get_person_access(principal("cm_a"), first.pk), merge=merge)
        assert_flags_follow_the_rule(ResidenceStatusEntry)
        for person in (first, second):
            assert ResidenceStatusEntry.objects.filter(person=person, is_current=True).count() == 1
