"""A person with a history of every kind, for moves between alliances."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_scopes import scope, scopes_disabled

from teilhabe.core.roles import Principal
from teilhabe.people.access import get_person_access
from teilhabe.people.languages import LANGUAGES
from teilhabe.people.models import Certificate, Experience, PersonLanguage, ResidenceStatusEntry
from teilhabe.relocation.models import Relocation
from teilhabe.relocation.services import relocation_send
from tests.casework.work.factories import ContactFactory, GoalFactory, NeedAssessmentFactory
from tests.trajectories.factories import ParticipationFactory

N = 20


def fill_history(person: Any, case: Any, n: int = N) -> None:
    """`n` items of every kind: statuses, languages, certificates, experiences,
    participations, and casework that never moves (needs, goals, contacts)."""
    start = dt.date(2021, 1, 4)
    with scopes_disabled():
        for i in range(n):
            day = start + dt.timedelta(days=40 * i)
            ResidenceStatusEntry.objects.create(
                alliance=person.alliance,
                person=person,
                status="gestattung",
                legal_basis=f"Bescheid {i:02d}",
                valid_from=day,
            )
            Certificate.objects.create(
                alliance=person.alliance,
                person=person,
                title=f"Zeugnis {i:02d}",
                country="SY",
                level="other",
                issued_on=day,
            )
            Experience.objects.create(
                alliance=person.alliance,
                person=person,
                kind="work",
                title=f"Arbeit {i:02d}",
                employer=f"Betrieb {i:02d}",
                started_on=day,
                ended_on=day + dt.timedelta(days=20),
            )
            ParticipationFactory(
                person=person,
                external_title=f"Kurs {i:02d}",
                start=day,
                end=day + dt.timedelta(days=30),
            )
            NeedAssessmentFactory(case=case, organisation=case.organisation)
            GoalFactory(case=case)
            ContactFactory(case=case, organisation=case.organisation)
        for code in list(LANGUAGES)[:n]:
            PersonLanguage.objects.create(
                alliance=person.alliance, person=person, language=code, level="B1"
            )


def send(world: Any, principal: Principal, categories: list[str], person: Any = None) -> Relocation:
    """Case manager A hands `person` (person A) over to Teilhabemanagement B."""
    person = person or world.a.person
    with scope(alliance=world.a.alliance):
        access = get_person_access(principal, person.pk)
        return relocation_send(
            access=access, to_organisation=world.b.tm_office, categories=categories
        )
