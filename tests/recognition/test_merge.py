"""A merge moves the absorbed record's certificates, and their recognition procedures
follow them (they hang on the certificate, not on the person); the survivor's section
shows them."""

from __future__ import annotations

from typing import Any

import pytest
from django_scopes import scope, scopes_disabled

from teilhabe.people.access import get_person_access
from teilhabe.people.merge.services import person_merge
from teilhabe.recognition.selectors import procedures_of
from tests.conftest import World
from tests.people.merge.helpers import pair
from tests.recognition.helpers import certificate, procedure

pytestmark = pytest.mark.django_db


def test_the_procedure_follows_its_certificate_to_the_survivor(
    world: World, principal: Any
) -> None:
    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=0)
    moved = procedure(certificate(second, title="Abiturzeugnis"), body="brd_school")
    cm = principal("cm_a")
    with scope(alliance=world.a.alliance):
        person_merge(
            access=get_person_access(cm, first.pk),
            other=get_person_access(cm, second.pk),
            keep_other={},
        )
        shown = procedures_of(get_person_access(cm, first.pk))
    assert [p.pk for p in shown] == [moved.pk]
    assert shown[0].certificate.person_id == first.pk
