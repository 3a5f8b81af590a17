"""A lead office runs its alliance through the pages: partners, core group, posts,
workshops with problems, priorities. Writes are audited; bad input names the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from teilhabe.alliances.models import (
    CoreGroupMember,
    FieldOfAction,
    PartnerProfile,
    Priority,
    ProblemReport,
    TeilhabemanagementPost,
    Workshop,
)
from teilhabe.alliances.selectors import fields_of_action_for
from teilhabe.alliances.services import (
    field_of_action_create,
    post_create,
    priority_create,
    problem_report_create,
    workshop_create,
)
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.roles import Principal
from tests.alliances.conftest import PNG, pdf
from tests.conftest import World

pytestmark = pytest.mark.django_db


def url(world: World, name: str, *args: object) -> str:
    return reverse(f"alliances:{name}", args=[world.a.alliance.slug, *args])


def test_a_coordinator_adds_a_partner_with_its_contact_person(
    world: World, login: Callable[[str], Client]
) -> None:
    client = login("coord_a")
    response = client.post(
        url(world, "partner_new"),
        {
            "name": "Berufskolleg Nord",
            "kind": "berufskolleg",
            "legal_domain": "none",
            "joined_on": "2019-02-01",
            "contact_name": "Frau Lehrerin",
            "contact_function": "Abteilungsleitung",
            "contact_email": "bk@example.org",
            "contact_phone": "0251 1234",
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(alliance=world.a.alliance, name="Berufskolleg Nord")
    with scope(alliance=world.a.alliance):
        profile = PartnerProfile.objects.get(organisation=org)
    assert profile.contact_function == "Abteilungsleitung" and profile.joined_on == dt.date(
        2019, 2, 1
    )
    event = AuditEvent.objects.get(object_id=org.pk)
    assert event.action == "create" and event.alliance == world.a.alliance
    assert event.organisation == world.a.lead_office
    html = client.get(url(world, "overview")).content.decode()
    assert "Berufskolleg Nord" in html and "bk@example.org" in html


def test_a_partner_name_that_exists_is_refused_with_the_field_named(
    world: World, login: Callable[[str], Client]
) -> None:
    response = login("coord_a").post(
        url(world, "partner_new"),
        {"name": world.a.jobcenter.name, "kind": "jobcenter", "legal_domain": "sgb2"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert 'href="#id_name"' in response.content.decode()


def test_a_coordinator_edits_a_partner_without_a_profile(
    world: World, login: Callable[[str], Client]
) -> None:
    response = login("coord_a").post(
        url(world, "partner_edit", world.a.jobcenter.pk),
        {"name": "Jobcenter A-Stadt", "kind": "jobcenter", "legal_domain": "sgb2"},
    )
    assert response.status_code == 302
    world.a.jobcenter.refresh_from_db()
    assert world.a.jobcenter.name == "Jobcenter A-Stadt"
    with scope(alliance=world.a.alliance):
        assert PartnerProfile.objects.get(organisation=world.a.jobcenter).legal_domain == "sgb2"


def test_core_group_members_and_posts_are_added_and_removed(
    world: World, login: Callable[[str], Client]
) -> None:
    client = login("coord_a")
    assert (
        client.post(
            url(world, "core_member_new"),
            {
                "organisation": world.a.abh.pk,
                "person_name": "Herr Amtsleiter",
                "function": "Leitung",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            url(world, "post_new"),
            {
                "person_name": "Frau Teilhabe",
                "organisation": world.a.tm_office.pk,
                "fte": "0.75",
                "funded_from": "2019-04-01",
                "funded_until": "2022-12-31",
            },
        ).status_code
        == 302
    )
    with scope(alliance=world.a.alliance):
        member = CoreGroupMember.objects.get(alliance=world.a.alliance)
        assert TeilhabemanagementPost.objects.get().fte == Decimal("0.75")
    assert client.post(url(world, "core_member_remove", member.pk)).status_code == 302
    with scope(alliance=world.a.alliance):
        assert not CoreGroupMember.objects.exists()
    assert AuditEvent.objects.filter(object_id=member.pk, action="delete").exists()


def test_a_post_whose_funding_ends_before_it_starts_is_refused(
    world: World, login: Callable[[str], Client]
) -> None:
    response = login("coord_a").post(
        url(world, "post_new"),
        {
            "person_name": "Frau Teilhabe",
            "organisation": world.a.tm_office.pk,
            "fte": "1",
            "funded_from": "2020-01-01",
            "funded_until": "2019-01-01",
        },
    )
    assert response.context["form"].errors["funded_until"]
    with scope(alliance=world.a.alliance):
        assert not TeilhabemanagementPost.objects.exists()


def test_an_organisation_of_another_alliance_is_never_accepted(
    world: World, principal: Callable[[str], Principal]
) -> None:
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError) as exc:
        post_create(
            principal=principal("coord_a"),
            person_name="X",
            organisation=world.b.tm_office,
            fte=Decimal("1"),
            funded_from=dt.date(2019, 1, 1),
        )
    assert "organisation" in exc.value.message_dict


def test_a_workshop_with_minutes_problems_and_a_priority(
    world: World, login: Callable[[str], Client]
) -> None:
    client = login("coord_a")
    response = client.post(
        url(world, "workshop_new"),
        {
            "kind": "starter",
            "title": "STARTER-Workshop",
            "held_on": "2019-03-11",
            "place": "Kreishaus",
            "organiser": "jmd",
            "organiser_name": "JMD Steinfurt",
            "professionals_count": "50",
            "volunteers_count": "20",
            "minutes": pdf("protokoll.pdf"),
        },
    )
    assert response.status_code == 302
    with scope(alliance=world.a.alliance):
        workshop = Workshop.objects.get()
    assert workshop.participants == 70 and workshop.minutes_content_type == "application/pdf"
    mobility = FieldOfAction.objects.get(alliance=None, key="mobility")
    assert (
        client.post(
            url(world, "problem_new", workshop.pk),
            {"field": mobility.pk, "description": "Mobilitätsprobleme", "reported_by_kind": "jmd"},
        ).status_code
        == 302
    )
    with scope(alliance=world.a.alliance):
        problem = ProblemReport.objects.get()
    assert (
        client.post(
            url(world, "priority_new"),
            {
                "title": "Mobilität sichern",
                "field": mobility.pk,
                "problems": [problem.pk],
                "actions": "Sozialticket\nFahrradwerkstatt",
                "responsible": world.a.lead_office.pk,
                "due_on": "2019-12-31",
                "status": "in_progress",
            },
        ).status_code
        == 302
    )
    board = client.get(url(world, "priority_board")).content.decode()
    assert "Mobilität sichern" in board and "Fahrradwerkstatt" in board
    minutes = client.get(url(world, "workshop_minutes", workshop.pk))
    assert minutes.status_code == 200 and minutes["Content-Type"] == "application/pdf"
    assert b"".join(minutes.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert "attachment" in minutes["Content-Disposition"]
    types = set(
        AuditEvent.objects.filter(alliance=world.a.alliance).values_list("object_type", "action")
    )
    assert {
        ("alliances.workshop", "create"),
        ("alliances.problemreport", "create"),
        ("alliances.priority", "create"),
        ("alliances.workshop", "view"),
    } <= types


def test_minutes_that_are_not_pdf_or_image_are_refused_and_nothing_is_saved(
    world: World, login: Callable[[str], Client]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = login("coord_a").post(
        url(world, "workshop_new"),
        {
            "kind": "starter",
            "title": "STARTER",
            "held_on": "2019-03-11",
            "place": "Kreishaus",
            "organiser": "jmd",
            "professionals_count": "1",
            "volunteers_count": "1",
            "minutes": SimpleUploadedFile("protokoll.pdf", b"<html>no pdf</html>"),
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["minutes"]
    with scope(alliance=world.a.alliance):
        assert not Workshop.objects.exists()


def test_a_png_is_accepted_as_minutes(world: World, principal: Callable[[str], Principal]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    with scope(alliance=world.a.alliance):
        workshop = workshop_create(
            principal=principal("coord_a"),
            kind="other",
            title="Foto-Protokoll",
            held_on=dt.date(2019, 5, 1),
            place="Rathaus",
            organiser="other",
            minutes=SimpleUploadedFile("foto.txt", PNG),
        )
    assert workshop.minutes_content_type == "image/png" and workshop.minutes.name.endswith(".png")


def test_fields_of_action_are_the_defaults_plus_the_alliance_s_own(
    world: World, principal: Callable[[str], Principal]
) -> None:
    with scope(alliance=world.a.alliance):
        own = field_of_action_create(principal=principal("coord_a"), name="Digitale Teilhabe")
        with pytest.raises(ValidationError):
            field_of_action_create(principal=principal("coord_a"), name="Mobility")
    keys = {f.key for f in fields_of_action_for(world.a.alliance) if f.key}
    assert {
        "education_language",
        "work_training",
        "social_participation",
        "housing",
        "health",
        "mobility",
        "residence_bureaucracy",
        "finances",
        "family",
    } == keys
    assert own in fields_of_action_for(world.a.alliance)
    assert own not in fields_of_action_for(world.b.alliance)
    assert FieldOfAction.objects.get(key="housing").label == "Wohnen"


def test_a_problem_may_not_use_another_alliance_s_field_of_action(
    world: World, principal: Callable[[str], Principal]
) -> None:
    with scope(alliance=world.b.alliance):
        other = field_of_action_create(principal=principal("coord_b", "b"), name="Nur B")
    with scope(alliance=world.a.alliance):
        workshop = workshop_create(
            principal=principal("coord_a"),
            kind="starter",
            title="W",
            held_on=dt.date(2019, 3, 1),
            place="P",
            organiser="jmd",
        )
        with pytest.raises(ValidationError):
            problem_report_create(
                principal=principal("coord_a"),
                workshop=workshop,
                field=other,
                description="x",
                reported_by_kind="jmd",
            )


def test_a_priority_may_not_address_another_alliance_s_problems(
    world: World, principal: Callable[[str], Principal]
) -> None:
    field = FieldOfAction.objects.get(key="housing")
    with scope(alliance=world.b.alliance):
        w = workshop_create(
            principal=principal("coord_b", "b"),
            kind="starter",
            title="W",
            held_on=dt.date(2019, 3, 1),
            place="P",
            organiser="jmd",
        )
        foreign = problem_report_create(
            principal=principal("coord_b", "b"),
            workshop=w,
            field=field,
            description="B",
            reported_by_kind="jmd",
        )
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError):
        priority_create(
            principal=principal("coord_a"),
            title="T",
            actions="a",
            responsible=world.a.lead_office,
            problems=[foreign],
        )
    with scope(alliance=world.a.alliance):
        assert not Priority.objects.exists()


def _make_workshops(world: World, principal: Principal, n: int) -> None:
    field = FieldOfAction.objects.get(key="housing")
    with scope(alliance=world.a.alliance):
        for i in range(n):
            w = workshop_create(
                principal=principal,
                kind="starter",
                title=f"W{i}",
                held_on=dt.date(2019, 3, 1),
                place="P",
                organiser="jmd",
            )
            p = problem_report_create(
                principal=principal,
                workshop=w,
                field=field,
                description=f"P{i}",
                reported_by_kind="jmd",
            )
            priority_create(
                principal=principal,
                title=f"T{i}",
                actions="a\nb",
                field=field,
                responsible=world.a.lead_office,
                problems=[p],
            )


@pytest.mark.parametrize(
    "name", ["workshop_list", "priority_board", "overview", "contact_list", "article_list"]
)
def test_list_pages_need_the_same_number_of_queries_for_2_and_20_rows(
    world: World, login: Callable[[str], Client], principal: Callable[[str], Principal], name: str
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("coord_a")
    coord = principal("coord_a")
    _make_workshops(world, coord, 2)
    client.get(url(world, name))
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(world, name)).status_code == 200
    _make_workshops(world, coord, 18)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(world, name)).status_code == 200
    assert len(many) == len(few)


def test_another_alliance_s_workshop_is_404(
    world: World, login: Callable[[str], Client], principal: Callable[[str], Principal]
) -> None:
    with scope(alliance=world.b.alliance):
        w = workshop_create(
            principal=principal("coord_b", "b"),
            kind="starter",
            title="B",
            held_on=dt.date(2019, 3, 1),
            place="P",
            organiser="jmd",
        )
    client = login("coord_a")
    for name in ("workshop_detail", "workshop_edit", "workshop_minutes", "problem_new"):
        assert client.get(url(world, name, w.pk)).status_code == 404
