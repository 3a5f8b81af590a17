"""The caseload list (pages/person_list, people/filters, people/selectors.caseload): every
filter and sort, German name order, saved filters, bulk actions, constant queries, what a
partner sees, and the export."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import Case, Contact, Goal, NeedAssessment, Step
from teilhabe.core.models import Membership, Role, SavedFilter
from teilhabe.people.models import Person, ResidenceStatusEntry
from teilhabe.trajectories.models import Finding
from tests import factories as f
from tests.clock import steady_clock
from tests.conftest import World
from tests.people.intake.factories import KeyedPersonFactory, StatusEntryFactory

TODAY = timezone.localdate()


def list_url(world: World) -> str:
    return reverse("people:list", args=[world.a.alliance.slug])


def names(body: str) -> list[str]:
    """Family names of the table's rows, in order."""
    return re.findall(r'scope="row"><a class="kern-link" href="[^"]+">([^,<]+),', body)


def table(client: Any, world: World, **data: str) -> str:
    """The table as htmx answers a filter change (POST: no value in a URL)."""
    response = client.post(list_url(world), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return str(response.content.decode())


def years_ago(years: int) -> dt.date:
    return TODAY.replace(year=TODAY.year - years) - dt.timedelta(days=100)


@dataclass
class Caseload:
    adler: Person
    bauer: Person
    claus: Person
    colleague: Any
    fields: list[FieldOfAction]


def person(world: World, family: str, **kwargs: Any) -> Person:
    p = KeyedPersonFactory(
        owner=world.a.tm_office, family_name=family, given_name="Vorname", **kwargs
    )
    f.CaseFactory(person=p)
    return p


def contact(p: Person, on: dt.date) -> None:
    case = p.cases.get()
    Contact.objects.create(
        alliance=p.alliance,
        case=case,
        organisation=p.owner,
        on=on,
        duration_minutes=30,
        channel="phone",
    )


def step(p: Person, due: dt.date, status: str = "open") -> None:
    goal = Goal.objects.create(alliance=p.alliance, case=p.cases.get(), title="Ziel")
    Step.objects.create(
        alliance=p.alliance,
        goal=goal,
        title="Schritt",
        responsible=p.owner,
        due_on=due,
        status=status,
    )


def need(p: Person, field: FieldOfAction, level: str, on: dt.date) -> None:
    NeedAssessment.objects.create(
        alliance=p.alliance,
        case=p.cases.get(),
        field_of_action=field,
        level=level,
        assessed_on=on,
        organisation=p.owner,
    )


def finding(p: Person) -> None:
    Finding.objects.create(
        alliance=p.alliance, person=p, rule="MK1", explanation="x", detected_on=TODAY
    )


@pytest.fixture
def caseload(world: World) -> Caseload:
    """Three persons with a distinct value in every column (PersonA of the world has none):

    | | born | status (until) | contact | next step | findings | need | case manager |
    | Adler | oldest | Gestattung (+10 d) | -30 d | +5 d | 2 | urgent | Anna Albers (cm_a) |
    | Bauer | youngest | settlement (+100 d) | -1 d | +20 d | 0 | none | Zoe Zander |
    | Claus | middle | – | – | – | 1 | some | – |
    """
    cm = world.users["cm_a"]
    cm.first_name, cm.last_name = "Anna", "Albers"
    cm.save()
    colleague = f.UserFactory(
        username="zander", email="zander@example.org", first_name="Zoe", last_name="Zander"
    )
    f.MembershipFactory(user=colleague, organisation=world.a.tm_office, role=Role.CASE_MANAGER)
    with scopes_disabled():
        fields = [
            FieldOfAction.objects.create(alliance=world.a.alliance, name=n, position=90 + i)
            for i, n in enumerate(("Sprache", "Wohnen"))
        ]
        adler = person(world, "Adler", date_of_birth=years_ago(26), assigned_to=cm)
        bauer = person(world, "Bauer", date_of_birth=years_ago(20), assigned_to=colleague)
        claus = person(world, "Claus", date_of_birth=years_ago(24))
        StatusEntryFactory(
            person=adler, status="gestattung", valid_until=TODAY + dt.timedelta(days=10)
        )
        StatusEntryFactory(
            person=bauer, status="settlement", valid_until=TODAY + dt.timedelta(days=100)
        )
        contact(adler, TODAY - dt.timedelta(days=30))
        contact(adler, TODAY - dt.timedelta(days=40))
        contact(bauer, TODAY - dt.timedelta(days=1))
        step(adler, TODAY + dt.timedelta(days=5))
        step(adler, TODAY - dt.timedelta(days=50), status="done")  # finished: not next
        step(bauer, TODAY + dt.timedelta(days=20))
        for p, count in ((adler, 2), (claus, 1)):
            for _ in range(count):
                finding(p)
        need(adler, fields[0], "urgent", TODAY)
        need(bauer, fields[0], "none", TODAY)
        need(claus, fields[0], "urgent", TODAY - dt.timedelta(days=60))
        need(claus, fields[0], "none", TODAY)  # the newer assessment of the field counts
        need(claus, fields[1], "some", TODAY)
    return Caseload(adler, bauer, claus, colleague, fields)


# --- columns ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_columns_show_age_status_expiry_contact_step_findings_need_and_case_manager(
    world: World, login: Any, caseload: Caseload
) -> None:
    body = table(login("cm_a"), world, q="Adler")
    assert names(body) == ["Adler"]
    expiry = TODAY + dt.timedelta(days=10)
    for text in (
        ">26<",
        "Aufenthaltsgestattung",
        expiry.strftime("%d.%m.%Y"),
        "in 10 Tagen",
        (TODAY - dt.timedelta(days=30)).strftime("%d.%m.%Y"),
        (TODAY + dt.timedelta(days=5)).strftime("%d.%m.%Y"),
        ">2<",
        "dringender Bedarf",
        "Anna Albers",
    ):
        assert text in body, text
    assert "cm_a@example.org" not in body  # the name, not the e-mail address


