"""Legal-domain history: the periods are the one truth, Profile.legal_domains is derived;
a change gives the open case one handover follow-up; the interpreter need per language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import FollowUp
from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.pages.home.work_items import worklist_rows
from teilhabe.people.access import get_person_access
from teilhabe.people.domains.services import (
    DomainChange,
    InterpreterData,
    interpreter_need_set,
    legal_domain_change,
    legal_domain_end,
    legal_domain_period_delete,
)
from teilhabe.people.intake.profile_services import ProfileData, profile_update
from teilhabe.people.models import InterpreterNeed, LegalDomainPeriod, Profile
from tests.conftest import World

TODAY = dt.date(2026, 6, 15)


def access_of(world: World, persona: str = "cm_a") -> Any:
    principal = Principal.for_alliance(world.users[persona], world.a.alliance)
    return get_person_access(principal, world.a.person.pk)


def domains_of(world: World) -> list[str]:
    return Profile.objects.get(person=world.a.person).legal_domains


def handovers(world: World) -> list[FollowUp]:
    return list(
        FollowUp.objects.filter(
            case=world.a.case, reason=FollowUp.Reason.LEGAL_DOMAIN_CHANGE
        ).order_by("created_at")
    )


@pytest.mark.django_db
def test_asylblg_to_sgb2_ends_the_old_period_the_day_before_and_creates_one_handover(
    world: World,
) -> None:
    with scopes_disabled():
        access = access_of(world)
        first = legal_domain_change(
            access=access, change=DomainChange("asylblg", dt.date(2025, 3, 1)), today=TODAY
        )
        assert domains_of(world) == ["asylblg"]
        assert handovers(world) == []  # the first legal domain is no change
        second = legal_domain_change(
            access=access,
            change=DomainChange("sgb2", dt.date(2026, 5, 1), ending=first, office="Jobcenter Köln"),
            today=TODAY,
        )
        first.refresh_from_db()
        assert first.ended_on == dt.date(2026, 4, 30)
        assert domains_of(world) == ["sgb2"]
        [followup] = handovers(world)
        assert followup.source == f"domain:{second.pk}"
        assert followup.due_on == TODAY and followup.done_on is None
        assert AuditEvent.objects.filter(object_id=second.pk, action="create").exists()
        assert AuditEvent.objects.filter(object_id=followup.pk, action="create").exists()


@pytest.mark.django_db
def test_none_ends_every_domain_and_a_domain_ends_none(world: World) -> None:
    with scopes_disabled():
        access = access_of(world)
        for domain in ("sgb2", "sgb8"):
            legal_domain_change(
                access=access, change=DomainChange(domain, dt.date(2025, 1, 1)), today=TODAY
            )
        assert domains_of(world) == ["sgb2", "sgb8"]
        legal_domain_change(
            access=access, change=DomainChange("none", dt.date(2026, 1, 1)), today=TODAY
        )
        assert domains_of(world) == ["none"]
        legal_domain_change(
            access=access, change=DomainChange("sgb3", dt.date(2026, 2, 1)), today=TODAY
        )
        assert domains_of(world) == ["sgb3"]
        assert LegalDomainPeriod.objects.filter(person=world.a.person).count() == 4


@pytest.mark.django_db
def test_a_change_is_refused_for_future_dates_a_current_domain_and_a_start_before_the_end(
    world: World,
) -> None:
    with scopes_disabled():
        access = access_of(world)
        first = legal_domain_change(
            access=access, change=DomainChange("asylblg", dt.date(2026, 3, 1)), today=TODAY
        )
        with pytest.raises(ValidationError) as future:
            legal_domain_change(
                access=access, change=DomainChange("sgb2", dt.date(2026, 7, 1)), today=TODAY
            )
        assert "started_on" in future.value.message_dict
        with pytest.raises(ValidationError) as twice:
            legal_domain_change(
                access=access, change=DomainChange("asylblg", dt.date(2026, 4, 1)), today=TODAY
            )
        assert "domain" in twice.value.message_dict
        with pytest.raises(ValidationError) as early:
            legal_domain_change(
                access=access,
                change=DomainChange("sgb2", dt.date(2026, 3, 1), ending=first),
                today=TODAY,
            )
        assert "started_on" in early.value.message_dict
        assert domains_of(world) == ["asylblg"]


@pytest.mark.django_db
def test_the_end_of_youth_welfare_creates_a_handover_once_and_empties_the_set(
    world: World,
) -> None:
    with scopes_disabled():
        access = access_of(world)
        period = legal_domain_change(
            access=access, change=DomainChange("sgb8", dt.date(2024, 1, 1)), today=TODAY
        )
        legal_domain_end(access=access, period=period, ended_on=dt.date(2026, 6, 1), today=TODAY)
        assert domains_of(world) == []
        [followup] = handovers(world)
        assert followup.source == f"domain:{period.pk}"
        with pytest.raises(ValidationError):
            legal_domain_end(
                access=access, period=period, ended_on=dt.date(2026, 6, 2), today=TODAY
            )
        assert len(handovers(world)) == 1


@pytest.mark.django_db
def test_deleting_a_wrong_period_derives_the_set_again(world: World) -> None:
    with scopes_disabled():
        access = access_of(world)
        period = legal_domain_change(
            access=access, change=DomainChange("sgb3", dt.date(2026, 1, 1)), today=TODAY
        )
        legal_domain_period_delete(access=access, period=period)
        assert domains_of(world) == []
        assert not LegalDomainPeriod.objects.filter(person=world.a.person).exists()


@pytest.mark.django_db
def test_the_profile_service_routes_a_chosen_set_through_the_history(world: World) -> None:
    with scopes_disabled():
        access = access_of(world)
        profile_update(access=access, data=ProfileData(legal_domains=["sgb8", "asylblg"]))
        assert domains_of(world) == ["asylblg", "sgb8"]
        assert LegalDomainPeriod.objects.filter(person=world.a.person).count() == 2
        # Without legal domains (the person page's form) the history stays as it is.
        profile_update(access=access, data=ProfileData(interests="Kochen"))
        assert domains_of(world) == ["asylblg", "sgb8"]
        profile_update(access=access, data=ProfileData(legal_domains=["sgb8"]))
        assert domains_of(world) == ["sgb8"]
        ended = LegalDomainPeriod.objects.get(person=world.a.person, domain="asylblg")
        assert ended.ended_on is not None


@pytest.mark.django_db
def test_only_the_owner_writes_the_history_and_the_need(world: World) -> None:
    with scopes_disabled():
        partner = access_of(world, "partner_a")
        with pytest.raises(PermissionDenied):
            legal_domain_change(
                access=partner, change=DomainChange("sgb2", dt.date(2026, 1, 1)), today=TODAY
            )
        with pytest.raises(PermissionDenied):
            interpreter_need_set(access=partner, data=InterpreterData("ar"))


@pytest.mark.django_db
def test_the_interpreter_need_is_one_row_per_language_and_checks_the_code(world: World) -> None:
    with scopes_disabled():
        access = access_of(world)
        interpreter_need_set(access=access, data=InterpreterData("ar", note="Frau"))
        interpreter_need_set(access=access, data=InterpreterData("ar", needed=False))
        need = InterpreterNeed.objects.get(person=world.a.person)
        assert (need.language, need.needed, need.note) == ("ar", False, "")
        with pytest.raises(ValidationError):
            interpreter_need_set(access=access, data=InterpreterData("xx"))


@pytest.mark.django_db
def test_the_handover_is_on_the_owning_case_managers_worklist_only(world: World) -> None:
    today = timezone.localdate()
    with scopes_disabled():
        access = access_of(world)
        first = legal_domain_change(
            access=access, change=DomainChange("asylblg", today - dt.timedelta(days=300))
        )
        legal_domain_change(access=access, change=DomainChange("sgb2", today, ending=first))
    with scope(alliance=world.a.alliance):
        mine = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
        partner = Principal.for_alliance(world.users["partner_a"], world.a.alliance)
        due = list(worklist_rows(mine, today, kind="wiedervorlagen"))
        assert [person for *_, person in due] == [world.a.person.pk]
        assert list(worklist_rows(partner, today, kind="wiedervorlagen")) == []
