"""The audit log's sentences (privacy/audit/text.py)."""

from __future__ import annotations

import ast
import datetime as dt
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_scopes import scope, scopes_disabled

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent
from teilhabe.privacy.audit import labels, text
from tests import factories as f
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german() -> Any:
    with translation.override("de"):
        yield


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")
CODE = re.compile(r"\b[a-z]+\.[a-z_]+\b")  # people.person, core.auditevent, …


def _read(world: World, at: dt.datetime) -> AuditEvent:
    """The Jobcenter's read of person A through the consent, at `at`."""
    user = world.users["partner_a"]
    user.first_name, user.last_name = "Maria", "Muster"
    user.save()
    with time_machine.travel(at, tick=False):
        return audit_record(
            action=AuditEvent.Action.DISCLOSE,
            actor=user,
            alliance=world.a.alliance,
            organisation=world.a.jobcenter,
            obj=world.a.person,
            consent_id=world.consent_a.pk,
            purpose="consent",
        )


def _sentence(world: World, principal: Any, event: AuditEvent, persona: str) -> str:
    with scope(alliance=world.a.alliance):
        event = text.described(AuditEvent.objects.all()).get(pk=event.pk)
        return text.describe([event], principal(persona))[0].sentence


def test_a_disclosure_reads_as_a_german_sentence_with_the_consent(
    world: World, principal: Any
) -> None:
    event = _read(world, dt.datetime(2026, 12, 2, 13, 3, tzinfo=dt.UTC))  # 14:03 in Berlin
    assert _sentence(world, principal, event, "dpo_a") == (
        "Jobcenter A (M. Muster) hat am 02.12.2026 14:03 die Stammdaten, den "
        "Aufenthaltsstatus und die Bildungs- und Sprachdaten von CanaryA P. eingesehen "
        "– Einwilligung vom 01.01.2026"
    )


def test_a_reader_who_may_not_see_the_person_reads_a_person(world: World, principal: Any) -> None:
    event = _read(world, dt.datetime(2026, 12, 2, 13, 3, tzinfo=dt.UTC))
    for persona in ("coord_a", "abh_a", "cm_a_jmd"):
        sentence = _sentence(world, principal, event, persona)
        assert "von einer Person eingesehen" in sentence
        assert "Canary" not in sentence
    assert "CanaryA P." in _sentence(world, principal, event, "cm_a")
    assert "CanaryA P." in _sentence(world, principal, event, "partner_a")  # its consent


def test_objects_of_a_person_name_the_person_and_no_type_or_id(
    world: World, principal: Any
) -> None:
    events = [
        audit_record(action="update", alliance=world.a.alliance, obj=world.a.case),
        audit_record(action="create", alliance=world.a.alliance, obj=world.consent_a),
        audit_record(action="view", alliance=world.a.alliance, obj=world.a.person),
    ]
    with scope(alliance=world.a.alliance):
        rows = AuditEvent.objects.filter(pk__in=[e.pk for e in events]).order_by("id")
        lines = text.describe(rows.select_related("actor", "organisation"), principal("cm_a"))
    sentences = [line.sentence for line in lines]
    assert "den Fall von CanaryA P. geändert" in sentences[0]
    assert "eine Einwilligung von CanaryA P. angelegt" in sentences[1]
    assert "die Daten von CanaryA P. eingesehen" in sentences[2]
    assert all(s.startswith("Das System hat am ") for s in sentences)


def test_no_sentence_shows_a_code_an_id_or_an_english_purpose(world: World, principal: Any) -> None:
    """Every action × every object type the log knows × every purpose code."""
    kinds = [*labels.OBJECTS, *labels.EXPORTS, "casework.goal", "unknown_kind", ""]
    purposes = [*labels.PURPOSES, "bildungspass ar", "version 3", "persons: 12 rows", "x y z"]
    events = [
        AuditEvent(
            id=n,
            at=dt.datetime(2026, 12, 2, 13, 3, tzinfo=dt.UTC),
            action=action,
            object_type=kind,
            object_id=uuid.uuid4(),
            purpose=purpose,
            alliance=world.a.alliance,
        )
        for n, (action, kind, purpose) in enumerate(
            (a, k, p) for a in AuditEvent.Action.values for k in kinds for p in purposes
        )
    ]
    with scope(alliance=world.a.alliance):
        lines = text.describe(events, principal("dpo_a"))
    codes = {p for p in labels.PURPOSES if len(p) > 3} | {" viewed ", " on ", " rows"}
    for line in lines:
        assert not UUID.search(line.sentence), line.sentence
        assert not CODE.search(line.sentence), line.sentence
        assert not any(code in line.sentence for code in codes), line.sentence