@pytest.mark.django_db
def test_an_expired_status_says_how_long_ago(world: World, login: Any) -> None:
    with scopes_disabled():
        p = person(world, "Abgelaufen")
        StatusEntryFactory(person=p, valid_until=TODAY - dt.timedelta(days=3))
    assert "seit 3 Tagen abgelaufen" in table(login("cm_a"), world, q="Abgelaufen")


# --- sorting ------------------------------------------------------------------------------

SORTS = {
    "name": ["Adler", "Bauer", "Claus", "PersonA"],
    "-name": ["PersonA", "Claus", "Bauer", "Adler"],
    "alter": ["Bauer", "PersonA", "Claus", "Adler"],
    "-alter": ["Adler", "Claus", "PersonA", "Bauer"],
    "status": ["Adler", "Bauer", "Claus", "PersonA"],
    "-status": ["Bauer", "Adler", "Claus", "PersonA"],
    "ablauf": ["Adler", "Bauer", "Claus", "PersonA"],
    "-ablauf": ["Bauer", "Adler", "Claus", "PersonA"],
    "kontakt": ["Adler", "Bauer", "Claus", "PersonA"],
    "-kontakt": ["Bauer", "Adler", "Claus", "PersonA"],
    "schritt": ["Adler", "Bauer", "Claus", "PersonA"],
    "-schritt": ["Bauer", "Adler", "Claus", "PersonA"],
    "befunde": ["Bauer", "PersonA", "Claus", "Adler"],
    "-befunde": ["Adler", "Claus", "Bauer", "PersonA"],
    "bedarf": ["Bauer", "Claus", "Adler", "PersonA"],
    "-bedarf": ["Adler", "Claus", "Bauer", "PersonA"],
    "zustaendig": ["Adler", "Bauer", "Claus", "PersonA"],
    "-zustaendig": ["Bauer", "Adler", "Claus", "PersonA"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("sort", list(SORTS))
def test_every_column_sorts_both_ways_with_empty_values_last(
    world: World, login: Any, caseload: Caseload, sort: str
) -> None:
    body = table(login("cm_a"), world, sort=sort)
    assert names(body) == SORTS[sort]
    assert f'id="person-sort" value="{sort}" hx-swap-oob="true"' in body


@pytest.mark.django_db
def test_an_unknown_sort_falls_back_to_the_name(
    world: World, login: Any, caseload: Caseload
) -> None:
    assert names(table(login("cm_a"), world, sort="passwort")) == SORTS["name"]


GERMAN_ORDER = ["Çelik", "Cem", "Oz", "Özdemir", "Ozon", "Şahin", "Saleh", "Schmidt", "Ünal"]
GERMAN_ORDER += ["Uz", "Zafar"]


@pytest.mark.django_db
def test_names_sort_in_german_order_with_accented_letters_beside_their_base_letter(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        for family in reversed(GERMAN_ORDER):
            person(world, family)
        Person.objects.filter(pk=world.a.person.pk).update(family_name="Ähnlich")
    client = login("cm_a")
    assert names(table(client, world)) == ["Ähnlich", *GERMAN_ORDER]
    assert names(table(client, world, sort="-name")) == [*reversed(GERMAN_ORDER), "Ähnlich"]


# --- filters ------------------------------------------------------------------------------

FILTERS: list[tuple[dict[str, str], list[str]]] = [
    ({"q": "adl"}, ["Adler"]),
    ({"residence_status": "settlement"}, ["Bauer"]),
    ({"expires_within": "30"}, ["Adler"]),
    ({"expires_within": "365"}, ["Adler", "Bauer"]),
    ({"need_level": "urgent"}, ["Adler"]),  # Claus's urgent need was reassessed as none
    ({"need_level": "some"}, ["Claus"]),
    ({"need_level": "none"}, ["Bauer", "Claus"]),
    ({"findings": "on"}, ["Adler", "Claus"]),
    ({"mine": "on"}, ["Adler"]),
    ({"status": "closed"}, ["Claus"]),
    ({"status": "open"}, ["Adler", "Bauer", "PersonA"]),
    ({"findings": "on", "need_level": "some"}, ["Claus"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "expected"), FILTERS, ids=[str(d) for d, _ in FILTERS])
def test_each_filter_narrows_the_list(
    world: World, login: Any, caseload: Caseload, data: dict[str, str], expected: list[str]
) -> None:
    with scopes_disabled():
        Case.objects.filter(person=caseload.claus).update(status="closed")
    assert names(table(login("cm_a"), world, **data)) == expected


@pytest.mark.django_db
def test_the_case_manager_filter_offers_colleagues_by_name(
    world: World, login: Any, caseload: Caseload
) -> None:
    client = login("cm_a")
    page = client.get(list_url(world)).content.decode()
    assert f'<option value="{caseload.colleague.pk}">Zoe Zander</option>' in page
    assert "cm_b@example.org" not in page  # not a colleague
    body = table(client, world, case_manager=str(caseload.colleague.pk))
    assert names(body) == ["Bauer"]


@pytest.mark.django_db
def test_an_expiring_status_of_a_past_entry_does_not_count(world: World, login: Any) -> None:
    with scopes_disabled():
        p = person(world, "Wechsel")
        StatusEntryFactory(
            person=p, valid_from=dt.date(2024, 1, 1), valid_until=TODAY + dt.timedelta(days=2)
        )
        StatusEntryFactory(person=p, valid_from=dt.date(2025, 1, 1), valid_until=None)
    assert names(table(login("cm_a"), world, expires_within="30")) == []


# --- queries ------------------------------------------------------------------------------


def bulk_persons(world: World, n: int, colleague: Any, field: FieldOfAction) -> None:
    """`n` persons with a case, a status, a contact, a step, a need and a finding each."""
    a = world.a
    with scopes_disabled():
        persons = Person.objects.bulk_create(
            Person(
                alliance=a.alliance,
                owner=a.tm_office,
                assigned_to=colleague if i % 2 else None,
                given_name=f"Vorname{i}",
                family_name=f"Massen{i:04d}",
                date_of_birth=dt.date(2000, 1, 1) + dt.timedelta(days=i),
                sex="female",
            )
            for i in range(n)
        )
        cases = Case.objects.bulk_create(
            Case(alliance=a.alliance, person=p, organisation=a.tm_office, opened_on=TODAY)
            for p in persons
        )
        goals = Goal.objects.bulk_create(
            Goal(alliance=a.alliance, case=c, title="Ziel") for c in cases
        )
        Step.objects.bulk_create(
            Step(alliance=a.alliance, goal=g, title="S", responsible=a.tm_office, due_on=TODAY)
            for g in goals
        )
        Contact.objects.bulk_create(
            Contact(
                alliance=a.alliance,
                case=c,
                organisation=a.tm_office,
                on=TODAY,
                duration_minutes=10,
                channel="phone",
            )
            for c in cases
        )
        NeedAssessment.objects.bulk_create(
            NeedAssessment(
                alliance=a.alliance,
                case=c,
                field_of_action=field,
                level="some",
                assessed_on=TODAY,
                organisation=a.tm_office,
            )
            for c in cases
        )
        ResidenceStatusEntry.objects.bulk_create(
            ResidenceStatusEntry(
                alliance=a.alliance,
                person=p,
                status="toleration",
                valid_from=TODAY,
                valid_until=TODAY + dt.timedelta(days=i % 90),
            )
            for i, p in enumerate(persons)
        )
        Finding.objects.bulk_create(
            Finding(alliance=a.alliance, person=p, rule="MK1", explanation="x", detected_on=TODAY)
            for p in persons
        )


def queries(client: Any, world: World, data: dict[str, str]) -> int:
    with steady_clock():
        table(client, world, **data)  # warm caches
        with CaptureQueriesContext(connection) as ctx:
            table(client, world, **data)
    page_queries = [q["sql"] for q in ctx.captured_queries]
    return len(page_queries)


@pytest.mark.django_db
def test_the_page_needs_the_same_queries_for_10_and_1000_persons(
    world: World, login: Any, caseload: Caseload
) -> None:
    client = login("cm_a")
    field = caseload.fields[0]
    views = [
        {},
        {"sort": "-bedarf"},
        {"sort": "kontakt", "findings": "on", "need_level": "some", "expires_within": "60"},
        {"q": "massen", "case_manager": str(caseload.colleague.pk), "sort": "befunde"},
    ]
    bulk_persons(world, 10, caseload.colleague, field)
    small = [queries(client, world, data) for data in views]
    with scopes_disabled():
        Person.objects.filter(family_name__startswith="Massen").delete()
    bulk_persons(world, 1000, caseload.colleague, field)
    large = [queries(client, world, data) for data in views]
    assert small == large
    assert "1004 Personen gefunden" in table(client, world)


# --- saved filters ------------------------------------------------------------------------


def save_url(world: World) -> str:
    return reverse("people:saved_filter_create", args=[world.a.alliance.slug])


def delete_url(world: World, saved: SavedFilter) -> str:
    return reverse("people:saved_filter_delete", args=[world.a.alliance.slug, saved.pk])


@pytest.mark.django_db
def test_a_saved_filter_keeps_its_values_on_the_server_and_is_applied_by_its_id(
    world: World, login: Any, caseload: Caseload
) -> None:
    client = login("cm_a")
    data = {"filter_name": "Meine Eiligen", "q": "Adler", "sort": "-name", "seite": "3"}
    response = client.post(save_url(world), data)
    saved = SavedFilter.objects.get(user=world.users["cm_a"])
    assert saved.query == {"q": "Adler", "sort": "-name"}  # known filters only
    assert response.status_code == 302
    assert response["Location"] == f"{list_url(world)}?filter={saved.pk}"  # no value in it
    page = client.get(response["Location"]).content.decode()
    assert names(page) == ["Adler"] and "Meine Eiligen" in page
    # Saving again under the same name replaces the values.
    client.post(save_url(world), {"filter_name": "Meine Eiligen", "mine": "on"})
    saved.refresh_from_db()
    assert saved.query == {"mine": "on"} and SavedFilter.objects.count() == 1


@pytest.mark.django_db
def test_a_saved_filter_needs_a_name(world: World, login: Any) -> None:
    response = login("cm_a").post(save_url(world), {"filter_name": "  ", "mine": "on"})
    assert response.status_code == 302 and not SavedFilter.objects.exists()


@pytest.mark.django_db
def test_deleting_a_saved_filter_removes_it(world: World, login: Any) -> None:
    client = login("cm_a")
    client.post(save_url(world), {"filter_name": "Weg damit", "mine": "on"})
    saved = SavedFilter.objects.get()
    assert client.post(delete_url(world, saved)).status_code == 302
    assert not SavedFilter.objects.exists()
    assert "Weg damit" not in client.get(list_url(world)).content.decode()


@pytest.mark.django_db
def test_another_users_saved_filter_is_404_to_apply_and_to_delete(world: World, login: Any) -> None:
    login("cm_a").post(save_url(world), {"filter_name": "Privat", "q": "Adler"})
    saved = SavedFilter.objects.get()
    other = login("cm_a_jmd")
    assert other.get(list_url(world), {"filter": str(saved.pk)}).status_code == 404
    assert other.post(list_url(world), {"filter": str(saved.pk)}).status_code == 404
    assert other.post(delete_url(world, saved)).status_code == 404
    assert "Privat" not in other.get(list_url(world)).content.decode()
    assert SavedFilter.objects.filter(pk=saved.pk).exists()
    unknown = login("cm_a").get(list_url(world), {"filter": str(uuid.uuid4())})
    assert unknown.status_code == 404


# --- bulk actions -------------------------------------------------------------------------


@pytest.mark.django_db
def test_bulk_actions_are_offered_to_case_managers_only(world: World, login: Any) -> None:
    body = login("cm_a").get(list_url(world)).content.decode()
    assert "Zuständigkeit übertragen" in body and "Wiedervorlage anlegen" in body
    assert f'name="person" value="{world.a.person.pk}"' in body
    assert 'formaction="/b/buendnis-a/personen/uebergabe/"' in body
    assert 'formaction="/b/buendnis-a/personen/wiedervorlagen/sammel/"' in body
    assert 'data-select-all="person"' in body
    partner = login("partner_a").get(list_url(world)).content.decode()
    assert "Zuständigkeit übertragen" not in partner and 'name="person"' not in partner


# --- partners -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_partner_sees_consented_persons_without_the_owners_casework(
    world: World, login: Any, caseload: Caseload
) -> None:
    with scopes_disabled():
        finding(world.a.person)
        contact(world.a.person, TODAY - dt.timedelta(days=2))
        need(world.a.person, caseload.fields[0], "urgent", TODAY)
    client = login("partner_a")
    body = table(client, world)
    assert names(body) == ["PersonA"]  # only the consented person
    assert (TODAY - dt.timedelta(days=2)).strftime("%d.%m.%Y") not in body
    assert "dringender Bedarf" not in body  # the consent does not cover needs
    # Filtering or sorting by hidden values reveals nothing either.
    assert names(table(client, world, need_level="urgent")) == []
    assert names(table(client, world, sort="-befunde")) == ["PersonA"]
    assert 'name="findings"' not in body and 'name="case_manager"' not in body
    with scopes_disabled():
        world.consent_a.categories = [*world.consent_a.categories, "needs"]
        world.consent_a.save(update_fields=["categories"])
    assert names(table(client, world, need_level="urgent")) == ["PersonA"]


@pytest.mark.django_db
def test_the_immigration_office_never_sees_needs_even_with_a_consent(
    world: World, login: Any, caseload: Caseload
) -> None:
    with scopes_disabled():
        need(world.a.person, caseload.fields[0], "urgent", TODAY)
        world.consent_a.categories = ["master_data", "needs"]
        world.consent_a.save(update_fields=["categories"])
        world.consent_a.recipients.add(
            world.a.abh, through_defaults={"alliance_id": world.a.alliance.pk}
        )
    body = table(login("abh_a"), world)
    assert names(body) == ["PersonA"] and "dringender Bedarf" not in body


# --- export -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_export_has_the_filtered_rows_and_the_new_columns(
    world: World, login: Any, caseload: Caseload
) -> None:
    client = login("cm_a")
    response = client.post(list_url(world), {"format": "csv", "findings": "on", "sort": "-name"})
    text = response.getvalue().decode("utf-8-sig")
    lines = text.splitlines()
    for header in ("Letzter Kontakt", "Nächster Schritt", "Offene Befunde", "Höchster Bedarf"):
        assert header in lines[0], header
    assert [line.split(";")[1] for line in lines[1:]] == ["Claus", "Adler"]
    assert "Anna Albers" in text and "dringender Bedarf" in text


@pytest.mark.django_db
def test_the_export_of_a_saved_filter_uses_its_values(
    world: World, login: Any, caseload: Caseload
) -> None:
    client = login("cm_a")
    client.post(save_url(world), {"filter_name": "Befunde", "findings": "on"})
    saved = SavedFilter.objects.get()
    response = client.post(list_url(world), {"format": "csv", "filter": str(saved.pk)})
    rows = response.getvalue().decode("utf-8-sig").splitlines()[1:]
    assert sorted(line.split(";")[1] for line in rows) == ["Adler", "Claus"]


@pytest.mark.django_db
def test_a_case_manager_with_need_to_know_sees_only_assigned_persons(
    world: World, login: Any, caseload: Caseload
) -> None:
    Membership.objects.filter(user=world.users["cm_a"]).update(assigned_only=True)
    assert names(table(login("cm_a"), world)) == ["Adler"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coord_a", "volunteer_a", "dpo_a"])
def test_members_without_a_person_list_cannot_save_filters(
    world: World, login: Any, persona: str
) -> None:
    response = login(persona).post(save_url(world), {"filter_name": "X", "mine": "on"})
    assert response.status_code == 404 and not SavedFilter.objects.exists()
