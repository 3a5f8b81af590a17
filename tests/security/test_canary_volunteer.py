"""The canary scan for the volunteer role, without and with a mentoring pair.

Every text field of every row of person A (the person, their cases, consents, contacts,
plan, participations, the pair's check-ins …) holds a token, except the two the consent to
accompaniment lets the volunteer read: the first name and the pair's goal. Every URL the
matrix builds (A's objects) is fetched as the volunteer, export links followed: no token
may show. The first name shows on the mentoring pages alone, and only while the pair is
active and the consent holds.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.mentoring.models import MentoringPair
from teilhabe.privacy.retention import person_paths, rows_of
from tests.conftest import World
from tests.security.canaries import Planted, _stamp
from tests.security.scan import body_text, export_links
from tests.security.walk import collect_kwargs, urls

TOKEN = "zxcanv"
READABLE = {"people.Person.given_name", "mentoring.MentoringPair.goal"}


def _plant(person: Any) -> Planted:
    planted = Planted()
    with scopes_disabled():
        for model, path in person_paths().items():
            saved = {
                f: list(rows_of(model, path, [person.pk]).values_list("pk", f))
                for f in ("given_name", "goal")
                if f"{model._meta.label}.{f}" in READABLE
            }
            _stamp(rows_of(model, path, [person.pk]), TOKEN, planted)
            for f, rows in saved.items():  # the readable fields keep their values
                for pk, value in rows:
                    model._base_manager.filter(pk=pk).update(**{f: value})
    return planted


def _scan(client: Any, paths: list[str]) -> dict[str, str]:
    """Path → body text (lower case) of every page reached, export links followed."""
    bodies: dict[str, str] = {}
    queue = list(paths)
    while queue:
        path = queue.pop()
        if path in bodies:
            continue
        response = client.get(path)
        bodies[path] = body_text(response).lower()
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            queue += [link for link in export_links(bodies[path]) if link.startswith("/")]
    return bodies


@pytest.mark.django_db
def test_the_volunteer_sees_no_canary_without_or_with_a_pair(world: World, login: Any) -> None:
    kwargs = collect_kwargs(world)  # builds volunteer A's pair with person A
    with scopes_disabled():
        pair = MentoringPair.objects.get(pk=kwargs["pair_id"])
        consent = pair.person.consents.filter(categories=["accompaniment"]).get()
    planted = _plant(world.a.person)
    paths = sorted({p for _, p in urls(kwargs)})
    client = login("volunteer_a")
    client.raise_request_exception = False
    mentoring_pages = ("/begleitung/",)
    first_name = world.a.person.given_name.lower()

    states: dict[str, dict[str, str]] = {}
    for state in ("ended pair", "active pair", "consent withdrawn"):
        with scopes_disabled():
            ended = timezone.localdate() if state == "ended pair" else None
            MentoringPair.objects.filter(pk=pair.pk).update(ended_on=ended)
            if state == "consent withdrawn":
                type(consent).objects.filter(pk=consent.pk).update(
                    withdrawn_on=timezone.localdate()
                )
        states[state] = _scan(client, paths)

    leaks = [
        f"{state} {path}"
        for state, bodies in states.items()
        for path, text in bodies.items()
        if TOKEN in text
    ]
    named = {
        state: sorted(p for p, text in bodies.items() if first_name in text)
        for state, bodies in states.items()
    }
    print(
        f"volunteer canary scan: {planted.total} canaries in {len(planted.fields)} fields of "
        f"person A, {len(paths)} URLs × {len(states)} states, "
        f"{sum(len(b) for b in states.values())} responses, {len(leaks)} occurrences; "
        f"first name on {len(named['active pair'])} pages with the active pair"
    )
    assert planted.total > 10
    assert leaks == [], leaks[:20]
    assert named["ended pair"] == [] and named["consent withdrawn"] == []
    assert named["active pair"], "positive control: the volunteer reads the first name"
    assert all(any(m in p for m in mentoring_pages) for p in named["active pair"])
