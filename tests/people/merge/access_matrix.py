"""Matrix rows for merging two records of one organisation (people:merge:*)."""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from teilhabe.people.models import PersonMerge
from tests.conftest import World
from tests.matrix import CASE_MANAGER_A, MEMBERS_A
from tests.people.intake.factories import KeyedPersonFactory

EXPECTED: dict[str, dict[str, int]] = {
    # Only the owning organisation's case managers, for two records of their organisation;
    # partner_a reads person A through a consent but merges nothing.
    "people:merge:choose": CASE_MANAGER_A,
    "people:merge:compare": CASE_MANAGER_A,
    # POST only: the alliance's members get 405, everyone else the alliance's 404.
    "people:merge:withdraw": {p: 405 if s == 200 else s for p, s in MEMBERS_A.items()},
}


def url_kwargs(world: World) -> dict[str, Any]:
    with scopes_disabled():
        person = world.a.person
        other = KeyedPersonFactory(owner=person.owner, given_name="Zweit", family_name="Eintrag")
        merge = PersonMerge.objects.create(
            alliance=person.alliance, survivor=person, absorbed=other
        )
        return {"other_id": other.pk, "merge_id": merge.pk}
