"""Needs assessment per field of action: dated rows, history kept, current level derived;
the note (Art. 9) is shown to the writing organisation only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import NeedAssessment
from teilhabe.casework.work.selectors import current_needs
from tests import factories as f
from tests.casework.work.factories import NeedAssessmentFactory, field
from tests.conftest import World
from tests.pages.helpers import whole_person_page


def assess_url(world: World) -> str:
    return reverse("people:work:needs_assess", args=[world.a.alliance.slug, world.a.person.pk])


def form_data(on: str, **levels: tuple[str, str]) -> dict[str, str]:
    data = {"assessed_on": on}
    for key, (level, note) in levels.items():
        pk = field(key).pk
        data[f"need-{pk}-level"] = level
        data[f"need-{pk}-note"] = note
    return data


@pytest.mark.django_db
def test_each_assessment_is_kept_and_the_latest_one_is_current(world: World, login: Any) -> None:
    client = login("cm_a")
    first = form_data("2026-02-01", housing=("urgent", "Wohnung gekündigt"), health=("none", ""))
    assert client.post(assess_url(world), first).status_code == 302
    # Later: housing improves; health stays the same and is therefore not recorded again.
    second = form_data("2026-05-01", housing=("some", "Übergangswohnung"), health=("none", ""))
    assert client.post(assess_url(world), second).status_code == 302
    with scope(alliance=world.a.alliance):
        rows = list(
            NeedAssessment.objects.filter(case=world.a.case)
            .order_by("assessed_on", "field_of_action__position")
            .values_list("field_of_action__key", "level", "assessed_on")
        )
        current = current_needs(world.a.person)
    assert rows == [
        ("housing", "urgent", dt.date(2026, 2, 1)),
        ("health", "none", dt.date(2026, 2, 1)),
        ("housing", "some", dt.date(2026, 5, 1)),
    ]
    assert current[field("housing").pk].level == "some"
    assert current[field("health").pk].assessed_on == dt.date(2026, 2, 1)

    history = client.get(
        reverse("people:work:needs_history", args=[world.a.alliance.slug, world.a.person.pk])
    ).content.decode()
    assert "Wohnung gekündigt" in history and "Übergangswohnung" in history
    detail = whole_person_page(
        client, reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    )
    assert "Übergangswohnung" in detail and "Wohnung gekündigt" not in detail


@pytest.mark.django_db
def test_an_assessment_with_nothing_changed_records_nothing(world: World, login: Any) -> None:
    client = login("cm_a")
    client.post(assess_url(world), form_data("2026-02-01", housing=("urgent", "")))
    client.post(assess_url(world), form_data("2026-03-01", housing=("urgent", "")))
    with scopes_disabled():
        assert NeedAssessment.objects.count() == 1


@pytest.mark.django_db
def test_an_alliance_specific_field_of_action_can_be_assessed(world: World, login: Any) -> None:
    own = FieldOfAction.objects.create(alliance=world.a.alliance, name="Führerschein", position=95)
    other = FieldOfAction.objects.create(alliance=world.b.alliance, name="Nur B", position=96)
    client = login("cm_a")
    page = client.get(assess_url(world)).content.decode()
    assert "Führerschein" in page and "Nur B" not in page
    data = {"assessed_on": "2026-02-01", f"need-{own.pk}-level": "some"}
    data[f"need-{other.pk}-level"] = "urgent"  # not a field of alliance A: ignored
    assert client.post(assess_url(world), data).status_code == 302
    with scopes_disabled():
        assert list(NeedAssessment.objects.values_list("field_of_action__name", flat=True)) == [
            "Führerschein"
        ]


@pytest.mark.django_db
def test_a_partner_with_a_needs_consent_sees_levels_but_not_the_notes(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        NeedAssessmentFactory(case=world.a.case, level="urgent", note="GEHEIM-BEDARF")
        consent = f.ConsentFactory(
            person=world.a.person, organisation=world.a.tm_office, categories=["needs"]
        )
        consent.recipients.set(
            [world.a.jobcenter, world.a.abh], through_defaults={"alliance_id": consent.alliance_id}
        )
    slug, pk = world.a.alliance.slug, world.a.person.pk
    partner = login("partner_a")
    body = whole_person_page(partner, reverse("people:detail", args=[slug, pk]))
    assert 'id="needs-heading"' in body and "GEHEIM-BEDARF" not in body
    history = partner.get(reverse("people:work:needs_history", args=[slug, pk]))
    assert history.status_code == 200 and "GEHEIM-BEDARF" not in history.content.decode()
    # The immigration office never sees needs, whatever the consent says.
    abh = login("abh_a")
    # With needs the only category, nothing of the person is left for it to see: 404.
    assert abh.get(reverse("people:detail", args=[slug, pk])).status_code == 404
    assert abh.get(reverse("people:work:needs_history", args=[slug, pk])).status_code == 404
    assert login("partner_a").get(assess_url(world)).status_code == 404
