"""A hand-made dataset for alliance A with figures known in advance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django_scopes import scopes_disabled

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import Case, Goal, NeedAssessment, Referral, Step
from teilhabe.people.models import Profile, ResidenceStatusEntry
from teilhabe.reporting.models import AgeShare, SeekerCount, SeekerImport
from teilhabe.trajectories.models import Finding, Participation
from tests import factories as f
from tests.conftest import World

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
STICHTAG = dt.date(2024, 12, 31)


def person(
    owner: Any,
    *,
    dob: dt.date,
    sex: str,
    nationality: str,
    status: str = "",
    domains: list[str] | None = None,
    closed: dt.date | None = None,
    reason: str = "",
) -> tuple[Any, Any]:
    p = f.PersonFactory(owner=owner, date_of_birth=dob, sex=sex, nationality=nationality)
    case = f.CaseFactory(person=p, opened_on=dt.date(2025, 10, 1))
    if closed:
        Case.objects.filter(pk=case.pk).update(
            status="closed", closed_on=closed, closure_reason=reason
        )
    if status:
        ResidenceStatusEntry.objects.create(
            alliance=p.alliance, person=p, status=status, valid_from=dt.date(2025, 1, 1)
        )
    if domains:
        Profile.objects.create(alliance=p.alliance, person=p, legal_domains=domains)
    return p, case


def seekers(kreis_key: str = "05315") -> None:
    SeekerImport.objects.create(stichtag=STICHTAG, file_name="test", lines=1)
    for code, n in {
        "SCHUTZST-OF": 150,
        "SCHUTZST-AK-1": 200,
        "SCHUTZST-X": 50,
        "AUSRPFL-G": 40,
        "SCHUTZST-AK-2": 150,
    }.items():
        SeekerCount.objects.create(
            stichtag=STICHTAG,
            kreis_key=kreis_key,
            kreis_name="Köln",
            status_code=code,
            status_label=code,
            sex_code="GESM",
            count=n,
        )
    AgeShare.objects.create(percent=Decimal("20"), valid_from=dt.date(2020, 1, 1), basis="Test")


def build(world: World) -> dict[str, Any]:
    a = world.a
    with scopes_disabled():
        p3, case3 = person(
            a.tm_office,
            dob=dt.date(2000, 3, 1),
            sex="male",
            nationality="AF",
            status="toleration",
            domains=["sgb2", "asylblg"],
            closed=dt.date(2026, 3, 1),
            reason="vocational_training",
        )
        p4, case4 = person(
            a.tm_office, dob=dt.date(2009, 1, 1), sex="male", nationality="UA", status="gestattung"
        )
        person(
            a.tm_office,
            dob=dt.date(2001, 1, 1),
            sex="female",
            nationality="IQ",
            closed=dt.date(2025, 12, 1),
            reason="employment",
        )  # outside the period
        Participation.objects.create(
            alliance=a.alliance,
            person=p4,
            external_title="Sprachkurs",
            category="language_course",
            start=dt.date(2026, 2, 1),
            recorded_by_organisation=a.tm_office,
        )
        Finding.objects.create(
            alliance=a.alliance,
            person=p4,
            rule="MK1",
            explanation="x",
            detected_on=dt.date(2026, 3, 1),
        )
        referral = Referral.objects.create(
            alliance=a.alliance,
            case=case3,
            from_organisation=a.tm_office,
            to_organisation=a.jobcenter,
            purpose="Beratung",
            status="accepted",
            outcome="started",
            consent=f.ConsentFactory(person=p3, organisation=a.tm_office),
        )
        Referral.objects.filter(pk=referral.pk).update(
            created_at=dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC)
        )
        NeedAssessment.objects.create(
            alliance=a.alliance,
            case=case4,
            organisation=a.tm_office,
            level="urgent",
            field_of_action=FieldOfAction.objects.get_or_create(
                alliance=None, key="education_language", defaults={"name": "Bildung"}
            )[0],
            assessed_on=dt.date(2026, 2, 1),
        )
        goal = Goal.objects.create(alliance=a.alliance, case=case4, title="Ziel")
        Step.objects.create(
            alliance=a.alliance,
            goal=goal,
            title="Schritt",
            due_on=dt.date(2026, 3, 1),
            responsible=a.tm_office,
        )
        seekers()
    return {"p3": p3, "p4": p4}
