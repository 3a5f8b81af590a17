"""Property test: partner access follows the consent state in every step.

A hypothesis state machine gives, narrows (a new consent with fewer categories replacing the
old one through withdrawal), lets time pass (consents expire; `today` is passed to the
access helpers) and withdraws consents for random partner organisations. After every step,
for each partner organisation: `get_person_access` succeeds iff an active consent names it,
and its categories are the union of those consents' categories minus what the immigration
office never sees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest
from django.db import transaction
from django.http import Http404
from django_scopes import scope
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from teilhabe.casework.models import Consent
from teilhabe.casework.sharing import services
from teilhabe.core.models import Organisation, Role
from teilhabe.core.roles import Principal
from teilhabe.people.access import (
    ALL_CATEGORIES,
    NEVER_FOR_IMMIGRATION_OFFICE,
    get_person_access,
    persons_for,
)
from tests import factories as f
from tests.conftest import World

CATEGORIES = sorted(ALL_CATEGORIES)
START = dt.date(2026, 3, 1)


@dataclass
class Modelled:
    """The machine's own record of a consent, independent of the database."""

    pk: Any
    recipients: frozenset[str]
    categories: frozenset[str]
    valid_from: dt.date
    valid_until: dt.date | None
    withdrawn_on: dt.date | None = None

    def active(self, today: dt.date) -> bool:
        if self.withdrawn_on is not None and self.withdrawn_on <= today:
            return False
        if self.valid_from > today:
            return False
        return self.valid_until is None or self.valid_until >= today


class ConsentMachine(RuleBasedStateMachine):
    world: ClassVar[World]
    partners: ClassVar[dict[str, tuple[Organisation, Principal]]]
    owner: ClassVar[Principal]
    steps: ClassVar[int] = 0
    checks: ClassVar[int] = 0
    examples: ClassVar[int] = 0

    def __init__(self) -> None:
        super().__init__()
        # Each example runs in a savepoint that is rolled back at its end.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self._scope = scope(alliance=self.world.a.alliance)
        self._scope.__enter__()
        self.today = START
        self.consents: list[Modelled] = []
        type(self).examples += 1

    def teardown(self) -> None:
        self._scope.__exit__(None, None, None)
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    @initialize()
    def a_new_person(self) -> None:
        self.person = f.PersonFactory(owner=self.world.a.tm_office)
        self.access = get_person_access(self.owner, self.person.pk, today=self.today)

    def _record(
        self,
        recipients: frozenset[str],
        categories: frozenset[str],
        start: dt.date,
        until: dt.date | None,
    ) -> None:
        consent = services.consent_record(
            access=self.access,
            recipients=[self.partners[k][0] for k in sorted(recipients)],
            purpose=Consent.Purpose.JOINT_PLANNING,
            categories=sorted(categories),
            valid_from=start,
            valid_until=until,
        )
        self.consents.append(Modelled(consent.pk, recipients, categories, start, until))

    def _withdraw(self, modelled: Modelled, on: dt.date) -> None:
        consent = Consent.objects.get(pk=modelled.pk)
        services.consent_withdraw(
            access=self.access, consent=consent, withdrawn_on=on, today=self.today
        )
        modelled.withdrawn_on = on

    @rule(
        recipients=st.frozensets(
            st.sampled_from(["jobcenter", "abh", "jmd", "bildung"]), min_size=1
        ),
        categories=st.frozensets(st.sampled_from(CATEGORIES), min_size=1),
        delay=st.integers(0, 5),
        duration=st.one_of(st.none(), st.integers(0, 60)),
    )
    def give(
        self,
        recipients: frozenset[str],
        categories: frozenset[str],
        delay: int,
        duration: int | None,
    ) -> None:
        start = self.today + dt.timedelta(days=delay)
        until = None if duration is None else start + dt.timedelta(days=duration)
        self._record(recipients, categories, start, until)
        type(self).steps += 1

    def _active(self) -> list[Modelled]:
        return [c for c in self.consents if c.active(self.today)]

    @precondition(lambda self: any(len(c.categories) > 1 for c in self._active()))
    @rule(data=st.data())
    def narrow(self, data: Any) -> None:
        old = data.draw(st.sampled_from([c for c in self._active() if len(c.categories) > 1]))
        fewer = data.draw(
            st.frozensets(
                st.sampled_from(sorted(old.categories)),
                min_size=1,
                max_size=len(old.categories) - 1,
            )
        )
        self._withdraw(old, self.today)
        self._record(old.recipients, fewer, self.today, old.valid_until)
        type(self).steps += 1

    @rule(days=st.integers(1, 45))
    def time_passes(self, days: int) -> None:
        self.today += dt.timedelta(days=days)
        type(self).steps += 1

    @precondition(lambda self: any(c.withdrawn_on is None for c in self.consents))
    @rule(data=st.data(), back=st.integers(0, 3))
    def withdraw(self, data: Any, back: int) -> None:
        target = data.draw(st.sampled_from([c for c in self.consents if c.withdrawn_on is None]))
        self._withdraw(target, self.today - dt.timedelta(days=back))
        type(self).steps += 1

    @invariant()
    def partner_access_matches_the_consents(self) -> None:
        if not hasattr(self, "person"):
            return
        for key, (org, principal) in self.partners.items():
            covering = [c for c in self._active() if key in c.recipients]
            visible = persons_for(principal, today=self.today).filter(pk=self.person.pk).exists()
            try:
                access = get_person_access(principal, self.person.pk, today=self.today)
            except Http404:
                access = None
            assert (access is not None) == bool(covering) == visible, (key, self.today)
            if access is None:
                continue
            expected = frozenset().union(*(c.categories for c in covering))
            if org.is_immigration_office:
                expected -= NEVER_FOR_IMMIGRATION_OFFICE
            assert access.categories == expected, key
            assert set(access.consent_ids) == {c.pk for c in covering}
            assert not access.is_owner and access.organisation == org
        type(self).checks += 1


@pytest.mark.django_db
def test_partner_access_matches_the_consent_state_in_every_step(world: World) -> None:
    bildung = f.OrganisationFactory(
        alliance=world.a.alliance, kind=Organisation.Kind.BILDUNGSTRAEGER, name="Bildungswerk A"
    )
    staff = {
        "jobcenter": (world.a.jobcenter, world.users["partner_a"]),
        "abh": (world.a.abh, world.users["abh_a"]),
        "jmd": (
            world.a.jmd,
            f.MembershipFactory(organisation=world.a.jmd, role=Role.PARTNER_STAFF).user,
        ),
        "bildung": (
            bildung,
            f.MembershipFactory(organisation=bildung, role=Role.PARTNER_STAFF).user,
        ),
    }
    ConsentMachine.world = world
    ConsentMachine.partners = {
        key: (org, Principal.for_alliance(user, world.a.alliance))
        for key, (org, user) in staff.items()
    }
    ConsentMachine.owner = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
    ConsentMachine.steps = ConsentMachine.checks = ConsentMachine.examples = 0
    run_state_machine_as_test(
        ConsentMachine,
        settings=settings(
            max_examples=50,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    print(
        f"consent state machine: {ConsentMachine.examples} examples, "
        f"{ConsentMachine.steps} generated steps, {ConsentMachine.checks} invariant checks"
    )
    assert ConsentMachine.steps > 100
