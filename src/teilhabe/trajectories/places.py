"""An offer's free places follow its participations (issue #17): an ongoing participation
takes a place, one that ends early (aborted, or completed before the offer's end) or is
removed while ongoing gives it back, so a cancellation shows the provider a free place to
allocate from the waiting list. Offers without a fixed number of places are left alone.
Each change is one conditional UPDATE within the bounds 0…places, in the caller's
transaction."""

from __future__ import annotations

import uuid

from django.db.models import F

from teilhabe.offers.models import Offer
from teilhabe.trajectories.models import Outcome, Participation


def take(offer_id: uuid.UUID | None) -> None:
    if offer_id is not None:
        Offer.objects.filter(pk=offer_id, free_places__gt=0).update(
            free_places=F("free_places") - 1
        )


def release(offer_id: uuid.UUID | None) -> None:
    if offer_id is not None:
        Offer.objects.filter(
            pk=offer_id, free_places__isnull=False, free_places__lt=F("places")
        ).update(free_places=F("free_places") + 1)


def ended_early(participation: Participation) -> bool:
    if participation.outcome == Outcome.ABORTED:
        return True
    ends_on = participation.offer.ends_on if participation.offer_id else None  # type: ignore[union-attr]
    return (
        participation.outcome == Outcome.COMPLETED
        and ends_on is not None
        and participation.end is not None
        and participation.end < ends_on
    )


def release_if_early(offer_id: uuid.UUID | None, participation: Participation) -> None:
    """An ongoing participation in `offer_id` was changed to `participation`: a place is
    given back when it ended early or moved to another offer (which takes one)."""
    if participation.outcome == Outcome.ONGOING:
        if participation.offer_id != offer_id:
            release(offer_id)
            take(participation.offer_id)
        return
    if participation.offer_id != offer_id or ended_early(participation):
        release(offer_id)
