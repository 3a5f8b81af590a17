"""seed_demo's advice step: answered questions and a consultation in every alliance, the
same rows on a second run, and figures the dashboards can publish."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.advice.figures import advice_figures
from teilhabe.advice.models import (
    AdviceMessage,
    AdviceRequest,
    CasePresentation,
    Consultation,
    ConsultationParticipant,
)
from teilhabe.core.models import Alliance

pytestmark = pytest.mark.django_db
TABLES = [AdviceRequest, AdviceMessage, Consultation, ConsultationParticipant, CasePresentation]


def fingerprint() -> str:
    with scopes_disabled():
        rows = [list(model.objects.order_by("pk").values_list()) for model in TABLES]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_every_alliance_gets_answered_questions_and_a_consultation_once() -> None:
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    first = fingerprint()
    with scopes_disabled():
        for alliance in Alliance.objects.all():
            requests = AdviceRequest.objects.filter(alliance=alliance)
            assert requests.count() == 7
            assert requests.filter(first_answer_at__isnull=False).count() == 6
            assert Consultation.objects.filter(alliance=alliance).count() == 1
        figures = advice_figures(Alliance.objects.get(slug="koeln"))
    assert figures.median == "25,0 Stunden"
    assert dict(figures.topics)["Sprachkurse"] == 3
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    assert fingerprint() == first
