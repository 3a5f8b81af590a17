"""The casework API: consents, referrals, cases and contacts, with session or API token.

Tokens are hashed at rest, revocable and limited to their organisation's rights."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.api.models import ApiToken
from teilhabe.casework.models import Contact, Referral
from teilhabe.core.models import AuditEvent, Role
from teilhabe.core.roles import Principal
from tests import factories as f
from tests.casework.sharing.factories import issue_token
from tests.conftest import World

TODAY = dt.date.today()


def api(name: str, world: World, *args: Any, alliance: Any = None) -> str:
    return reverse(f"api:{name}", args=[(alliance or world.a.alliance).slug, *args])


def coordinator(world: World) -> Principal:
    return Principal.for_alliance(world.users["coord_a"], world.a.alliance)


def bearer(plain: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def all_text_in_the_database() -> str:
    """Every value of every table, as text (SQLite and PostgreSQL alike)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


@pytest.mark.django_db
def test_tokens_are_hashed_at_rest_and_the_secret_appears_nowhere_in_the_database(
    world: World,
) -> None:
    issued = issue_token(world.a.jobcenter, Role.PARTNER_STAFF)
    prefix, secret = issued.plain.split(".", 1)
    token = ApiToken.objects.get(pk=issued.token.pk)
    assert token.prefix == prefix and len(token.token_hash) == 64
    assert secret not in all_text_in_the_database()
    assert AuditEvent.objects.filter(action="create", object_id=token.pk).exists()


@pytest.mark.django_db
def test_a_partner_token_reads_a_consented_person_and_the_read_is_a_disclosure(
    world: World,
) -> None:
    issued = issue_token(world.a.jobcenter, Role.PARTNER_STAFF)
    response = Client().get(api("person_detail", world, world.a.person.pk), **bearer(issued.plain))
    assert response.status_code == 200
    assert response.json()["given_name"] == "CanaryA"
    event = AuditEvent.objects.get(action="disclose")
    assert event.consent_id == world.consent_a.pk and event.organisation == world.a.jobcenter
    token = ApiToken.objects.get(pk=issued.token.pk)
    assert token.last_used_at is not None
    me = Client().get(reverse("api:me"), **bearer(issued.plain)).json()
    assert me["alliances"] == [world.a.alliance.slug]


@pytest.mark.django_db
def test_a_revoked_or_wrong_token_gets_401(world: World, login: Any) -> None:
    issued = issue_token(world.a.jobcenter, Role.PARTNER_STAFF)
    address = api("person_detail", world, world.a.person.pk)
    prefix = issued.plain.split(".")[0]
    assert Client().get(address, **bearer(f"{prefix}.wrong-secret")).status_code == 401
    assert Client().get(address, **bearer("garbage")).status_code == 401
    response = login("coord_a").post(
        reverse("tokens:revoke", args=[world.a.alliance.slug, issued.token.pk])
    )
    assert response.status_code == 302
    assert Client().get(address, **bearer(issued.plain)).status_code == 401
    assert AuditEvent.objects.filter(action="delete", object_id=issued.token.pk).exists()


@pytest.mark.django_db
def test_a_token_of_one_organisation_cannot_read_persons_of_another(world: World) -> None:
    jmd = issue_token(world.a.jmd, Role.CASE_MANAGER)
    client = Client()
    assert (
        client.get(api("person_detail", world, world.a.person.pk), **bearer(jmd.plain)).status_code
        == 404
    )
    assert (
        client.get(
            api("person_detail", world, world.person_a_jmd.pk), **bearer(jmd.plain)
        ).status_code
        == 200
    )
    listing = client.get(api("person_list", world), **bearer(jmd.plain)).json()
    assert [p["given_name"] for p in listing["items"]] == ["CanaryJMD"]
    # Another alliance's path: 404, like for a non-member.
    other = api("person_list", world, alliance=world.b.alliance)
    assert client.get(other, **bearer(jmd.plain)).status_code == 404
    assert (
        client.get(api("case_list", world, world.a.person.pk), **bearer(jmd.plain)).status_code
        == 404
    )


