from __future__ import annotations

from typing import Any

import pytest
from django_scopes import scope

from teilhabe.people.intake.duplicates import search_key
from tests import factories as f
from tests.conftest import World

NAME = "Aylin Yıldız"


@pytest.fixture
def known_person(world: World) -> Any:
    """A person of alliance A whose full name a careless question might contain."""
    with scope(alliance=world.a.alliance):
        return f.PersonFactory(
            owner=world.a.tm_office,
            given_name="Aylin",
            family_name="Yıldız",
            search_key=search_key("Aylin", "Yıldız"),
        )
