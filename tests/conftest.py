"""Base fixtures: two alliances with personas in each role, plus statewide personas.

`world` builds the data once per test (fast: a few dozen rows). `login` signs a client in
as a persona with a second factor already passed, as allauth would record it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance, Organisation, Role
from teilhabe.core.roles import Principal
from tests import factories as f

PERSONAS = [
    "cm_a",
    "coord_a",
    "partner_a",
    "abh_a",
    "cm_a_jmd",
    "volunteer_a",
    "dpo_a",
    "cm_b",
    "coord_b",
    "partner_b",
    "abh_b",
    "state",
    "researcher",
    "anon",
]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    from django.core.cache import cache

    cache.clear()  # rate-limit counters and cached lines must not leak between tests
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _flush_may_empty_the_audit_log() -> Iterator[None]:
    """On SQLite the audit log refuses DELETE unless the flush marker holds a row (core
    migration 0006); Django's flush between transactional tests sets it for its own run only."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    DatabaseOperations = DatabaseWrapper.ops_class  # the base module first: import order
    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: Any, sql_list: list[str]) -> None:
        marked = [
            "INSERT INTO core_auditflush (allowed) VALUES (1)",
            *sql_list,
            "DELETE FROM core_auditflush",
        ]
        original(self, marked)

    DatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    yield
    DatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]


# PBKDF2 at production strength costs ~0.2 s per user; tests need no such strength.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@dataclass
class Side:
    alliance: Alliance
    tm_office: Organisation
    lead_office: Organisation
    jobcenter: Organisation
    abh: Organisation
    jmd: Organisation
    users: dict[str, Any] = field(default_factory=dict)
    person: Any = None
    case: Any = None


@dataclass
class World:
    a: Side
    b: Side
    users: dict[str, Any]
    person_a_jmd: Any
    consent_a: Any

    def user(self, persona: str) -> Any:
        return self.users.get(persona)


