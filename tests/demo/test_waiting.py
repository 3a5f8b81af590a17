"""The waiting-list demo step: every alliance has a full language course with a queue and
earlier waits that ended in a place; a second run changes nothing."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from teilhabe.demo.seed import seed_demo
from teilhabe.offers.models import WaitingListEntry


def entries() -> list[tuple[object, ...]]:
    with scopes_disabled():
        return list(
            WaitingListEntry.objects.order_by("id").values_list(
                "id", "offer_id", "person_id", "since", "position", "status", "participation_id"
            )
        )


@pytest.mark.django_db
def test_every_alliance_has_a_full_language_course_with_a_queue_and_a_second_run_adds_nothing() -> (
    None
):
    seed_demo(profile="small", seed=1, only={"trajectories", "offers"})
    first = entries()
    with scopes_disabled():
        for slug in ("koeln", "kreis-steinfurt"):
            queue = WaitingListEntry.objects.filter(alliance__slug=slug)
            [offer] = {e.offer for e in queue}
            assert offer.category == "language_course" and offer.free_places == 0
            assert queue.filter(status="waiting").count() == 6
            allocated = queue.filter(status="allocated")
            assert allocated.count() == 3
            assert all(e.participation.offer_id == offer.pk for e in allocated)  # type: ignore[union-attr]
    seed_demo(profile="small", seed=1, only={"trajectories", "offers"})
    assert entries() == first