def _written_purposes() -> set[str]:
    """The purpose literals the services hand to the audit log."""
    found: set[str] = set()
    root = Path(text.__file__).parents[2]
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in ("audit_record", "audit_event", "audit_write", "_audit"):
                continue
            values = [k.value for k in node.keywords if k.arg == "purpose"] + node.args[3:4]
            for value in values:
                for const in ast.walk(value):
                    if isinstance(const, ast.Constant) and isinstance(const.value, str):
                        found.add(const.value)
    return found


def test_every_purpose_the_services_write_has_a_german_label() -> None:
    written = _written_purposes()
    assert {"consent", "case sheet", "restriction granted"} <= written  # the scan works
    pieces = {"", " ", ": ", " rows"}  # parts of f-strings handled by PREFIXES and rows
    unlabelled = {
        p
        for p in written - pieces
        if p not in labels.PURPOSES and not any(p.startswith(x) for x in labels.PREFIXES)
    }
    assert not unlabelled


def test_a_page_of_any_length_is_described_in_the_same_number_of_queries(
    world: World, principal: Any
) -> None:
    def count(n: int) -> int:
        with scopes_disabled():
            persons = [f.PersonFactory(owner=world.a.tm_office) for _ in range(n)]
            cases = [f.CaseFactory(person=p) for p in persons]
        events = [audit_record(action="view", alliance=world.a.alliance, obj=p) for p in persons]
        events += [audit_record(action="update", alliance=world.a.alliance, obj=c) for c in cases]
        events.append(_read(world, dt.datetime(2026, 12, 2, tzinfo=dt.UTC)))
        with scope(alliance=world.a.alliance):
            rows = list(text.described(AuditEvent.objects.filter(pk__in=[e.pk for e in events])))
            who = principal("dpo_a")
            with CaptureQueriesContext(connection) as ctx:
                lines = text.describe(rows, who)
        assert sum("CanaryA P." in line.sentence for line in lines) == 1
        return len(ctx.captured_queries)

    assert count(2) == count(20)


def test_a_batch_reads_as_each_of_its_events_alone(world: World, principal: Any) -> None:
    """Words made once per batch (actors, minutes, details) are each event's own."""
    other = world.users["cm_b"]
    events = [
        _read(world, dt.datetime(2026, 12, 2, 13, 3, tzinfo=dt.UTC)),
        audit_record(action="view", actor=other, alliance=world.a.alliance,
                     organisation=world.b.tm_office, obj=world.a.person),
        audit_record(action="update", alliance=world.a.alliance, obj=world.a.person,
                     purpose="consent"),
        audit_record(action="view", alliance=world.a.alliance, obj=world.a.person,
                     outcome=AuditEvent.Outcome.DENIED),
        _read(world, dt.datetime(2026, 12, 2, 13, 3, 30, tzinfo=dt.UTC)),
    ]  # fmt: skip
    with scope(alliance=world.a.alliance):
        rows = list(text.described(AuditEvent.objects.filter(pk__in=[e.pk for e in events])))
        who = principal("dpo_a")
        together = [(line.who, line.when, line.sentence) for line in text.describe(rows, who)]
        alone = [
            (line.who, line.when, line.sentence) for e in rows for line in text.describe([e], who)
        ]
    assert together == alone
    assert len(set(together)) == 4  # the two reads in one minute read the same
    # An organisation of another alliance is named (a recipient, a merged record's owner).
    assert any(world.b.tm_office.name in w for w, _t, _s in together)
