"""The handover and deputy pages: a confirm step before anything changes, 404 for what the
user may not see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.models import Deputy
from teilhabe.core.models import AuditEvent, Membership, Role
from tests import factories as f


def _colleague(world: Any) -> Any:
    user = f.UserFactory(
        username="cm_a2", email="cm_a2@example.org", first_name="Jana", last_name="Kollegin"
    )
    f.MembershipFactory(user=user, organisation=world.a.tm_office, role=Role.CASE_MANAGER)
    return user


def test_bulk_handover_of_two_persons_needs_the_confirm_step(world: Any, login: Any) -> None:
    to = _colleague(world)
    with scopes_disabled():
        second = f.PersonFactory(owner=world.a.tm_office, given_name="Zweite", family_name="Z")
    ids = [str(world.a.person.pk), str(second.pk)]
    url = reverse("people:handover", args=[world.a.alliance.slug])
    client = login("cm_a")

    page = client.post(url, {"person": ids})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Zweite" in html and "CanaryA" in html and "Jana Kollegin" in html
    # A colleague of another organisation is not offered.
    assert "cm_a_jmd@example.org" not in html
    # Choosing a colleague without the confirm marker changes nothing.
    client.post(url, {"person": ids, "to_user": to.pk})
    with scopes_disabled():
        second.refresh_from_db()
        assert second.assigned_to_id is None

    done = client.post(url, {"person": ids, "to_user": to.pk, "confirm": "1", "note": "x"})
    assert done.status_code == 302
    assert done["Location"] == reverse("people:list", args=[world.a.alliance.slug])
    with scopes_disabled():
        second.refresh_from_db()
        world.a.person.refresh_from_db()
        assert second.assigned_to == to and world.a.person.assigned_to == to
        assert AuditEvent.objects.filter(action="person.reassign").count() == 2


def test_an_invisible_id_in_a_bulk_handover_is_404(world: Any, login: Any) -> None:
    url = reverse("people:handover", args=[world.a.alliance.slug])
    ids = [str(world.a.person.pk), str(world.person_a_jmd.pk)]
    assert login("cm_a").post(url, {"person": ids}).status_code == 404


def test_one_person_handover_returns_to_the_person_page(world: Any, login: Any) -> None:
    to = _colleague(world)
    url = reverse("people:handover_person", args=[world.a.alliance.slug, world.a.person.pk])
    client = login("cm_a")
    assert client.get(url).status_code == 200
    done = client.post(url, {"to_user": to.pk, "confirm": "1"})
    assert done["Location"] == reverse(
        "people:detail", args=[world.a.alliance.slug, world.a.person.pk]
    )
    with scopes_disabled():
        world.a.person.refresh_from_db()
        assert world.a.person.assigned_to == to


def test_a_colleague_is_set_and_ended_as_deputy_on_the_page(world: Any, login: Any) -> None:
    to = _colleague(world)
    today = timezone.localdate()
    url = reverse("people:deputies", args=[world.a.alliance.slug])
    client = login("cm_a")
    form = {
        "action": "set",
        "organisation": world.a.tm_office.pk,
        "absent": world.users["cm_a"].pk,
        "deputy": to.pk,
        "valid_from": (today - dt.timedelta(days=1)).isoformat(),
        "valid_until": (today + dt.timedelta(days=5)).isoformat(),
    }
    assert client.post(url, form).status_code == 302
    page = client.get(url)
    assert "Jana Kollegin" in page.content.decode()
    with scopes_disabled():
        row = Deputy.objects.get()
    client.post(url, {"action": "end", "deputy_row": row.pk})
    with scopes_disabled():
        row.refresh_from_db()
        assert row.valid_until == today - dt.timedelta(days=1)


def test_an_end_before_the_start_is_shown_on_the_field(world: Any, login: Any) -> None:
    to = _colleague(world)
    url = reverse("people:deputies", args=[world.a.alliance.slug])
    form = {
        "action": "set",
        "organisation": world.a.tm_office.pk,
        "absent": world.users["cm_a"].pk,
        "deputy": to.pk,
        "valid_from": "2026-12-10",
        "valid_until": "2026-12-09",
    }
    page = login("cm_a").post(url, form)
    assert page.status_code == 200
    assert page.context["form"].errors["valid_until"]
    with scopes_disabled():
        assert not Deputy.objects.exists()


def test_a_deputy_of_another_organisation_cannot_be_ended(world: Any, login: Any) -> None:
    with scopes_disabled():
        row = Deputy.objects.create(
            alliance=world.a.alliance,
            organisation=world.a.jmd,
            absent=world.users["cm_a_jmd"],
            deputy=world.users["cm_a_jmd"],
            valid_from=timezone.localdate(),
            valid_until=timezone.localdate(),
        )
    url = reverse("people:deputies", args=[world.a.alliance.slug])
    assert login("cm_a").post(url, {"action": "end", "deputy_row": row.pk}).status_code == 404


def test_a_need_to_know_case_manager_is_offered_only_itself_as_absent(
    world: Any, login: Any
) -> None:
    _colleague(world)
    Membership.objects.filter(user=world.users["cm_a"]).update(assigned_only=True)
    page = login("cm_a").get(reverse("people:deputies", args=[world.a.alliance.slug]))
    absent = page.context["form"].fields["absent"].queryset
    assert list(absent) == [world.users["cm_a"]]


def test_the_deputies_page_costs_the_same_queries_for_one_or_many_rows(
    world: Any, login: Any
) -> None:
    to = _colleague(world)
    url = reverse("people:deputies", args=[world.a.alliance.slug])
    client = login("cm_a")
    today = timezone.localdate()

    def add(n: int) -> None:
        with scopes_disabled():
            for i in range(n):
                Deputy.objects.create(
                    alliance=world.a.alliance,
                    organisation=world.a.tm_office,
                    absent=world.users["cm_a"],
                    deputy=to,
                    valid_from=today + dt.timedelta(days=i),
                    valid_until=today + dt.timedelta(days=i + 3),
                )

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    count()  # the first request of a session writes it (and warms caches)
    add(1)
    one = count()
    add(9)
    assert count() == one
