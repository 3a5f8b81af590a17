"""Intake in one form: person, first residence status, languages, schooling and the case in
one POST and one transaction (people.intake.views.taking_in → services.person_intake)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.casework.models import Case, FollowUp
from teilhabe.core.models import AuditEvent
from teilhabe.people.models import Person, PersonLanguage, Profile, ResidenceStatusEntry
from tests.conftest import World
from tests.people.intake.helpers import TODAY, detail_url, intake_data, intake_url

ROW_URL = "people:intake:language_row"


def rows_of(family_name: str) -> dict[str, int]:
    with scopes_disabled():
        persons = Person.objects.filter(family_name=family_name)
        return {
            "persons": persons.count(),
            "cases": Case.objects.filter(person__in=persons).count(),
            "statuses": ResidenceStatusEntry.objects.filter(person__in=persons).count(),
            "languages": PersonLanguage.objects.filter(person__in=persons).count(),
            "profiles": Profile.objects.filter(person__in=persons).count(),
        }


def selected_options(html: str, select_id: str) -> list[str]:
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, select_id
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select.group(1))


@pytest.mark.django_db
def test_one_post_creates_person_status_languages_schooling_and_case_then_opens_the_person(
    world: World, login: Any
) -> None:
    response = login("cm_a").post(intake_url(world), intake_data())
    assert rows_of("Al-Hassan") == {
        "persons": 1,
        "cases": 1,
        "statuses": 1,
        "languages": 2,
        "profiles": 1,
    }
    with scopes_disabled():
        person = Person.objects.get(family_name="Al-Hassan")
        entry = ResidenceStatusEntry.objects.get(person=person)
        profile = Profile.objects.get(person=person)
        followup = FollowUp.objects.get(case__person=person)
        audited = set(AuditEvent.objects.values_list("object_type", flat=True))
    assert response.status_code == 302
    assert response["Location"] == detail_url(world, person.pk)
    assert entry.status == "toleration" and entry.valid_until is not None
    assert (entry.valid_until - TODAY).days == 35
    assert (profile.school_years_abroad, profile.school_years_germany) == (9, 1)
    assert profile.legal_domains == ["asylblg"]
    # The Duldung expires within the follow-up window: the new case has its follow-up.
    assert followup.reason == FollowUp.Reason.STATUS_EXPIRY and followup.done_on is None
    assert {"people.residencestatusentry", "people.profile"} <= audited


@pytest.mark.django_db
def test_an_invalid_field_in_any_section_keeps_every_value_and_stores_nothing(
    world: World, login: Any
) -> None:
    data = intake_data(
        nationality="ZZ",  # not in the list: a form rule of the master data
        **{
            # a service rule of the status: the end before the start
            "status-valid_until": "2020-01-01",
            "status-valid_from": "2021-01-01",
            # a form rule of the schooling section
            "profil-school_years_abroad": "99",
        },
    )
    response = login("cm_a").post(intake_url(world), data)
    assert response.status_code == 200
    assert rows_of("Al-Hassan") == dict.fromkeys(
        ("persons", "cases", "statuses", "languages", "profiles"), 0
    )
    assert "school_years_abroad" in response.context["profile_form"].errors
    html = response.content.decode()
    # Every entered value is still there, the languages included.
    for value in ("Mohammed", "Al-Hassan", "0221 123456", "Musterstraße 1, 50667 Köln"):
        assert f'value="{value}"' in html
    assert selected_options(html, "id_status-status") == ["toleration"]
    assert selected_options(html, "id_sprachen-1-language") == ["de"]
    assert 'value="99"' in html


@pytest.mark.django_db
def test_service_errors_of_master_data_and_status_come_in_one_round_at_their_fields(
    world: World, login: Any
) -> None:
    data = intake_data(
        arrival_date=(TODAY + dt.timedelta(days=10)).isoformat(),  # a rule of the service
        **{"status-status": "residence_permit", "status-legal_basis": ""},
    )
    response = login("cm_a").post(intake_url(world), data)
    assert rows_of("Al-Hassan")["persons"] == 0
    assert "arrival_date" in response.context["form"].errors
    assert "legal_basis" in response.context["status_form"].errors
    # The summary links to the status field by its id.
    assert 'href="#id_status-legal_basis"' in response.content.decode()


@pytest.mark.django_db
def test_the_intake_form_preselects_no_residence_status_and_asks_to_choose_one(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    html = client.get(intake_url(world)).content.decode()
    # Only the empty "Please choose" is selected, none of the statuses.
    assert selected_options(html, "id_status-status") == [""]
    assert '<option value="" selected>Bitte auswählen</option>' in html
    data = intake_data(**{"status-status": ""})
    response = client.post(intake_url(world), data)
    assert "status" in response.context["status_form"].errors
    assert rows_of("Al-Hassan")["persons"] == 0


@pytest.mark.django_db
def test_the_separate_status_form_preselects_no_status_either(world: World, login: Any) -> None:
    url = reverse("people:intake:status_add", args=[world.a.alliance.slug, world.a.person.pk])
    html = login("cm_a").get(url).content.decode()
    assert selected_options(html, "id_status") == [""]
    assert '<option value="" selected>Bitte auswählen</option>' in html


@pytest.mark.django_db
def test_add_another_language_answers_the_next_row_and_the_new_count(
    world: World, login: Any
) -> None:
    url = reverse(ROW_URL, args=[world.a.alliance.slug])
    response = login("cm_a").post(url, {"sprachen-TOTAL_FORMS": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="sprachen-1-language"' in html and "Sprache 2" in html
    assert re.search(r'name="sprachen-TOTAL_FORMS" value="2"[^>]*hx-swap-oob="true"', html)
    full = login("cm_a").post(url, {"sprachen-TOTAL_FORMS": "12"})
    assert full.status_code == 200 and full.content == b""
    assert login("cm_a").post(url, {"sprachen-TOTAL_FORMS": "x"}).status_code == 400


@pytest.mark.django_db
def test_a_language_row_added_by_htmx_is_saved_with_the_intake(world: World, login: Any) -> None:
    data = intake_data(
        **{
            "sprachen-TOTAL_FORMS": "3",
            "sprachen-2-language": "en",
            "sprachen-2-level": "B1",
        }
    )
    assert login("cm_a").post(intake_url(world), data).status_code == 302
    assert rows_of("Al-Hassan")["languages"] == 3


@pytest.mark.django_db
def test_without_javascript_add_another_language_shows_the_form_again_with_one_more_row(
    world: World, login: Any
) -> None:
    data = intake_data(given_name="", add_language="1")  # an error, but nothing is checked yet
    response = login("cm_a").post(intake_url(world), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert rows_of("Al-Hassan")["persons"] == 0
    assert not response.context["form"].errors and "tm-error-summary" not in html
    assert 'name="sprachen-2-language"' in html  # the two rows typed, and a third
    assert selected_options(html, "id_sprachen-1-language") == ["de"]
    assert selected_options(html, "id_status-status") == ["toleration"]
    assert 'value="Al-Hassan"' in html and 'value="9"' in html
    checkbox = re.search(r'<input type="checkbox"[^>]*id="id_profil-legal_domains_0"[^>]*>', html)
    assert checkbox is not None and " checked" in checkbox.group(0)