def _side(tag: str, kreis: Any, body_kind: str) -> Side:
    alliance = f.AllianceFactory(
        name=f"Bündnis {tag.upper()}", slug=f"buendnis-{tag}", body_kind=body_kind, kreis=kreis
    )
    org = Organisation.Kind

    def make(kind: str, name: str, lead: bool = False) -> Organisation:
        return f.OrganisationFactory(
            alliance=alliance, kind=kind, name=f"{name} {tag.upper()}", is_lead_office=lead
        )

    side = Side(
        alliance=alliance,
        tm_office=make(org.TEILHABEMANAGEMENT, "Teilhabemanagement"),
        lead_office=make(org.KI, "Kommunales Integrationszentrum", lead=True),
        jobcenter=make(org.JOBCENTER, "Jobcenter"),
        abh=make(org.AUSLAENDERBEHOERDE, "Ausländerbehörde"),
        jmd=make(org.JMD, "Jugendmigrationsdienst"),
    )

    def member(persona: str, organisation: Organisation, role: str) -> Any:
        user = f.UserFactory(username=f"{persona}", email=f"{persona}@example.org")
        f.MembershipFactory(user=user, organisation=organisation, role=role)
        side.users[persona] = user
        return user

    member(f"cm_{tag}", side.tm_office, Role.CASE_MANAGER)
    member(f"coord_{tag}", side.lead_office, Role.COORDINATOR)
    member(f"partner_{tag}", side.jobcenter, Role.PARTNER_STAFF)
    member(f"abh_{tag}", side.abh, Role.PARTNER_STAFF)
    with scopes_disabled():
        side.person = f.PersonFactory(
            owner=side.tm_office,
            given_name=f"Canary{tag.upper()}",
            family_name=f"Person{tag.upper()}",
        )
        side.case = f.CaseFactory(person=side.person)
    return side


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def build_world() -> World:
    """The rows behind `world`; the permission matrix builds them once per module."""
    koeln = f.KreisFactory()
    steinfurt = f.KreisFactory(
        key="05566",
        name="Steinfurt",
        kind="kreis",
        text_code="44",
        regierungsbezirk=f.RegierungsbezirkFactory(key="055", name="Münster"),
    )
    f.GemeindeFactory(ags="05566076", name="Rheine, Stadt", kreis=steinfurt)
    f.GemeindeFactory()
    a = _side("a", koeln, Alliance.BodyKind.KREISFREIE_STADT)
    b = _side("b", steinfurt, Alliance.BodyKind.KREIS)
    cm_jmd = f.UserFactory(username="cm_a_jmd", email="cm_a_jmd@example.org")
    f.MembershipFactory(user=cm_jmd, organisation=a.jmd, role=Role.CASE_MANAGER)
    with scopes_disabled():
        person_a_jmd = f.PersonFactory(owner=a.jmd, given_name="CanaryJMD", family_name="JMD")
        f.CaseFactory(person=person_a_jmd)
        # Person A has consented to share master data, status and education with the
        # Jobcenter A (not with the Ausländerbehörde): partner_a sees them, abh_a does not.
        consent_a = f.ConsentFactory(
            person=a.person,
            organisation=a.tm_office,
            categories=["master_data", "residence_status", "education"],
        )
        consent_a.recipients.set(
            [a.jobcenter], through_defaults={"alliance_id": consent_a.alliance_id}
        )
    volunteers = f.OrganisationFactory(
        alliance=a.alliance, kind=Organisation.Kind.CIVIL_SOCIETY, name="Ehrenamtsnetzwerk A"
    )
    volunteer = f.UserFactory(username="volunteer_a", email="volunteer_a@example.org")
    f.MembershipFactory(user=volunteer, organisation=volunteers, role=Role.VOLUNTEER)
    # The data-protection officer of Teilhabemanagement A (the controller of person A).
    dpo = f.UserFactory(username="dpo_a", email="dpo_a@example.org")
    f.MembershipFactory(user=dpo, organisation=a.tm_office, role=Role.DATA_PROTECTION_OFFICER)
    users = {**a.users, **b.users, "cm_a_jmd": cm_jmd, "volunteer_a": volunteer, "dpo_a": dpo}
    users["state"] = f.StateRoleFactory(
        user=f.UserFactory(username="state", email="state@example.org"), role="state_coordinator"
    ).user
    users["researcher"] = f.StateRoleFactory(
        user=f.UserFactory(username="researcher", email="researcher@example.org"),
        role="researcher",
    ).user
    return World(a=a, b=b, users=users, person_a_jmd=person_a_jmd, consent_a=consent_a)


def login_with_mfa(client: Client, user: Any) -> Client:
    """Sign in and record a passed second factor, exactly as allauth's MFA stage does."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )

    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time()},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
    return client


@pytest.fixture
def login(world: World) -> Callable[[str], Client]:
    def _login(persona: str) -> Client:
        client = Client()
        if persona != "anon":
            login_with_mfa(client, world.users[persona])
        return client

    return _login


@pytest.fixture
def principal(world: World) -> Callable[[str], Principal]:
    """A persona's principal in alliance A (or B with side="b")."""

    def make(persona: str, side: str = "a") -> Principal:
        alliance = getattr(world, side).alliance
        return Principal.for_alliance(world.users[persona], alliance)

    return make


@pytest.fixture
def nrw(db: None) -> None:
    """The shipped geography of NRW (tests/municipalities has its own: all of Germany)."""
    from teilhabe.municipalities.services import load_shipped_reference

    load_shipped_reference(land="05")


@pytest.fixture
def state_user(db: None) -> Any:
    """A state coordinator outside the world's personas."""
    return f.StateRoleFactory(
        user=f.UserFactory(username="land-koordination", email="land@example.org"),
        role="state_coordinator",
    ).user


# --- Chromium for the browser tests (one Playwright per session, shared by all packages) ---


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.console_errors = errors  # CSP violations surface as console errors
    yield pg
    context.close()
