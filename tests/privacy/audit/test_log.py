"""The audit log pages: filters, keyset pages, export, and the accesses to one person
(privacy/audit/log.py, privacy/views/audit.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent
from tests.clock import steady_clock
from tests.conftest import World
from tests.people.intake.factories import KeyedPersonFactory

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)


def _views(world: World, n: int, person: Any = None, start: dt.datetime = START) -> list[int]:
    """`n` reads of a person by the Teilhabemanagement A, one a minute from `start`."""
    ids = []
    for i in range(n):
        with time_machine.travel(start + dt.timedelta(minutes=i), tick=False):
            event = audit_record(
                action="view",
                actor=world.users["cm_a"],
                alliance=world.a.alliance,
                organisation=world.a.tm_office,
                obj=person or world.a.person,
            )
        ids.append(event.pk)
    return ids


def _log(world: World) -> str:
    return reverse("privacy:log", args=[world.a.alliance.slug])


def _shown(response: Any) -> list[int]:
    return [e.pk for e in response.context["page"].events]


def _link(html: str, text: str) -> str:
    found = re.search(rf'href="(\?[^"]*)"[^>]*>(?:<span[^>]*></span>)?{text}', html)
    assert found, text
    return found.group(1).replace("&amp;", "&")


def test_older_and_newer_links_walk_the_log_without_gaps_or_repeats(
    world: World, login: Any
) -> None:
    ids = _views(world, 120)
    client = login("dpo_a")
    first = client.get(_log(world))
    newest = _shown(first)
    assert len(newest) == 50 and newest[0] > ids[-1]  # this read of the log comes first
    seen = list(newest)
    page = first
    while "Ältere Einträge" in page.content.decode():
        page = client.get(_log(world) + _link(page.content.decode(), "Ältere Einträge"))
        seen += _shown(page)
    assert [i for i in seen if i in set(ids)] == ids[::-1]  # every event once, newest first
    back = client.get(_log(world) + _link(page.content.decode(), "Neuere Einträge"))
    assert set(_shown(back)).isdisjoint(_shown(page)) and _shown(back)[-1] > _shown(page)[0]
    oldest = client.get(_log(world) + "?aelteste=1")
    assert _shown(oldest)[-1] == ids[0] and "Ältere Einträge" not in oldest.content.decode()


def test_the_oldest_page_needs_the_queries_of_the_newest(world: World, login: Any) -> None:
    client = login("dpo_a")

    def queries(url: str) -> int:
        with steady_clock(), CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _views(world, 10)
    client.get(_log(world))  # warm-up
    small = queries(_log(world))
    _views(world, 150, start=START + dt.timedelta(days=1))
    assert queries(_log(world)) == small
    assert queries(_log(world) + "?aelteste=1") == small


def test_a_day_filter_is_a_range_on_the_time_in_berlin(world: World, login: Any) -> None:
    late = _views(world, 1, start=dt.datetime(2026, 12, 1, 22, 30, tzinfo=dt.UTC))  # 23:30
    early = _views(world, 1, start=dt.datetime(2026, 12, 2, 23, 30, tzinfo=dt.UTC))  # 3rd
    client = login("dpo_a")
    with CaptureQueriesContext(connection) as ctx:
        day = client.get(_log(world), {"von": "2026-12-01", "bis": "2026-12-01"})
    assert _shown(day) == late
    assert early[0] not in _shown(
        client.get(_log(world), {"von": "2026-12-02", "bis": "2026-12-02"})
    )
    sql = " ".join(q["sql"] for q in ctx.captured_queries if "core_auditevent" in q["sql"])
    assert "cast_date" not in sql and "::date" not in sql  # never at__date


def test_the_person_filter_finds_any_spelling_and_keeps_the_name_out_of_links(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        person = KeyedPersonFactory(
            owner=world.a.tm_office, given_name="Muhammad", family_name="Al-Hasan"
        )
    mine = _views(world, 3, person=person)
    _views(world, 2)  # reads of another person
    page = login("dpo_a").post(_log(world), {"name": "Mohammed"})
    assert set(_shown(page)) == set(mine)
    html = page.content.decode()
    assert "Nur Ereignisse zu: Muhammad A." in html
    assert (
        f"personen={person.pk}" in html
        and "Mohammed" not in re.findall(r'href="[^"]*"', html).__str__()
    )


def test_user_organisation_and_action_filters(world: World, login: Any) -> None:
    _views(world, 2)
    audit_record(
        action="disclose", actor=world.users["partner_a"], alliance=world.a.alliance,
        organisation=world.a.jobcenter, obj=world.a.person, consent_id=world.consent_a.pk,
    )  # fmt: skip
    client = login("dpo_a")
    by_org = client.get(_log(world), {"organisation": str(world.a.jobcenter.pk)})
    assert {e.organisation_id for e in by_org.context["page"].events} == {world.a.jobcenter.pk}
    by_user = client.get(_log(world), {"nutzer": world.users["cm_a"].pk})
    assert {e.actor_id for e in by_user.context["page"].events} == {world.users["cm_a"].pk}
    by_action = client.get(_log(world), {"aktion": "disclose"})
    assert [e.action for e in by_action.context["page"].events] == ["disclose"]


def test_the_export_holds_the_sentences_of_the_filtered_log(world: World, login: Any) -> None:
    _views(world, 3)
    client = login("dpo_a")
    before = AuditEvent.objects.filter(action="export").count()
    response = client.get(_log(world), {"aktion": "view", "format": "csv"})
    body = response.getvalue().decode("utf-8-sig")
    rows = list(
        csv.reader(io.StringIO(body), delimiter=";" if ";" in body.splitlines()[0] else ",")
    )
    assert rows[0] == ["Zeit", "Wer", "Aktion", "Eintrag"]
    assert len(rows) == 4
    assert all("die Daten von CanaryA P. eingesehen" in row[3] for row in rows[1:])
    assert AuditEvent.objects.filter(action="export").count() == before + 1


def test_the_accesses_to_a_person_show_reads_by_others_through_a_consent(
    world: World, login: Any
) -> None:
    audit_record(
        action="disclose", actor=world.users["partner_a"], alliance=world.a.alliance,
        organisation=world.a.jobcenter, obj=world.a.person, consent_id=world.consent_a.pk,
    )  # fmt: skip
    url = reverse("privacy:person_accesses", args=[world.a.alliance.slug, world.a.person.pk])
    for persona in ("cm_a", "dpo_a"):
        html = login(persona).get(url).content.decode()
        assert "Jobcenter A (partner_a@example.org) hat am" in html
        assert "Einwilligung vom 01.01.2026" in html


@pytest.mark.parametrize("persona", ["cm_a", "partner_a", "coord_a", "cm_b", "dpo_a"])
def test_the_accesses_of_another_organisations_person_answer_404(
    world: World, login: Any, persona: str
) -> None:
    url = reverse("privacy:person_accesses", args=[world.a.alliance.slug, world.person_a_jmd.pk])
    assert login(persona).get(url).status_code == 404


def test_the_person_page_links_the_accesses_for_the_owner_only(world: World, login: Any) -> None:
    slug = world.a.alliance.slug
    accesses = reverse("privacy:person_accesses", args=[slug, world.a.person.pk])
    page = reverse("people:detail", args=[slug, world.a.person.pk]) + "?bereich=datenschutz"
    assert accesses in login("cm_a").get(page).content.decode()
    assert accesses not in login("partner_a").get(page).content.decode()
    dpo_page = reverse("privacy:person", args=[slug, world.a.person.pk])
    assert accesses in login("dpo_a").get(dpo_page).content.decode()


def test_the_lead_office_log_shows_no_disclosure(world: World, login: Any) -> None:
    audit_record(
        action="disclose", actor=world.users["partner_a"], alliance=world.a.alliance,
        organisation=world.a.jobcenter, obj=world.a.person, consent_id=world.consent_a.pk,
    )  # fmt: skip
    response = login("coord_a").get(reverse("core:audit_log", args=[world.a.alliance.slug]))
    assert "disclose" not in {e.action for e in response.context["page"].events}
    assert "Jobcenter A" not in " ".join(line.sentence for line in response.context["lines"])
    assert 'name="name"' not in response.content.decode()  # no person filter without persons


def test_a_name_matching_too_many_persons_asks_for_more_letters(world: World, login: Any) -> None:
    with scopes_disabled():
        for i in range(21):
            KeyedPersonFactory(owner=world.a.tm_office, given_name="Amina", family_name=f"S{i}")
    page = login("dpo_a").post(_log(world), {"name": "Amina"})
    assert page.context["filters"].too_many
    assert len(page.context["filters"].person_ids) == 20
    assert "Mehr als 20 Personen passen zu diesem Namen" in page.content.decode()


def test_the_dpo_person_search_finds_another_spelling(world: World, login: Any) -> None:
    with scopes_disabled():
        KeyedPersonFactory(owner=world.a.tm_office, given_name="Muhammad", family_name="Al-Hasan")
    url = reverse("privacy:persons", args=[world.a.alliance.slug])
    found = login("dpo_a").get(url, {"q": "Mohammed Hassan"}).context["page"].object_list
    assert [p.given_name for p in found] == ["Muhammad"]
