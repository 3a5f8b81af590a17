"""The consent category "accompaniment": it permits a mentoring pair and nothing else.

The volunteer sees the first name and languages through `accompaniment_for` while an
active consent names their organisation; a withdrawal answers 404 at once. Partner staff of
the named organisation never see the person through such a consent: no page, list,
search, API or export.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import Role
from teilhabe.core.roles import Principal
from teilhabe.people.access import (
    accompaniment_for,
    get_person_access,
    persons_for,
    shared_with,
)
from teilhabe.people.models import PersonLanguage
from tests import factories as f
from tests.conftest import World
from tests.mentoring.helpers import accompaniment_consent, pair, profile, volunteer_of


@pytest.fixture
def paired(world: World) -> Any:
    membership = volunteer_of(world.a.alliance, "volunteer_a")
    with scopes_disabled():
        PersonLanguage.objects.create(
            alliance=world.a.alliance, person=world.a.person, language="ar", level="native"
        )
    consent = accompaniment_consent(world.a.person, membership.organisation)
    volunteer = profile(membership)
    return membership, consent, pair(world.a.person, volunteer, world.users["cm_a"])


def _sees(principal: Principal, membership: Any, person: Any) -> Any:
    with scope(alliance=principal.alliance):
        return accompaniment_for(
            principal,
            person_id=person.pk,
            organisation_id=membership.organisation_id,
            volunteer_user_id=membership.user_id,
        )


@pytest.mark.django_db
def test_the_volunteer_sees_the_first_name_and_languages_and_nothing_else(
    world: World, paired: Any, principal: Any
) -> None:
    membership, consent, _ = paired
    seen = _sees(principal("volunteer_a"), membership, world.a.person)
    assert (seen.given_name, seen.languages, seen.consent_ids) == (
        "CanaryA",
        ("ar",),
        (consent.pk,),
    )
    assert not hasattr(seen, "family_name") and not hasattr(seen, "date_of_birth")


@pytest.mark.django_db
def test_without_the_category_or_after_withdrawal_the_volunteer_gets_404(
    world: World, paired: Any, principal: Any
) -> None:
    membership, consent, _ = paired
    with scopes_disabled():
        consent.categories = ["master_data"]
        consent.save()
    with pytest.raises(Http404):
        _sees(principal("volunteer_a"), membership, world.a.person)
    with scopes_disabled():
        consent.categories = ["accompaniment"]
        consent.withdrawn_on = timezone.localdate()
        consent.save()
    with pytest.raises(Http404):
        _sees(principal("volunteer_a"), membership, world.a.person)


@pytest.mark.django_db
def test_another_member_of_the_organisation_sees_nothing_of_the_pair(
    world: World, paired: Any, principal: Any
) -> None:
    membership, _, _ = paired
    other = f.MembershipFactory(organisation=membership.organisation, role=Role.VOLUNTEER)
    with pytest.raises(Http404):
        _sees(Principal.for_alliance(other.user, world.a.alliance), membership, world.a.person)
    with pytest.raises(Http404):  # the case manager does not read through this door either
        _sees(principal("cm_a"), membership, world.a.person)


@pytest.mark.django_db
def test_a_restricted_person_is_404_for_the_volunteer(
    world: World, paired: Any, principal: Any
) -> None:
    membership, _, _ = paired
    with scopes_disabled():
        world.a.person.restricted = True
        world.a.person.save()
    with pytest.raises(Http404):
        _sees(principal("volunteer_a"), membership, world.a.person)


@pytest.mark.django_db
def test_a_consent_for_accompaniment_alone_opens_the_person_to_no_partner_staff(
    world: World, paired: Any
) -> None:
    membership, _, _ = paired
    staff = f.MembershipFactory(organisation=membership.organisation, role=Role.PARTNER_STAFF)
    staff_principal = Principal.for_alliance(staff.user, world.a.alliance)
    with scope(alliance=world.a.alliance):
        assert not persons_for(staff_principal).exists()
        assert shared_with(staff_principal) == {}
        with pytest.raises(Http404):
            get_person_access(staff_principal, world.a.person.pk)


@pytest.mark.django_db
def test_a_consent_with_accompaniment_and_master_data_gives_partner_staff_the_master_data_only(
    world: World, paired: Any
) -> None:
    membership, consent, _ = paired
    with scopes_disabled():
        consent.categories = ["accompaniment", "master_data"]
        consent.save()
    staff = f.MembershipFactory(organisation=membership.organisation, role=Role.PARTNER_STAFF)
    with scope(alliance=world.a.alliance):
        access = get_person_access(
            Principal.for_alliance(staff.user, world.a.alliance), world.a.person.pk
        )
    assert access.categories == frozenset({"master_data"})


@pytest.mark.django_db
def test_the_volunteer_never_reaches_the_person_on_any_surface(
    world: World, paired: Any, login: Any
) -> None:
    slug, pk = world.a.alliance.slug, world.a.person.pk
    client = login("volunteer_a")
    assert (
        client.get(reverse("mentoring:pair_detail", args=[slug, paired[2].pk])).status_code == 200
    )
    for url, params in [
        (reverse("people:detail", args=[slug, pk]), {}),
        (reverse("people:case_sheet", args=[slug, pk]), {}),
        (reverse("people:list", args=[slug]), {}),
        (reverse("people:list", args=[slug]), {"q": "Canary"}),
        (reverse("people:list", args=[slug]), {"format": "csv"}),
        (reverse("api:person_detail", args=[slug, pk]), {}),
        (reverse("api:person_list", args=[slug]), {}),
    ]:
        response = client.get(url, params)
        assert response.status_code in (403, 404), url
        assert b"PersonA" not in response.content


@pytest.mark.django_db
def test_withdrawal_answers_404_on_the_volunteers_page_at_once(
    world: World, paired: Any, login: Any
) -> None:
    _, consent, the_pair = paired
    client = login("volunteer_a")
    url = reverse("mentoring:pair_detail", args=[world.a.alliance.slug, the_pair.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"CanaryA" in page.content
    assert b"PersonA" not in page.content and b"2003" not in page.content
    with scopes_disabled():
        consent.withdrawn_on = timezone.localdate()
        consent.save()
    assert client.get(url).status_code == 404
    listing = client.get(reverse("mentoring:my_pairs", args=[world.a.alliance.slug]))
    assert b"CanaryA" not in listing.content


@pytest.mark.django_db
def test_an_expired_consent_ends_the_view_like_a_withdrawal(
    world: World, paired: Any, login: Any
) -> None:
    _, consent, the_pair = paired
    with scopes_disabled():
        consent.valid_until = timezone.localdate() - dt.timedelta(days=1)
        consent.save()
    url = reverse("mentoring:pair_detail", args=[world.a.alliance.slug, the_pair.pk])
    assert login("volunteer_a").get(url).status_code == 404