@pytest.mark.django_db
def test_a_token_needs_a_role_that_somebody_in_the_organisation_holds(
    world: World, login: Any
) -> None:
    from django.core.exceptions import ValidationError

    from teilhabe.api.tokens import api_token_create

    cm_a = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
    with pytest.raises(ValidationError):  # cm_a holds case_manager there, not partner_staff
        api_token_create(
            principal=cm_a, organisation=world.a.tm_office, role=Role.PARTNER_STAFF, name="x"
        )
    # And it stops working when nobody holds the role any more.
    issued = issue_token(world.a.jobcenter, Role.PARTNER_STAFF)
    world.users["partner_a"].memberships.update(is_active=False)
    address = api("person_detail", world, world.a.person.pk)
    assert Client().get(address, **bearer(issued.plain)).status_code == 401


@pytest.mark.django_db
def test_partner_staff_issue_a_token_for_their_organisation_and_see_the_secret_once(
    world: World, login: Any
) -> None:
    client = login("partner_a")
    response = client.post(
        reverse("tokens:create", args=[world.a.alliance.slug]),
        {
            "name": "Fachverfahren Jobcenter",
            "organisation": str(world.a.jobcenter.pk),
            "role": "partner_staff",
        },
    )
    assert response.status_code == 200
    plain = response.context["plain"]
    assert plain in response.content.decode()
    # The coordinator oversees every token of the alliance, without ever seeing the secret.
    listing = login("coord_a").get(reverse("tokens:list", args=[world.a.alliance.slug]))
    body = listing.content.decode()
    assert plain.split(".")[0] in body and plain.split(".")[1] not in body
    assert (
        Client().get(api("person_detail", world, world.a.person.pk), **bearer(plain)).status_code
        == 200
    )


@pytest.mark.django_db
def test_a_coordinator_cannot_mint_a_token_with_person_access(world: World, login: Any) -> None:
    from django.core.exceptions import ValidationError

    from teilhabe.api.tokens import api_token_create

    coordinator = Principal.for_alliance(world.users["coord_a"], world.a.alliance)
    with pytest.raises(ValidationError):
        api_token_create(
            principal=coordinator,
            organisation=world.a.tm_office,
            role=Role.CASE_MANAGER,
            name="escalation",
        )
    page = reverse("tokens:create", args=[world.a.alliance.slug])
    assert login("coord_a").get(page).status_code == 404


