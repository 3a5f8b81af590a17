"""The demo has one handover between two alliances awaiting its answer; a rerun keeps it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.relocation.models import Relocation


def _rows() -> list[tuple[object, ...]]:
    with scopes_disabled():
        return list(
            Relocation.objects.values_list(
                "pk",
                "person_id",
                "alliance_id",
                "to_alliance_id",
                "to_organisation__kind",
                "status",
            )
        )


@pytest.mark.django_db
def test_the_small_demo_has_one_pending_handover_between_two_alliances() -> None:
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    rows = _rows()
    assert len(rows) == 1
    _pk, _person, sender, receiver, kind, status = rows[0]
    assert sender != receiver
    assert (kind, status) == ("teilhabemanagement", "requested")
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    assert _rows() == rows
