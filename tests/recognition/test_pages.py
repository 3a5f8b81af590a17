"""The recognition section of the person page, its forms, the trajectory and the API: the
owner records, the Jobcenter A (education shared by consent) reads, others get 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.people.models import Certificate
from teilhabe.recognition.models import RecognitionProcedure
from tests.conftest import World
from tests.recognition.helpers import certificate, procedure

pytestmark = pytest.mark.django_db


def _education(world: World) -> str:
    return reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk]) + (
        "?bereich=bildung"
    )


def _url(world: World, name: str, pk: Any) -> str:
    return reverse(f"recognition:{name}", args=[world.a.alliance.slug, pk])


def test_the_case_manager_records_an_application_and_its_decision(world: World, login: Any) -> None:
    cert = certificate(world.a.person, title="Abschlusszeugnis Klasse 10")
    client = login("cm_a")
    form = client.get(_url(world, "procedure_open", cert.pk)).content.decode()
    assert "IHK FOSA" in form and "Handwerkskammer Münster" in form
    opened = client.post(
        _url(world, "procedure_open", cert.pk),
        {"body": "brk_school", "applied_on": "2026-03-02", "documents": ["copy", "translation"]},
    )
    assert opened.status_code == 302 and opened["Location"].endswith(
        "?bereich=bildung#abschnitt-recognition"
    )
    with scopes_disabled():
        proc = RecognitionProcedure.objects.get(certificate=cert)
    decided = client.post(
        _url(world, "procedure_decide", proc.pk),
        {
            "decision": "partial",
            "decided_on": "2026-05-20",
            "reference_qualification": "Erster Schulabschluss",
        },
    )
    assert decided.status_code == 302
    body = client.get(_education(world)).content.decode()
    assert "Bezirksregierung Köln – Zeugnisanerkennung" in body
    assert "Gleichwertigkeit teilweise festgestellt" in body and "Erster Schulabschluss" in body
    assert "Beglaubigte Übersetzung" in body
    with scopes_disabled():
        assert Certificate.objects.get(pk=cert.pk).recognition == "partial"


def test_a_form_error_writes_nothing_and_is_shown_on_the_form(world: World, login: Any) -> None:
    cert = certificate(world.a.person)
    response = login("cm_a").post(
        _url(world, "procedure_open", cert.pk), {"body": "brk_school", "applied_on": "2099-01-01"}
    )
    assert response.status_code == 200
    assert "applied_on" in response.context["form"].errors
    with scopes_disabled():
        assert not RecognitionProcedure.objects.exists()


def test_the_partner_reads_the_procedure_but_gets_no_form(world: World, login: Any) -> None:
    proc = procedure(certificate(world.a.person), note="Aktenzeichen 48.2")
    client = login("partner_a")  # person A's consent shares education with the Jobcenter A
    body = client.get(_education(world)).content.decode()
    assert "Anerkennung ausländischer Zeugnisse" in body and "Aktenzeichen 48.2" in body
    assert _url(world, "procedure_decide", proc.pk) not in body
    assert client.get(_url(world, "procedure_decide", proc.pk)).status_code == 404
    assert login("cm_b").get(_url(world, "procedure_decide", proc.pk)).status_code == 404


def test_the_section_reads_with_the_same_queries_for_one_or_many_procedures(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    procedure(certificate(world.a.person))
    client.get(_education(world))
    with CaptureQueriesContext(connection) as one:
        client.get(_education(world))
    for i in range(5):
        cert = certificate(world.a.person, title=f"Zeugnis {i}")
        procedure(cert, decision="withdrawn", decided_on=dt.date(2026, 4, 1))
        procedure(cert, applied_on=dt.date(2026, 5, 1))
    with CaptureQueriesContext(connection) as many:
        client.get(_education(world))
    assert len(many) == len(one)


def test_the_trajectory_shows_the_application_and_the_decision(world: World, login: Any) -> None:
    procedure(
        certificate(world.a.person, title="Bachelorurkunde"),
        body="zab",
        decision="full",
        decided_on=dt.date(2026, 7, 1),
        reference_qualification="Bachelor of Science",
    )
    url = reverse(
        "people:participations:trajectory", args=[world.a.alliance.slug, world.a.person.pk]
    )
    body = login("partner_a").get(url).content.decode()
    assert "Anerkennung von Bachelorurkunde beantragt" in body
    assert "Zentralstelle für ausländisches Bildungswesen" in body
    assert "Bachelor of Science" in body and "01.07.2026" in body


def test_the_api_lists_certificates_with_procedures_under_the_education_consent(
    world: World, login: Any
) -> None:
    proc = procedure(certificate(world.a.person, title="Abiturzeugnis"), body="brd_school")
    url = reverse("api:certificate_list", args=[world.a.alliance.slug, world.a.person.pk])
    rows = login("partner_a").get(url).json()
    assert [r["title"] for r in rows] == ["Abiturzeugnis"]
    assert rows[0]["procedures"][0]["id"] == str(proc.pk)
    assert rows[0]["procedures"][0]["documents"] == ["copy", "translation"]
    assert login("abh_a").get(url).status_code == 404
    assert login("cm_b").get(url).status_code == 404
