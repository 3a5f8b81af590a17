"""The early-warning workflow: a finding is acknowledged, assessed and closed by the owning
case management; the review outlives the detection runs that replace the findings."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.trajectories import careers, detection, reviews, selectors
from teilhabe.trajectories.fingerprints import fingerprint
from teilhabe.trajectories.models import Finding, FindingReview
from tests.conftest import World
from tests.factories import PersonFactory
from tests.trajectories.test_participations import access_of, record, three_without_progress

pytestmark = pytest.mark.django_db


def chain(world: World) -> Finding:
    three_without_progress(world)
    with scopes_disabled():
        return Finding.objects.get(person=world.a.person, rule="MK1")


def act(world: World, service: Any, finding: Finding, persona: str = "cm_a", **values: Any) -> Any:
    with scope(alliance=world.a.alliance):
        return service(
            access=access_of(world, persona),
            actor=world.user(persona),
            finding_id=finding.pk,
            **values,
        )


def state(world: World) -> dict[str, str]:
    with scope(alliance=world.a.alliance):
        return {
            f.rule: f.review_status for f in selectors.findings_with_state(access_of(world, "cm_a"))
        }


def principal(world: World, persona: str = "cm_a") -> Principal:
    return Principal.for_alliance(world.user(persona), world.a.alliance)


def test_a_finding_without_a_review_is_new(world: World) -> None:
    chain(world)
    assert state(world)["MK1"] == "new"


def test_acknowledge_assess_and_close_walk_the_states_and_each_is_audited(world: World) -> None:
    finding = chain(world)
    act(world, reviews.finding_acknowledge, finding)
    assert state(world)["MK1"] == "acknowledged"
    act(
        world,
        reviews.finding_assess,
        finding,
        note="Gespräch mit der Person geführt",
        conference_on=dt.date(2026, 12, 10),
    )
    assert state(world)["MK1"] == "assessed"
    review = act(world, reviews.finding_close, finding, action_taken="Ausbildungsplatz vermittelt")
    assert state(world)["MK1"] == "closed"
    assert review.closed_by == world.user("cm_a") and review.closed_on == timezone.localdate()
    assert review.acknowledged_by == world.user("cm_a") and review.organisation == world.a.tm_office
    with scopes_disabled():
        events = AuditEvent.objects.filter(
            object_type="trajectories.findingreview", object_id=review.pk
        )
        assert sorted(events.values_list("action", flat=True)) == ["create", "update", "update"]


def test_a_finding_cannot_be_closed_without_the_action_taken(world: World) -> None:
    finding = chain(world)
    with pytest.raises(ValidationError) as err:
        act(world, reviews.finding_close, finding, action_taken="   ")
    assert "action_taken" in err.value.message_dict
    assert state(world)["MK1"] == "new"


def test_a_closed_finding_can_no_longer_be_assessed_or_acknowledged(world: World) -> None:
    finding = chain(world)
    act(world, reviews.finding_close, finding, action_taken="Fallkonferenz, neuer Plan")
    with pytest.raises(ValidationError):
        act(world, reviews.finding_assess, finding, note="später")
    with pytest.raises(ValidationError):
        act(world, reviews.finding_acknowledge, finding)
    with pytest.raises(ValidationError):
        act(world, reviews.finding_close, finding, action_taken="noch einmal")


def test_acknowledging_twice_is_refused(world: World) -> None:
    finding = chain(world)
    act(world, reviews.finding_acknowledge, finding)
    with pytest.raises(ValidationError):
        act(world, reviews.finding_acknowledge, finding)


def test_the_review_survives_the_detection_runs_that_replace_the_findings(world: World) -> None:
    finding = chain(world)
    act(world, reviews.finding_close, finding, action_taken="Ausbildungsplatz vermittelt")
    detection.detect_alliance(world.a.alliance, timezone.localdate())
    with scopes_disabled():
        again = Finding.objects.get(person=world.a.person, rule="MK1")
    assert again.pk != finding.pk and again.fingerprint == finding.fingerprint
    assert state(world)["MK1"] == "closed"
    with scope(alliance=world.a.alliance):
        assert not list(selectors.open_findings(principal(world), timezone.localdate()))


def test_a_changed_finding_has_a_new_fingerprint_and_is_new_again(world: World) -> None:
    finding = chain(world)
    act(world, reviews.finding_close, finding, action_taken="Ausbildungsplatz vermittelt")
    record(  # a fourth measure without progress lengthens the chain
        world,
        start=dt.date(2026, 10, 1),
        end=dt.date(2026, 11, 20),
        external_title="Berufsorientierung 10",
        category="vocational_orientation",
    )
    with scopes_disabled():
        longer = Finding.objects.get(person=world.a.person, rule="MK1")
    assert longer.fingerprint != finding.fingerprint
    assert state(world)["MK1"] == "new"


def test_a_waiting_gap_keeps_its_fingerprint_while_it_grows() -> None:
    person = careers.PersonInput(
        id=str(uuid.uuid4()), case_active=True, intake=dt.date(2025, 1, 1), participations=()
    )
    keys = []
    for today in (dt.date(2026, 1, 1), dt.date(2026, 3, 1)):
        rows, _flagged = detection._findings([person], careers.Rules(), today)
        keys.append([r[6] for r in rows if r[1] == "MK3"])
    assert keys[0] and keys[0] == keys[1]
    assert keys[0][0] == fingerprint(person.id, "MK3", [], dt.date(2025, 1, 1))


@pytest.mark.parametrize("persona", ["partner_a", "cm_a_jmd", "coord_a"])
def test_nobody_but_the_owning_case_management_may_act(world: World, persona: str) -> None:
    finding = chain(world)
    with scopes_disabled():
        world.consent_a.categories = [*world.consent_a.categories, "participations"]
        world.consent_a.save()
    if persona == "partner_a":  # sees the person through the consent, not the findings
        with pytest.raises(Http404):
            act(world, reviews.finding_acknowledge, finding, persona)
    for name in ("finding_acknowledge", "finding_assess", "finding_close"):
        url = reverse(
            f"people:participations:{name}",
            args=[world.a.alliance.slug, world.a.person.pk, finding.pk],
        )
        client = login_as(world, persona)
        assert client.get(url).status_code == 404, name
        post = client.post(url, {"note": "x", "action_taken": "x"})
        assert post.status_code == 404, name
    assert state(world)["MK1"] == "new"


def login_as(world: World, persona: str) -> Any:
    from django.test import Client

    from tests.conftest import login_with_mfa

    client = Client()
    login_with_mfa(client, world.user(persona))
    return client


def test_the_buttons_work_without_javascript(world: World) -> None:
    finding = chain(world)
    client = login_as(world, "cm_a")
    slug, pk = world.a.alliance.slug, world.a.person.pk
    page = client.get(reverse("people:participations:trajectory", args=[slug, pk]))
    html = page.content.decode()
    assert "Zur Kenntnis nehmen" in html and "Bewerten" in html and "Abschließen" in html
    assert ">neu<" in html
    url = reverse("people:participations:finding_acknowledge", args=[slug, pk, finding.pk])
    answer = client.post(url, {"zurueck": "person"})
    assert answer.status_code == 302
    assert answer["Location"].endswith(
        reverse("people:detail", args=[slug, pk]) + "?bereich=bildung#abschnitt-participations"
    )
    close = reverse("people:participations:finding_close", args=[slug, pk, finding.pk])
    refused = client.post(close, {"action_taken": ""})
    assert (
        refused.status_code == 200
        and "Bitte beschreiben Sie vor dem Abschließen, was unternommen wurde."
        in (refused.content.decode())
    )
    assert state(world)["MK1"] == "acknowledged"


def test_with_htmx_the_answer_is_the_findings_block(world: World) -> None:
    finding = chain(world)
    client = login_as(world, "cm_a")
    slug, pk = world.a.alliance.slug, world.a.person.pk
    url = reverse("people:participations:finding_assess", args=[slug, pk, finding.pk])
    answer = client.post(
        url, {"note": "Fallkonferenz nötig", "conference_on": "2026-12-10"}, HTTP_HX_REQUEST="true"
    )
    html = answer.content.decode()
    assert answer.status_code == 200 and html.lstrip().startswith("<li")
    assert f'id="finding-{finding.pk}"' in html and "Fallkonferenz nötig" in html
    assert "10.12.2026" in html and "bewertet" in html


def test_the_flagged_list_filters_by_state(world: World) -> None:
    finding = chain(world)
    client = login_as(world, "cm_a")
    url = reverse("trajectories_alliance:flagged", args=[world.a.alliance.slug])
    assert "PersonA" in client.get(url, {"zeigen": "neu"}).content.decode()
    act(world, reviews.finding_acknowledge, finding)
    assert "PersonA" not in client.get(url, {"zeigen": "neu"}).content.decode()
    page = client.get(url).content.decode()  # default: open findings
    assert "PersonA" in page and "zur Kenntnis genommen" in page
    act(world, reviews.finding_close, finding, action_taken="Plan angepasst")
    assert "PersonA" not in client.get(url).content.decode()
    assert "PersonA" in client.get(url, {"zeigen": "alle"}).content.decode()


def many_findings(world: World, n: int) -> None:
    """n persons of Teilhabemanagement A with one finding each; every third reviewed,
    every fifth closed."""
    today = timezone.localdate()
    with scopes_disabled():
        persons = [PersonFactory(owner=world.a.tm_office) for _ in range(n)]
        findings = [
            Finding(
                alliance=world.a.alliance,
                person=p,
                rule="MK4",
                participation_ids=[],
                explanation="Zwei Abbrüche in Folge",
                detected_on=today,
                fingerprint=fingerprint(p.pk, "MK4", [str(i)], None),
            )
            for i, p in enumerate(persons)
        ]
        Finding.objects.bulk_create(findings)
        FindingReview.objects.bulk_create(
            FindingReview(
                alliance=world.a.alliance,
                person=f.person,
                organisation=world.a.tm_office,
                rule=f.rule,
                fingerprint=f.fingerprint,
                status="closed" if i % 5 == 0 else "assessed",
                conference_on=today - dt.timedelta(days=1),
            )
            for i, f in enumerate(findings)
            if i % 3 == 0 or i % 5 == 0
        )


def open_rows(world: World) -> tuple[list[Finding], int]:
    with scope(alliance=world.a.alliance), CaptureQueriesContext(connection) as ctx:
        rows = list(selectors.open_findings(principal(world), timezone.localdate()))
        for f in rows:
            _ = (f.person.family_name, f.review_status, f.due_on, f.overdue)
    return rows, len(ctx.captured_queries)


def test_open_findings_needs_the_same_queries_for_10_and_100_findings(world: World) -> None:
    many_findings(world, 10)
    rows, few = open_rows(world)
    assert len(rows) == 8  # 0 and 5 are closed
    many_findings(world, 90)
    rows, many = open_rows(world)
    assert len(rows) == 8 + 72  # 18 of the 90 are closed
    assert few == many
    states = {f.review_status for f in rows}
    assert states == {"new", "assessed"}
    assert all(f.overdue for f in rows if f.review_status == "assessed")
    assert not any(f.overdue for f in rows if f.review_status == "new")


def test_open_findings_leave_out_other_organisations_persons(world: World) -> None:
    chain(world)
    with scope(alliance=world.a.alliance):
        assert len(selectors.open_findings(principal(world), timezone.localdate())) == 1
        assert not list(selectors.open_findings(principal(world, "cm_a_jmd"), timezone.localdate()))


def test_open_findings_count_is_one_query_and_skips_closed_findings(world: World) -> None:
    finding = chain(world)
    with scopes_disabled():
        other = PersonFactory(owner=world.a.tm_office)
    ids = [world.a.person.pk, other.pk]
    with scope(alliance=world.a.alliance):
        with CaptureQueriesContext(connection) as ctx:
            counts = selectors.open_findings_count(ids)
        assert len(ctx.captured_queries) == 1
        assert counts == {world.a.person.pk: 1}
    act(world, reviews.finding_close, finding, action_taken="Plan angepasst")
    with scope(alliance=world.a.alliance):
        assert selectors.open_findings_count(ids) == {}


@pytest.mark.parametrize("show", ["neu", "offen", "alle"])
def test_the_flagged_list_needs_the_same_queries_for_10_and_60_persons(
    world: World, show: str
) -> None:
    client = login_as(world, "cm_a")
    url = reverse("trajectories_alliance:flagged", args=[world.a.alliance.slug])
    client.get(url)  # the first request of a session reads more (session, roles)
    counts = []
    for n in (10, 50):
        many_findings(world, n)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"zeigen": show}).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_the_migration_keys_stored_findings_as_detection_does(world: World) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("teilhabe.trajectories.migrations.0002_finding_reviews")
    finding = chain(world)
    with scopes_disabled():
        Finding.objects.filter(pk=finding.pk).update(fingerprint="")
        migration.fingerprint_stored_findings(apps, None)
        assert Finding.objects.get(pk=finding.pk).fingerprint == finding.fingerprint != ""
