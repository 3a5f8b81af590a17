"""seed_demo part of recognition: certificates pending or decided carry the procedure that
says so, in every alliance, with dates in order; a rerun changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance
from teilhabe.demo.common import TODAY
from teilhabe.people.models import Certificate
from teilhabe.recognition.models import RecognitionProcedure
from teilhabe.recognition.services import SUMMARY


def rows() -> list[tuple]:
    with scopes_disabled():
        return list(
            RecognitionProcedure.objects.order_by("id").values_list(
                "id", "certificate_id", "body", "applied_on", "decision", "decided_on"
            )
        )


@pytest.mark.django_db
def test_every_alliance_has_procedures_that_agree_with_their_certificates() -> None:
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    first = rows()
    with scopes_disabled():
        alliances = set(RecognitionProcedure.objects.values_list("alliance_id", flat=True))
        assert alliances == set(Alliance.objects.values_list("id", flat=True))
        for p in RecognitionProcedure.objects.select_related("certificate"):
            assert p.certificate.recognition == SUMMARY[RecognitionProcedure.Decision(p.decision)]
            assert p.applied_on <= TODAY
            assert p.decided_on is None or p.applied_on <= p.decided_on <= TODAY
        pending_without = Certificate.objects.filter(
            recognition__in=["pending", "full", "partial", "refused"],
            recognition_procedures__isnull=True,
        ).exclude(level__in=["language", "none"])
        assert not pending_without.exists()
        decisions = set(RecognitionProcedure.objects.values_list("decision", flat=True))
        assert {"pending", "full", "partial", "not_equivalent"} <= decisions
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    assert rows() == first