@pytest.mark.django_db
def test_consents_through_the_api_and_withdrawal_ends_partner_access(
    world: World, login: Any
) -> None:
    cm = login("cm_a")
    created = cm.post(
        api("consent_list", world, world.a.person.pk),
        {
            "recipients": [str(world.a.jmd.pk)],
            "purpose": "referral",
            "categories": ["master_data"],
            "valid_from": TODAY.isoformat(),
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "active"
    listing = cm.get(api("consent_list", world, world.a.person.pk)).json()
    assert len(listing) == 2
    assert login("partner_a").get(api("consent_list", world, world.a.person.pk)).status_code == 404
    partner = login("partner_a")
    assert partner.get(api("person_detail", world, world.a.person.pk)).status_code == 200
    withdrawn = cm.post(
        api("consent_withdraw", world, world.consent_a.pk), {}, content_type="application/json"
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert partner.get(api("person_detail", world, world.a.person.pk)).status_code == 404
    bad = cm.post(
        api("consent_list", world, world.a.person.pk),
        {
            "recipients": [str(world.a.tm_office.pk)],
            "purpose": "referral",
            "categories": ["master_data"],
            "valid_from": TODAY.isoformat(),
        },
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["detail"]


@pytest.mark.django_db
def test_referrals_through_the_api_with_tokens_on_both_sides(world: World) -> None:
    sender = issue_token(world.a.tm_office, Role.CASE_MANAGER).plain
    receiver = issue_token(world.a.jobcenter, Role.PARTNER_STAFF).plain
    client = Client()
    created = client.post(
        api("referral_create", world, world.a.person.pk),
        {
            "case_id": str(world.a.case.pk),
            "consent_id": str(world.consent_a.pk),
            "to_organisation_id": str(world.a.jobcenter.pk),
            "purpose": "Ausbildungsberatung",
            "categories": ["master_data", "education"],
        },
        content_type="application/json",
        **bearer(sender),
    )
    assert created.status_code == 201, created.content
    referral_id = created.json()["id"]
    inbox = client.get(api("referral_list", world), **bearer(receiver)).json()
    assert [r["id"] for r in inbox["items"]] == [referral_id]
    assert AuditEvent.objects.filter(action="disclose", purpose="api").exists()
    answer = api("referral_answer", world, referral_id)
    declined = client.post(
        answer, {"action": "decline"}, content_type="application/json", **bearer(receiver)
    )
    assert declined.status_code == 422
    accepted = client.post(
        answer, {"action": "accept"}, content_type="application/json", **bearer(receiver)
    )
    assert accepted.json()["status"] == "accepted"
    assert (
        client.post(
            answer, {"action": "withdraw"}, content_type="application/json", **bearer(sender)
        ).status_code
        == 422
    )
    outgoing = client.get(api("referral_list", world) + "?richtung=ausgang", **bearer(sender))
    assert outgoing.json()["items"][0]["status"] == "accepted"
    abh = issue_token(world.a.abh, Role.PARTNER_STAFF).plain
    assert client.get(api("referral_detail", world, referral_id), **bearer(abh)).status_code == 404
    assert (
        client.post(
            answer, {"action": "accept"}, content_type="application/json", **bearer(abh)
        ).status_code
        == 404
    )
    with scopes_disabled():
        assert Referral.objects.get(pk=referral_id).status == "accepted"


@pytest.mark.django_db
def test_contacts_are_only_the_callers_own_organisations_never_another_ones_notes(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        for org, note in ((world.a.tm_office, "TM-NOTIZ"), (world.a.jobcenter, "JC-NOTIZ")):
            Contact.objects.create(
                alliance=world.a.alliance,
                case=world.a.case,
                organisation=org,
                on=TODAY,
                duration_minutes=30,
                channel="phone",
                note=note,
            )
    own = login("cm_a").get(api("contact_list", world, world.a.person.pk))
    assert [c["note"] for c in own.json()["items"]] == ["TM-NOTIZ"]
    partner = login("partner_a").get(api("contact_list", world, world.a.person.pk))
    assert [c["note"] for c in partner.json()["items"]] == ["JC-NOTIZ"]
    assert "TM-NOTIZ" not in partner.content.decode()
    assert login("abh_a").get(api("contact_list", world, world.a.person.pk)).status_code == 404


def _contacts(world: World, days: range) -> None:
    with scopes_disabled():
        Contact.objects.bulk_create(
            Contact(
                alliance=world.a.alliance,
                case=world.a.case,
                organisation=world.a.tm_office,
                on=TODAY - dt.timedelta(days=n),
                duration_minutes=30,
                channel="phone",
                note=f"Notiz {n}",
            )
            for n in days
        )


@pytest.mark.django_db
def test_the_contact_list_pages_in_the_database_with_constant_queries(
    world: World, login: Any
) -> None:
    from django.test.utils import CaptureQueriesContext

    client = login("cm_a")
    url = api("contact_list", world, world.a.person.pk)

    def page(number: int) -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"page": number})
        assert response.status_code == 200
        return len(ctx), [c["note"] for c in response.json()["items"]]

    _contacts(world, range(10))
    page(1)  # the session's first request does more (its login's bookkeeping)
    few, _ = page(1)
    _contacts(world, range(10, 120))
    (first, newest), (late, oldest) = page(1), page(3)
    assert few == first == late
    assert newest[0] == "Notiz 0" and oldest == [f"Notiz {n}" for n in range(100, 120)]


@pytest.mark.django_db
def test_cases_are_read_through_the_same_access_rules(world: World, login: Any) -> None:
    cases = login("partner_a").get(api("case_list", world, world.a.person.pk))
    assert cases.status_code == 200 and cases.json()[0]["id"] == str(world.a.case.pk)
    assert login("abh_a").get(api("case_list", world, world.a.person.pk)).status_code == 404
    with scopes_disabled():
        consent = f.ConsentFactory(person=world.a.person, categories=["residence_status"])
        consent.recipients.set([world.a.abh], through_defaults={"alliance_id": consent.alliance_id})
    # A consent without master data does not show the cases.
    assert login("abh_a").get(api("case_list", world, world.a.person.pk)).status_code == 404


@pytest.mark.django_db
def test_the_openapi_document_lists_the_casework_routes_and_the_bearer_scheme(
    world: World, login: Any
) -> None:
    spec = login("cm_a").get(reverse("api:openapi-json")).json()
    for path in (
        "/api/v1/buendnisse/{alliance}/personen/{person_id}/faelle",
        "/api/v1/buendnisse/{alliance}/personen/{person_id}/kontakte",
        "/api/v1/buendnisse/{alliance}/personen/{person_id}/einwilligungen",
        "/api/v1/buendnisse/{alliance}/einwilligungen/{consent_id}",
        "/api/v1/buendnisse/{alliance}/einwilligungen/{consent_id}/widerruf",
        "/api/v1/buendnisse/{alliance}/personen/{person_id}/vermittlungen",
        "/api/v1/buendnisse/{alliance}/vermittlungen",
        "/api/v1/buendnisse/{alliance}/vermittlungen/{referral_id}",
        "/api/v1/buendnisse/{alliance}/vermittlungen/{referral_id}/antwort",
    ):
        assert path in spec["paths"], path
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


@pytest.mark.parametrize(
    ("field", "value"),
    [("purpose_detail", "Beratung\x00"), ("valid_from", "0001-01-01")],
)
@pytest.mark.django_db
def test_the_api_refuses_a_consent_the_form_refuses_with_the_same_message(
    world: World, login: Any, field: str, value: str
) -> None:
    from teilhabe.casework.models import Consent
    from teilhabe.casework.sharing.forms import ConsentForm

    payload = {
        "recipients": [str(world.a.jmd.pk)],
        "purpose": "referral",
        "purpose_detail": "Beratung",
        "categories": ["master_data"],
        "valid_from": TODAY.isoformat(),
        field: value,
    }
    with scopes_disabled():
        before = Consent.objects.count()
    form = ConsentForm(payload, owner=world.a.tm_office)
    assert not form.is_valid()
    response = login("cm_a").post(
        api("consent_list", world, world.a.person.pk), payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["fields"] == {field: form.errors[field]}
    with scopes_disabled():
        assert Consent.objects.count() == before


@pytest.mark.django_db
def test_a_case_carries_its_outcome_after_exit_and_only_the_owner_its_note(
    world: World, login: Any
) -> None:
    from teilhabe.casework.models import Case, ExitOutcome

    with scopes_disabled():
        Case.objects.filter(pk=world.a.case.pk).update(
            status="closed", closed_on=dt.date(2026, 3, 2), closure_reason="employment"
        )
        ExitOutcome.objects.create(
            alliance=world.a.alliance,
            case=world.a.case,
            situation="employment",
            found_on=dt.date(2026, 8, 20),
            note="Vertrag gesehen",
        )
    url = api("case_list", world, world.a.person.pk)
    [owner] = login("cm_a").get(url).json()
    assert owner["exit_outcome"] == {
        "situation": "employment",
        "found_on": "2026-08-20",
        "note": "Vertrag gesehen",
    }
    [partner] = login("partner_a").get(url).json()
    assert partner["exit_outcome"]["situation"] == "employment"
    assert partner["exit_outcome"]["note"] == ""
