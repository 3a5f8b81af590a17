"""Canary scan of a move between alliances (issue 17): a person of Köln (alliance A) with
20 items of every kind moves to Kreis Steinfurt (alliance B) with a consent to master
data, education and participations.

Every free-text field of the person's rows carries a token. After acceptance, only the
tokens of consented rows exist in B at all, and the receiver's pages and API show no other;
B's own later entries on the copy carry new tokens that no persona of A ever sees: not on
the sender's person, its lists and API, nor by opening the copy's address.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import Contact, Goal, NeedAssessment, Step
from teilhabe.people.models import Person
from teilhabe.relocation.selectors import incoming_get
from teilhabe.relocation.services import relocation_accept
from teilhabe.trajectories.models import Participation
from tests.conftest import World
from tests.relocation.builders import fill_history, send
from tests.security import canaries as c
from tests.security.scan import body_text

MOVED = "zxcanm"  # the sender's values of the person
RECEIVED = "zxcanr"  # the receiver's own entries on the copy, after acceptance
CONSENTED = ["master_data", "education", "participations"]
AREAS = ("ueberblick", "bildung", "plan", "kontakte", "freigaben", "datenschutz")


def _person_rows(person_id: Any) -> list[Any]:
    """Querysets of every tenant row of one person (its own and its cases')."""
    found: list[Any] = [Person._base_manager.filter(pk=person_id)]
    for model in c.tenant_models():
        names = {f.name for f in model._meta.concrete_fields}
        if "person" in names and model is not Person:
            found.append(model._base_manager.filter(person_id=person_id))
    for model in (Contact, NeedAssessment, Goal):
        found.append(model._base_manager.filter(case__person_id=person_id))
    found.append(Step._base_manager.filter(goal__case__person_id=person_id))
    return found


def _stamp_person(person_id: Any, prefix: str) -> dict[str, set[str]]:
    """Tokens per model label, planted in every text field of the person's rows."""
    planted = c.Planted()
    with scopes_disabled():
        for qs in _person_rows(person_id):
            c._stamp(qs, prefix, planted)
        # An e-mail address must stay one (the copy is checked like an intake).
        stamped = Person._base_manager.get(pk=person_id)
        Person._base_manager.filter(pk=person_id).update(email=f"{stamped.email}@example.org")
        # A category is a key of the catalogue, not free text.
        Participation._base_manager.filter(person_id=person_id).update(category="language_course")
        return {
            qs.model._meta.label: _tokens(
                " ".join(
                    str(v)
                    for f in c.text_fields(qs.model)
                    for v in qs.values_list(f.name, flat=True)
                ),
                prefix,
            )
            for qs in _person_rows(person_id)
        }


def _tokens(text: str, prefix: str) -> set[str]:
    return {t.lower() for t in re.findall(prefix + r"\d{6}", text, flags=re.IGNORECASE)}


def _stored_in_alliance(alliance: Any, prefix: str) -> set[str]:
    """Every token of `prefix` in any text field of any row of the alliance."""
    found: set[str] = set()
    with scopes_disabled():
        for model in c.tenant_models():
            for f in c.text_fields(model):
                rows = model._base_manager.filter(
                    alliance=alliance, **{f"{f.name}__startswith": prefix}
                ).values_list(f.name, flat=True)
                found |= _tokens(" ".join(str(v) for v in rows), prefix)
    return found


def _person_pages(client: Any, slug: str, person_id: Any) -> str:
    url = reverse("people:detail", args=[slug, person_id])
    pages = [client.get(url, {"bereich": area}) for area in AREAS]
    pages.append(client.get(reverse("api:person_detail", args=[slug, person_id])))
    return " ".join(body_text(p) for p in pages)


def _lists(client: Any, slug: str) -> str:
    urls = [
        reverse("people:list", args=[slug]),
        reverse("api:person_list", args=[slug]),
        reverse("relocation:inbox", args=[slug]),
    ]
    return " ".join(body_text(client.get(u)) for u in urls)


@pytest.mark.django_db
def test_a_move_leaks_nothing_but_the_consented_copy_in_either_direction(
    world: World, login: Any, principal: Any
) -> None:
    person = world.a.person
    fill_history(person, world.a.case)
    planted = _stamp_person(person.pk, MOVED)
    consented_models = {
        "people.Person",
        "people.PersonLanguage",
        "people.Certificate",
        "people.Experience",
        "people.Profile",
        "trajectories.Participation",
    }
    # Only fields the copy carries: the old address stays behind.
    allowed = set().union(*(planted.get(m, set()) for m in consented_models))
    with scopes_disabled():
        allowed -= _tokens(Person._base_manager.get(pk=person.pk).address, MOVED)
    never = set().union(*planted.values()) - allowed
    assert len(never) >= 20 * 4  # statuses, needs, goals, contacts at least

    relocation = send(world, principal("cm_a"), CONSENTED)
    receiver = principal("cm_b", "b")
    with scope(alliance=world.b.alliance):
        copy = relocation_accept(
            principal=receiver, relocation=incoming_get(receiver, relocation.pk)
        )

    # In the database: B holds consented values only, and every one of them.
    stored = _stored_in_alliance(world.b.alliance, MOVED)
    assert stored & never == set()
    assert stored == allowed

    # On the receiver's pages and API: nothing beyond the copy.
    cm_b = login("cm_b")
    seen_b = _tokens(_person_pages(cm_b, world.b.alliance.slug, copy.pk), MOVED)
    seen_b |= _tokens(_lists(cm_b, world.b.alliance.slug), MOVED)
    assert seen_b & never == set()
    assert seen_b  # the copy itself is shown
    for persona in ("partner_b", "abh_b", "coord_b"):
        client = login(persona)
        text = _person_pages(client, world.b.alliance.slug, copy.pk)
        assert _tokens(text, MOVED) == set(), persona

    # The receiver's own entries on the copy never reach alliance A.
    received = set().union(*_stamp_person(copy.pk, RECEIVED).values())
    assert received
    for persona in ("cm_a", "partner_a", "abh_a", "coord_a", "dpo_a", "cm_a_jmd"):
        client = login(persona)
        text = " ".join(
            [
                _person_pages(client, world.a.alliance.slug, person.pk),
                _person_pages(client, world.a.alliance.slug, copy.pk),
                _person_pages(client, world.b.alliance.slug, copy.pk),
                _lists(client, world.a.alliance.slug),
            ]
        )
        assert _tokens(text, RECEIVED) == set(), persona
    print(
        f"relocation canaries: {len(allowed)} consented, {len(never)} not consented, "
        f"{len(stored)} stored in B, {len(seen_b)} shown to cm_b, {len(received)} of B's own"
    )
