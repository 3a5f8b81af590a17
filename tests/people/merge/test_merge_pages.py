"""The merge pages: only the owning organisation's case managers reach them, the compare
page shows what differs, and the audit log and the Art. 15 answer name the survivor for
events recorded under the merged record."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.casework.models import Consent
from teilhabe.core.models import AuditEvent
from teilhabe.people.models import Person, PersonMerge
from teilhabe.privacy.art15 import collect
from tests.conftest import World
from tests.people.merge.helpers import pair


def _url(world: World, name: str, *args: Any) -> str:
    return reverse(f"people:merge:{name}", args=[world.a.alliance.slug, *args])


@pytest.mark.django_db
def test_the_case_manager_finds_the_likely_duplicate_compares_and_merges(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=1)
    client = login("cm_a")
    body = client.get(_url(world, "choose", first.pk)).content.decode()
    assert _url(world, "compare", first.pk, second.pk) in body
    page = client.get(_url(world, "compare", first.pk, second.pk)).content.decode()
    assert "Muhammad" in page and "m@example.org" in page
    assert 'name="given_name"' in page and 'name="date_of_birth"' not in page  # same birthday
    response = client.post(
        _url(world, "compare", first.pk, second.pk), {"given_name": "other", "phone": "this"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        first.refresh_from_db()
        assert first.given_name == "Muhammad" and first.phone == "0170 1"
        assert Person.objects.get(pk=second.pk).merged_into_id == first.pk
        merge = PersonMerge.objects.get()
    assert (
        client.get(reverse("people:detail", args=[world.a.alliance.slug, second.pk])).status_code
        == 404
    )
    choose = client.get(_url(world, "choose", first.pk)).content.decode()
    assert _url(world, "withdraw", first.pk, merge.pk) in choose
    response = client.post(_url(world, "withdraw", first.pk, merge.pk))
    assert response.status_code == 302
    with scopes_disabled():
        assert Person.objects.get(pk=second.pk).merged_into_id is None


@pytest.mark.django_db
def test_a_person_of_another_organisation_cannot_be_merged(world: World, login: Any) -> None:
    with scopes_disabled():
        first, _ = pair(world.a.tm_office, per_kind=1)
        other = world.person_a_jmd
    client = login("cm_a")
    assert client.get(_url(world, "compare", first.pk, other.pk)).status_code == 404
    assert client.post(_url(world, "compare", first.pk, other.pk), {}).status_code == 404
    # The JMD's own case manager cannot pull the Teilhabemanagement's record either.
    jmd = login("cm_a_jmd")
    assert jmd.get(_url(world, "compare", other.pk, first.pk)).status_code == 404
    assert jmd.get(_url(world, "choose", first.pk)).status_code == 404
    with scopes_disabled():
        assert not Person.objects.filter(merged_into__isnull=False).exists()


@pytest.mark.django_db
def test_earlier_events_of_the_merged_record_resolve_to_the_survivor(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=1)
        consent = Consent.objects.get(person=second, purpose=Consent.Purpose.JOINT_PLANNING)
        consent.recipients.set(
            [world.a.jobcenter], through_defaults={"alliance_id": consent.alliance_id}
        )
    # Events under the second record's id before the merge: a read and a disclosure.
    partner = login("partner_a")
    assert (
        partner.get(reverse("people:detail", args=[world.a.alliance.slug, second.pk])).status_code
        == 200
    )
    client = login("cm_a")
    client.post(_url(world, "compare", first.pk, second.pk), {})
    with scopes_disabled():
        earlier = AuditEvent.objects.filter(object_id=second.pk, action="disclose")
        assert earlier.count() == 1
        answer = collect(first, world.a.tm_office, include_notes=False)
    assert any("Jobcenter A" in str(r) for r in answer["recipients"]), answer["recipients"]
    accesses = reverse("privacy:person_accesses", args=[world.a.alliance.slug, first.pk])
    page = client.get(accesses).content.decode()
    assert "Jobcenter A" in page  # the partner's read of the merged record
    assert "Mohammed A." in page and "einer Person" not in page
