"""The person page's legal-domain and interpreter forms, what partners see of them, the
new-contact form's prefill, the trajectory lines and the API answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.models import FollowUp
from teilhabe.people.models import InterpreterNeed, LegalDomainPeriod, Profile
from tests.conftest import World
from tests.pages.helpers import whole_person_page
from tests.people.intake.helpers import detail_url


def url(world: World, name: str, *args: Any) -> str:
    return reverse(f"people:domains:{name}", args=[world.a.alliance.slug, *args])


def period(world: World, domain: str, started_on: dt.date, **kw: Any) -> LegalDomainPeriod:
    with scopes_disabled():
        return LegalDomainPeriod.objects.create(
            alliance=world.a.alliance,
            person=world.a.person,
            domain=domain,
            started_on=started_on,
            **kw,
        )


@pytest.mark.django_db
def test_the_change_form_ends_one_domain_begins_another_and_leads_back_to_the_history(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    old = period(world, "asylblg", dt.date(2024, 2, 1), office="Sozialamt")
    form = client.get(url(world, "change", world.a.person.pk))
    assert form.status_code == 200 and "Sozialamt" not in form.content.decode()
    today = timezone.localdate()
    response = client.post(
        url(world, "change", world.a.person.pk),
        {
            "domain": "sgb2",
            "started_on": today.isoformat(),
            "ending": str(old.pk),
            "office": "Jobcenter Köln",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?bereich=bildung#abschnitt-legal_domains")
    with scopes_disabled():
        old.refresh_from_db()
        assert old.ended_on == today - dt.timedelta(days=1)
        assert Profile.objects.get(person=world.a.person).legal_domains == ["sgb2"]
        assert FollowUp.objects.filter(
            case=world.a.case, reason=FollowUp.Reason.LEGAL_DOMAIN_CHANGE
        ).exists()
    body = client.get(f"{detail_url(world, world.a.person.pk)}?bereich=bildung").content.decode()
    assert "Jobcenter Köln" in body and "Sozialamt" in body


@pytest.mark.django_db
def test_a_future_start_shows_an_error_on_the_form_and_saves_nothing(
    world: World, login: Any
) -> None:
    later = timezone.localdate() + dt.timedelta(days=30)
    response = login("cm_a").post(
        url(world, "change", world.a.person.pk), {"domain": "sgb3", "started_on": later}
    )
    assert response.status_code == 200
    assert "started_on" in response.context["form"].errors
    with scopes_disabled():
        assert not LegalDomainPeriod.objects.filter(person=world.a.person).exists()


@pytest.mark.django_db
def test_the_interpreter_need_is_recorded_shown_and_prefills_a_new_contact(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    response = client.post(
        url(world, "interpreter_add", world.a.person.pk),
        {"language": "prs", "needed": "on", "note": "nur Behördentermine"},
    )
    assert response.status_code == 302
    assert "#abschnitt-interpreter" in response["Location"]
    overview = client.get(detail_url(world, world.a.person.pk)).content.decode()
    assert "Dari" in overview and "nur Behördentermine" in overview
    contact = client.get(
        reverse("people:work:contact_create", args=[world.a.alliance.slug, world.a.person.pk])
    )
    field = contact.context["form"]["interpreter"]
    assert field.initial is True and "Dari" in str(field.help_text)


@pytest.mark.django_db
def test_a_new_contact_starts_without_interpreter_when_none_is_needed(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        InterpreterNeed.objects.create(
            alliance=world.a.alliance, person=world.a.person, language="ar", needed=False
        )
    contact = login("cm_a").get(
        reverse("people:work:contact_create", args=[world.a.alliance.slug, world.a.person.pk])
    )
    assert not contact.context["form"]["interpreter"].initial


@pytest.mark.django_db
def test_a_partner_sees_history_and_need_without_edit_links_and_its_forms_answer_404(
    world: World, login: Any
) -> None:
    p = period(world, "sgb8", dt.date(2023, 5, 1), office="Jugendamt Köln")
    with scopes_disabled():
        need = InterpreterNeed.objects.create(
            alliance=world.a.alliance, person=world.a.person, language="ti"
        )
    client = login("partner_a")
    body = whole_person_page(client, detail_url(world, world.a.person.pk))
    assert "Jugendamt Köln" in body and "Tigrinya" in body
    assert url(world, "change", world.a.person.pk) not in body
    for target in (
        url(world, "change", world.a.person.pk),
        url(world, "end", p.pk),
        url(world, "delete", p.pk),
        url(world, "interpreter_add", world.a.person.pk),
        url(world, "interpreter_edit", need.pk),
        url(world, "interpreter_delete", need.pk),
    ):
        assert client.get(target).status_code == 404, target


@pytest.mark.django_db
def test_the_trajectory_shows_the_change_with_its_dates(world: World, login: Any) -> None:
    period(world, "asylblg", dt.date(2024, 2, 1), ended_on=dt.date(2025, 8, 31))
    period(world, "sgb2", dt.date(2025, 9, 1))
    body = (
        login("cm_a")
        .get(
            reverse(
                "people:participations:trajectory",
                args=[world.a.alliance.slug, world.a.person.pk],
            )
        )
        .content.decode()
    )
    assert "31.08.2025" in body and "01.09.2025" in body
    assert "AsylbLG" in body and "SGB II" in body


@pytest.mark.django_db
def test_the_api_gives_each_part_only_under_its_consent_category(world: World, login: Any) -> None:
    period(world, "sgb2", dt.date(2025, 9, 1), office="Jobcenter")
    with scopes_disabled():
        InterpreterNeed.objects.create(
            alliance=world.a.alliance, person=world.a.person, language="ar"
        )
    api = reverse("api:person_detail", args=[world.a.alliance.slug, world.a.person.pk])
    full = login("partner_a").get(api).json()
    assert full["legal_domain_periods"][0]["domain"] == "sgb2"
    assert full["interpreter_needs"] == [{"language": "ar", "needed": True, "note": ""}]
    with scopes_disabled():
        world.consent_a.categories = ["master_data"]
        world.consent_a.save()
    narrow = login("partner_a").get(api).json()
    assert narrow["legal_domain_periods"] == []
    assert narrow["interpreter_needs"][0]["language"] == "ar"
