"""The case sheet (Fallblatt): one A4 page for a recipient of the person's active consents,
with only what those consents cover for it, never a note; printing it is a disclosure."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import Consent, Contact, Goal, NeedAssessment, Step
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.people.models import Certificate, PersonLanguage, ResidenceStatusEntry
from teilhabe.trajectories.models import Participation
from tests.casework.sharing.helpers import give_consent
from tests.conftest import World

TODAY = dt.date.today()


def sheet_url(world: World, recipient: Organisation | None = None) -> str:
    base = reverse("people:case_sheet", args=[world.a.alliance.slug, world.a.person.pk])
    return f"{base}?empfaenger={recipient.pk}" if recipient else base


def pdf_text(content: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def page_count(content: bytes, tmp_path: Path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]


@pytest.fixture
def history(world: World) -> None:
    """Status, needs, plan and a contact with notes that must never leave on a sheet."""
    a = world.a
    with scopes_disabled():
        ResidenceStatusEntry.objects.create(
            alliance=a.alliance,
            person=a.person,
            status="toleration",
            valid_from=TODAY - dt.timedelta(days=100),
            valid_until=TODAY + dt.timedelta(days=35),
        )
        field, _ = FieldOfAction.objects.get_or_create(
            alliance=None, key="education_language", defaults={"name": "Bildung"}
        )
        NeedAssessment.objects.create(
            alliance=a.alliance,
            case=a.case,
            organisation=a.tm_office,
            level="urgent",
            field_of_action=field,
            assessed_on=TODAY,
            note="NeedNoteCanary",
        )
        goal = Goal.objects.create(alliance=a.alliance, case=a.case, title="PlanGoalCanary")
        Step.objects.create(
            alliance=a.alliance,
            goal=goal,
            title="PlanStepCanary",
            due_on=TODAY + dt.timedelta(days=7),
            responsible=a.tm_office,
        )
        Contact.objects.create(
            alliance=a.alliance,
            case=a.case,
            organisation=a.tm_office,
            on=TODAY,
            duration_minutes=30,
            channel=Contact.Channel.choices[0][0],
            note="ContactNoteCanary",
        )


@pytest.mark.django_db
def test_the_jobcenter_sheet_has_master_data_and_education_but_no_needs_plan_or_status(
    world: World, login: Any, history: None, tmp_path: Path
) -> None:
    with scopes_disabled():
        Consent.objects.all().delete()
    give_consent(world, [world.a.jobcenter], ["master_data", "education"])
    response = login("cm_a").get(sheet_url(world, world.a.jobcenter))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert world.a.person.family_name not in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    assert "Fallblatt" in text and world.a.jobcenter.name in text
    assert world.a.person.family_name in text
    assert "Schuljahre im Ausland" in text
    for absent in ("Aufenthalt", "Duldung", "Bedarf", "Förderplan", "PlanGoalCanary"):
        assert absent not in text, absent
    assert "NoteCanary" not in text
    assert page_count(response.content, tmp_path) == 1


@pytest.mark.django_db
def test_the_immigration_office_never_gets_needs_or_plan_even_if_the_consent_names_them(
    world: World, login: Any, history: None, tmp_path: Path
) -> None:
    give_consent(world, [world.a.abh], ["residence_status", "needs", "plan"])
    response = login("cm_a").get(sheet_url(world, world.a.abh))
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "Duldung" in text and "35 Tage" in text
    assert "PlanGoalCanary" not in text and "Bedarf" not in text
    # Master data not covered: no name on the sheet.
    assert world.a.person.family_name not in text
    assert "NeedNoteCanary" not in text and "ContactNoteCanary" not in text
    assert page_count(response.content, tmp_path) == 1


@pytest.mark.django_db
def test_a_partner_sheet_with_every_category_shows_levels_and_steps_but_never_notes(
    world: World, login: Any, history: None, tmp_path: Path
) -> None:
    every = ["master_data", "residence_status", "education", "needs", "plan", "participations"]
    give_consent(world, [world.a.jmd], every)
    response = login("cm_a").get(sheet_url(world, world.a.jmd))
    text = pdf_text(response.content, tmp_path)
    assert "PlanGoalCanary" in text and "PlanStepCanary" in text
    assert "Bedarf" in text
    assert "NeedNoteCanary" not in text and "ContactNoteCanary" not in text
    assert page_count(response.content, tmp_path) == 1


@pytest.mark.django_db
def test_a_long_history_still_fits_one_page_and_says_how_many_entries_are_left_out(
    world: World, login: Any, history: None, tmp_path: Path
) -> None:
    a = world.a
    long = "Sehr ausführliche Bezeichnung mit vielen Wörtern für einen Eintrag"
    with scopes_disabled():
        for i in range(12):
            field = FieldOfAction.objects.create(
                alliance=a.alliance, key=f"f{i}", name=f"{long} {i}"
            )
            NeedAssessment.objects.create(
                alliance=a.alliance,
                case=a.case,
                organisation=a.tm_office,
                level="some",
                field_of_action=field,
                assessed_on=TODAY,
            )
            goal = Goal.objects.create(alliance=a.alliance, case=a.case, title=f"{long} {i}")
            for j in range(5):
                Step.objects.create(
                    alliance=a.alliance,
                    goal=goal,
                    title=f"{long} {j}",
                    due_on=TODAY,
                    responsible=a.tm_office,
                )
            Certificate.objects.create(
                alliance=a.alliance, person=a.person, title=long, country="SY", level="primary"
            )
            Participation.objects.create(
                alliance=a.alliance,
                person=a.person,
                external_title=long,
                external_provider=long,
                category="language",
                start=TODAY - dt.timedelta(days=30 * i + 30),
                recorded_by_organisation=a.tm_office,
            )
        for code in ("ar", "de", "en", "fa", "fr", "ku", "ps", "tr"):
            PersonLanguage.objects.create(
                alliance=a.alliance, person=a.person, language=code, level="B1"
            )
    every = ["master_data", "residence_status", "education", "needs", "plan", "participations"]
    give_consent(world, [a.jmd], every)
    response = login("cm_a").get(sheet_url(world, a.jmd))
    text = pdf_text(response.content, tmp_path)
    assert "… und 8 weitere" in text  # certificates and participations: 12 - 4
    assert "… und 9 weitere" in text  # needs: 13 - 4
    assert "… und 10 weitere" in text  # goals: 13 - 3
    assert "… und 3 weitere" in text  # steps of a goal: 5 - 2
    assert page_count(response.content, tmp_path) == 1


@pytest.mark.django_db
def test_printing_the_sheet_is_audited_as_a_disclosure_to_the_recipient_per_consent(
    world: World, login: Any
) -> None:
    login("cm_a").get(sheet_url(world, world.a.jobcenter))
    with scopes_disabled():
        event = AuditEvent.objects.get(action=AuditEvent.Action.DISCLOSE, purpose="case sheet")
    assert event.organisation_id == world.a.jobcenter.pk
    assert event.consent_id == world.consent_a.pk
    assert event.object_id == world.a.person.pk


@pytest.mark.django_db
def test_the_form_offers_only_recipients_of_active_consents_with_their_categories(
    world: World, login: Any
) -> None:
    give_consent(world, [world.a.abh], ["residence_status", "needs"])
    response = login("cm_a").get(sheet_url(world))
    assert response.status_code == 200
    choices = dict(response.context["form"].fields["empfaenger"].choices)
    assert set(choices) == {str(world.a.jobcenter.pk), str(world.a.abh.pk)}
    assert "Bedarf" not in choices[str(world.a.abh.pk)]


@pytest.mark.django_db
def test_withdrawn_or_expired_consents_offer_no_recipient_and_a_forced_one_is_404(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        Consent.objects.filter(pk=world.consent_a.pk).update(withdrawn_on=TODAY)
    give_consent(
        world,
        [world.a.abh],
        ["residence_status"],
        valid_from=TODAY - dt.timedelta(days=30),
        valid_until=TODAY - dt.timedelta(days=1),
    )
    client = login("cm_a")
    response = client.get(sheet_url(world))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Einwilligung erfassen" in response.content.decode()
    assert client.get(sheet_url(world, world.a.jobcenter)).status_code == 404
    assert client.get(sheet_url(world, world.a.abh)).status_code == 404


@pytest.mark.django_db
def test_an_organisation_without_a_consent_or_a_bad_value_is_404(world: World, login: Any) -> None:
    client = login("cm_a")
    assert client.get(sheet_url(world, world.a.jmd)).status_code == 404
    assert client.get(sheet_url(world) + "?empfaenger=nonsense").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["partner_a", "abh_a", "coord_a", "cm_a_jmd", "cm_b"])
def test_only_the_owners_case_managers_reach_the_sheet(
    world: World, login: Any, persona: str
) -> None:
    assert login(persona).get(sheet_url(world)).status_code == 404
    assert login(persona).get(sheet_url(world, world.a.jobcenter)).status_code == 404
