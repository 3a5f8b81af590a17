"""Intake: person + case with eligibility, age confirmation, duplicate warning, access."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import Case
from teilhabe.core.models import AuditEvent
from teilhabe.people.intake.rules import IntakeConfirmations, MasterData
from teilhabe.people.intake.services import EligibilityAnswers, person_intake
from teilhabe.people.models import Person, PersonLanguage
from tests.conftest import World
from tests.people.intake.factories import KeyedPersonFactory
from tests.people.intake.helpers import TODAY, birth_for_age, intake_data, intake_url


def persons_named(family_name: str) -> list[Person]:
    with scopes_disabled():
        return list(Person.objects.filter(family_name=family_name))


@pytest.mark.django_db
def test_intake_creates_person_languages_and_case_with_age_and_answers_all_audited(
    world: World, login: Any
) -> None:
    response = login("cm_a").post(intake_url(world), intake_data())
    assert response.status_code == 302
    [person] = persons_named("Al-Hassan")
    assert response["Location"].endswith(f"/personen/{person.pk}/")
    with scopes_disabled():
        case = Case.objects.get(person=person)
        codes = set(PersonLanguage.objects.filter(person=person).values_list("language", "level"))
        events = set(
            AuditEvent.objects.filter(action="create").values_list("object_type", "object_id")
        )
    assert person.owner == world.a.tm_office
    assert person.assigned_to == world.users["cm_a"]
    assert person.residence_id == "05315000" and person.nationality == "SY"
    assert person.search_key.strip()  # written by the service
    assert case.organisation == world.a.tm_office and case.case_manager == world.users["cm_a"]
    assert case.status == "open" and case.opened_on == TODAY
    assert case.age_at_intake == 22
    assert (case.no_sgb_measures, case.no_compulsory_schooling) == ("yes", "yes")
    assert case.not_in_course_or_training == "unknown"
    assert codes == {("ar", "native"), ("de", "A2")}
    assert ("people.person", person.pk) in events and ("casework.case", case.pk) in events
    with scopes_disabled():
        audited = AuditEvent.objects.filter(object_type="people.personlanguage").count()
    assert audited == 2


@pytest.mark.django_db
def test_a_person_outside_18_to_27_is_taken_in_only_after_confirmation(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    data = intake_data(date_of_birth=birth_for_age(31).isoformat())
    response = client.post(intake_url(world), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "31" in body and 'name="confirm_age"' in body and 'type="checkbox"' in body
    assert persons_named("Al-Hassan") == []
    response = client.post(intake_url(world), {**data, "confirm_age": "on"})
    assert response.status_code == 302
    [person] = persons_named("Al-Hassan")
    with scopes_disabled():
        assert Case.objects.get(person=person).age_at_intake == 31


@pytest.mark.django_db
def test_duplicate_elsewhere_warns_with_the_organisation_only_and_nothing_is_created_unconfirmed(
    world: World, login: Any
) -> None:
    born = birth_for_age(24)
    with scopes_disabled():
        # Owned by the JMD of alliance A, spelled differently, with data cm_a must not see.
        KeyedPersonFactory(
            owner=world.a.jmd,
            given_name="Muhammad",
            family_name="El Hasan",
            date_of_birth=born,
            phone="0170 999888",
            email="secret@example.org",
        )
    client = login("cm_a")
    data = intake_data(date_of_birth=born.isoformat())
    response = client.post(intake_url(world), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Jugendmigrationsdienst A" in body
    assert 'name="confirm_duplicate"' in body and 'type="checkbox"' in body
    for leaked in ("Muhammad", "El Hasan", "0170 999888", "secret@example.org"):
        assert leaked not in body
    assert persons_named("Al-Hassan") == []
    response = client.post(intake_url(world), {**data, "confirm_duplicate": "on"})
    assert response.status_code == 302
    assert len(persons_named("Al-Hassan")) == 1
    assert len(persons_named("El Hasan")) == 1  # nothing merged


@pytest.mark.django_db
def test_a_namesake_with_another_birthday_or_in_another_alliance_is_no_duplicate(
    world: World, login: Any
) -> None:
    born = birth_for_age(24)
    with scopes_disabled():
        KeyedPersonFactory(
            owner=world.b.tm_office,
            given_name="Mohammed",
            family_name="Al-Hassan",
            date_of_birth=born,
        )
        KeyedPersonFactory(
            owner=world.a.jmd,
            given_name="Mohammed",
            family_name="Al-Hassan",
            date_of_birth=birth_for_age(25),
        )
    response = login("cm_a").post(intake_url(world), intake_data(date_of_birth=born.isoformat()))
    assert response.status_code == 302


@pytest.mark.django_db
def test_swapped_given_and_family_name_is_a_possible_duplicate(world: World, login: Any) -> None:
    born = birth_for_age(20)
    with scopes_disabled():
        KeyedPersonFactory(
            owner=world.a.tm_office, given_name="Hassan", family_name="Mohamed", date_of_birth=born
        )
    response = login("cm_a").post(intake_url(world), intake_data(date_of_birth=born.isoformat()))
    assert response.status_code == 200
    assert "Teilhabemanagement A" in response.content.decode()


@pytest.mark.django_db
def test_intake_errors_are_shown_and_nothing_is_written(world: World, login: Any) -> None:
    client = login("cm_a")
    data = intake_data(
        residence="05566076",  # Rheine: a municipality of alliance B
        nationality="ZZ",
        **{"sprachen-1-language": "ar"},  # the same language twice
    )
    response = client.post(intake_url(world), data)
    assert response.status_code == 200
    assert persons_named("Al-Hassan") == []
    errors = response.context["form"].errors
    assert "nationality" in errors and "residence" in errors
    assert response.context["language_formset"].non_form_errors()


@pytest.mark.django_db
def test_eligibility_preview_answers_htmx_posts_with_age_and_priority(
    world: World, login: Any
) -> None:
    url = reverse("people:intake:eligibility", args=[world.a.alliance.slug])
    client = login("cm_a")
    body = client.post(
        url,
        {
            "date_of_birth": birth_for_age(19).isoformat(),
            "intake_date": TODAY.isoformat(),
            "no_sgb_measures": "yes",
            "no_compulsory_schooling": "yes",
            "not_in_course_or_training": "yes",
        },
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "<html" not in body
    assert "19" in body and response_has_class(body, "kern-badge--success")
    assert "yes" in body.lower() or "ja" in body.lower()
    old = client.post(
        url,
        {
            "date_of_birth": birth_for_age(30).isoformat(),
            "intake_date": TODAY.isoformat(),
            "no_sgb_measures": "no",
        },
    )
    assert response_has_class(old.content.decode(), "kern-badge--warning")
    assert old.context["eligibility"].priority == "no"
    assert client.get(url).status_code == 405


def response_has_class(body: str, css_class: str) -> bool:
    return css_class in body


@pytest.mark.django_db
def test_intake_page_shows_the_eligibility_region_and_the_list_links_to_it(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    page = client.get(intake_url(world)).content.decode()
    assert 'id="eligibility"' in page and 'aria-live="polite"' in page
    assert 'hx-post="' + reverse("people:intake:eligibility", args=[world.a.alliance.slug])
    listing = client.get(reverse("people:list", args=[world.a.alliance.slug])).content.decode()
    assert intake_url(world) in listing
    partner = login("partner_a").get(reverse("people:list", args=[world.a.alliance.slug]))
    assert intake_url(world) not in partner.content.decode()


@pytest.mark.django_db
def test_intake_by_a_case_manager_of_another_organisation_is_owned_by_that_organisation(
    world: World, login: Any
) -> None:
    assert login("cm_a_jmd").post(intake_url(world), intake_data()).status_code == 302
    [person] = persons_named("Al-Hassan")
    assert person.owner == world.a.jmd


@pytest.mark.django_db
def test_a_birth_date_in_1850_is_refused_even_with_the_age_confirmation(
    world: World, login: Any
) -> None:
    data = intake_data(date_of_birth="1850-01-01", confirm_age="on")
    response = login("cm_a").post(intake_url(world), data)
    assert response.status_code == 200
    assert "Bitte geben Sie ein Datum ab dem 01.01.1900 ein." in response.content.decode()
    assert persons_named("Al-Hassan") == []


@pytest.mark.django_db
def test_the_intake_service_refuses_a_birth_date_in_1850_for_every_caller(world: World) -> None:
    # The import and any other caller reach the rule here, not through the form.
    with pytest.raises(ValidationError) as caught, scope(alliance=world.a.alliance):
        person_intake(
            alliance=world.a.alliance,
            organisation=world.a.tm_office,
            actor=world.users["cm_a"],
            data=MasterData(
                given_name="Mohammed",
                family_name="Al-Hassan",
                date_of_birth=dt.date(1850, 1, 1),
                sex="male",
            ),
            languages=[],
            answers=EligibilityAnswers(),
            intake_date=TODAY,
            confirmations=IntakeConfirmations(age_outside_target_group=True),
        )
    assert caught.value.message_dict == {
        "date_of_birth": ["Bitte geben Sie ein Datum ab dem 01.01.1900 ein."]
    }
    assert persons_named("Al-Hassan") == []
