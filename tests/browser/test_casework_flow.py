"""A case manager works a case in Chromium: residence status → needs → plan (with an htmx
status change) → contact → closure, and sees the overdue step on the start page. axe-core
finds no WCAG 2.1 A/AA violation on any page visited; no CSP violation is reported."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import Case, Contact, NeedAssessment, Step
from tests.browser.conftest import axe_violations, sign_in_with_totp
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _default_fields_of_action(default_fields_of_action: None) -> None:
    """See tests/browser/conftest.py."""


def checked(page: Any, visited: list[str]) -> None:
    """Every page the flow reaches is checked once it has loaded."""
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"
    visited.append(page.url)


def submit(page: Any) -> None:
    page.locator("main form.tm-form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


def test_case_manager_works_a_case_from_status_to_closure(
    world: World, live_server: Any, page: Any
) -> None:
    slug, person = world.a.alliance.slug, world.a.person
    base = live_server.url
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    visited: list[str] = []
    sign_in_with_totp(page, base, world.users["cm_a"], rf"/b/{slug}/$")

    detail = base + reverse("people:detail", args=[slug, person.pk])
    page.goto(detail)
    checked(page, visited)

    # 1. Residence status (the intake area's page).
    page.goto(base + reverse("people:intake:status_add", args=[slug, person.pk]))
    checked(page, visited)
    page.locator("select[name=status]").select_option("toleration")
    page.locator("input[name=valid_from]").fill("2026-01-10")
    page.locator("input[name=valid_until]").fill("2027-01-09")
    submit(page)
    assert "/aufenthalt/neu/" not in page.url

    # 2. Needs: all fields on one page.
    page.goto(detail)
    page.get_by_role("link", name="Bedarfe und Plan").click()  # the person page's areas
    page.get_by_role("link", name="Bedarfe einschätzen").click()
    page.wait_for_url(re.compile(r"/bedarfe/$"))
    checked(page, visited)
    housing = FieldOfAction.objects.get(alliance=None, key="housing").pk
    residence = FieldOfAction.objects.get(alliance=None, key="residence_bureaucracy").pk
    page.locator(f"select[name='need-{housing}-level']").select_option("urgent")
    page.locator(f"textarea[name='need-{housing}-note']").fill("Lebt in der Unterkunft")
    page.locator(f"select[name='need-{residence}-level']").select_option("some")
    submit(page)
    assert page.url.startswith(detail)
    assert page.get_by_text("dringender Bedarf").count() >= 1
    checked(page, visited)
    page.get_by_role("link", name="Verlauf der Bedarfseinschätzungen").click()
    checked(page, visited)

    # 3. Plan: a goal, a step due yesterday, then a status change through htmx.
    page.goto(detail + "?bereich=plan")
    page.get_by_role("link", name="Förderplan bearbeiten").click()
    page.wait_for_url(re.compile(r"/plan/$"))
    checked(page, visited)
    page.locator("input[name=title]").fill("Ausbildungsplatz finden")
    submit(page)
    page.get_by_role("link", name=re.compile("Schritt hinzufügen")).click()
    checked(page, visited)
    page.locator("input[name=title]").fill("Bewerbung beim Handwerksbetrieb")
    page.locator("select[name=responsible]").select_option(str(world.a.jobcenter.pk))
    page.locator("input[name=due_on]").fill(yesterday)
    submit(page)
    page.wait_for_url(re.compile(r"/plan/$"))
    assert page.get_by_text("überfällig").count() == 1
    checked(page, visited)

    page.goto(base + reverse("core:alliance_home", args=[slug]))
    assert page.get_by_text("Bewerbung beim Handwerksbetrieb").count() == 1
    checked(page, visited)
    page.get_by_role("link", name="Öffnen – PersonA, CanaryA").first.click()
    page.wait_for_url(re.compile(r"/plan/$"))

    with scopes_disabled():
        step = Step.objects.get(title="Bewerbung beim Handwerksbetrieb")
    page.locator(f"select[name='step-{step.pk}-status']").select_option("in_progress")
    page.get_by_role("button", name=re.compile("Status speichern")).first.click()
    # A locator wait (wait_for_function would evaluate a string, which the CSP forbids).
    page.locator("#plan-live", has_text="gespeichert").wait_for()
    with scopes_disabled():
        step.refresh_from_db()
    assert step.status == "in_progress"
    checked(page, visited)

    # 4. A counselling contact with interpreter and a topic.
    page.goto(detail + "?bereich=kontakte")
    page.get_by_role("link", name="Beratungskontakt erfassen").click()
    checked(page, visited)
    page.locator("select[name=channel]").select_option("video")
    page.locator("input[name=interpreter]").check()
    page.locator(f"input[name=topics][value='{housing}']").check()
    page.locator("textarea[name=note]").fill("Termin zur Anerkennung besprochen")
    submit(page)
    assert page.get_by_text("Termin zur Anerkennung besprochen").count() == 1

    page.get_by_role("link", name="Überblick").click()
    page.get_by_role("link", name="Bildungsverlauf anzeigen").click()
    checked(page, visited)

    # 5. Closure with a reason and a follow-up check.
    page.goto(detail)
    page.get_by_role("link", name="Fall abschließen").click()
    checked(page, visited)
    page.locator("select[name=reason]").select_option("vocational_training")
    page.locator("input[name=follow_up_on]").fill("2027-06-30")
    submit(page)
    assert page.url.startswith(detail)
    assert page.get_by_role("link", name="Fall wiedereröffnen").count() == 1
    checked(page, visited)

    with scopes_disabled():
        case = Case.objects.get(pk=world.a.case.pk)
        assert (case.status, case.closure_reason) == ("closed", "vocational_training")
        assert NeedAssessment.objects.filter(case=case).count() == 2
        assert Contact.objects.get(case=case).interpreter is True
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
    print(f"casework flow: axe-core found no violation on {len(visited)} page visits")
