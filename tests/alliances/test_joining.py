"""Joining the initiative: the rules of the call to join and the acceptance service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from teilhabe.alliances.models import (
    DeclarationStatus,
    JoinDeclaration,
    PartnerProfile,
    Programme,
)
from teilhabe.alliances.services import (
    join_declaration_accept,
    join_declaration_record,
    join_declaration_reject,
)
from teilhabe.core.models import Alliance, AuditEvent, Organisation
from tests.alliances.conftest import pdf

pytestmark = pytest.mark.django_db


def record(actor: Any, programme: Programme, body_key: str, **overrides: Any) -> JoinDeclaration:
    values: dict[str, Any] = {
        "received_on": dt.date(2018, 10, 10),
        "signed_by_name": "Dr. Martin Sommer",
        "signed_by_function": "kreisdirektor",
        "lead_office_type": "ki",
        "lead_office_name": "",
        "letter": pdf(),
    }
    values.update(overrides)
    return join_declaration_record(actor=actor, programme=programme, body_key=body_key, **values)


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_a_kreis_declares_on_time_and_is_not_marked_late(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    d = record(state_user, programme, "05566")
    assert d.body_kind == "kreis" and d.body_name == "Kreis Steinfurt"
    assert not d.is_late
    assert d.lead_office_name == "Kommunales Integrationszentrum Kreis Steinfurt"
    assert d.letter_content_type == "application/pdf"
    assert AuditEvent.objects.filter(action="create", object_id=d.pk).exists()


def test_a_declaration_received_after_the_deadline_is_marked_late(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    d = record(state_user, programme, "05566", received_on=dt.date(2018, 10, 16))
    assert d.is_late


def test_a_kreisangehoerige_gemeinde_needs_the_consent_of_its_kreis(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    with pytest.raises(ValidationError) as exc:
        record(state_user, programme, "05566076", signed_by_function="buergermeister")
    assert "kreis_consent_on" in errors_of(exc)
    assert not JoinDeclaration.objects.exists()
    d = record(
        state_user,
        programme,
        "05566076",
        signed_by_function="buergermeister",
        kreis_consent_on=dt.date(2018, 10, 5),
    )
    assert d.body_kind == "gemeinde" and d.kreis_id == "05566" and d.body_name == "Rheine"


def test_a_gemeinde_covered_by_its_participating_kreis_is_refused(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    join_declaration_accept(actor=state_user, declaration=record(state_user, programme, "05566"))
    with pytest.raises(ValidationError) as exc:
        record(
            state_user,
            programme,
            "05566076",
            signed_by_function="buergermeister",
            kreis_consent_on=dt.date(2018, 10, 5),
        )
    assert (
        "covers this municipality" in errors_of(exc)["body"][0]
        or "bereits" in errors_of(exc)["body"][0]
    )
    assert JoinDeclaration.objects.count() == 1


def test_a_gemeinde_declared_before_its_kreis_joined_is_refused_on_acceptance(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    alone = record(
        state_user,
        programme,
        "05566076",
        signed_by_function="buergermeister",
        kreis_consent_on=dt.date(2018, 10, 5),
    )
    join_declaration_accept(actor=state_user, declaration=record(state_user, programme, "05566"))
    with pytest.raises(ValidationError):
        join_declaration_accept(actor=state_user, declaration=alone)
    alone.refresh_from_db()
    assert alone.status == DeclarationStatus.RECEIVED and alone.alliance is None


def test_a_kreis_may_join_after_one_of_its_gemeinden_joined_alone(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    alone = record(
        state_user,
        programme,
        "05566076",
        signed_by_function="buergermeister",
        kreis_consent_on=dt.date(2018, 10, 5),
    )
    rheine = join_declaration_accept(actor=state_user, declaration=alone)
    kreis = join_declaration_accept(
        actor=state_user, declaration=record(state_user, programme, "05566")
    )
    assert {rheine.body_kind, kreis.body_kind} == {"gemeinde", "kreis"}
    assert Alliance.objects.filter(pk=rheine.pk).exists()  # Rheine keeps its own alliance


def test_a_body_cannot_declare_twice_but_may_again_after_a_rejection(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    first = record(state_user, programme, "05315", signed_by_function="oberbuergermeister")
    with pytest.raises(ValidationError) as exc:
        record(state_user, programme, "05315000", signed_by_function="oberbuergermeister")
    assert "body" in errors_of(exc)
    join_declaration_reject(actor=state_user, declaration=first)
    again = record(state_user, programme, "05315", signed_by_function="beigeordnete")
    assert again.body_kind == "kreisfreie_stadt"


def test_a_body_with_an_alliance_cannot_declare_again(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    accepted = record(state_user, programme, "05315", signed_by_function="oberbuergermeister")
    join_declaration_accept(actor=state_user, declaration=accepted)
    with pytest.raises(ValidationError) as exc:
        record(state_user, programme, "05315", signed_by_function="oberbuergermeister")
    assert "body" in errors_of(exc)


@pytest.mark.parametrize(
    ("body_key", "function"),
    [
        ("05566", "amtsleitung"),  # not a board function at all
        ("05315", "landrat"),  # a city has no Landrat
        ("05566", "oberbuergermeister"),  # a Kreis has no Oberbürgermeister
        ("05566", "buergermeister"),
    ],
)
def test_the_signatory_must_sit_on_the_administrative_board_of_that_body(
    nrw: None, state_user: Any, programme: Programme, body_key: str, function: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        record(state_user, programme, body_key, signed_by_function=function)
    assert "signed_by_function" in errors_of(exc)
    assert not JoinDeclaration.objects.exists()


def test_a_letter_that_is_not_a_pdf_or_image_is_refused(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("brief.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        record(state_user, programme, "05566", letter=fake)
    assert "letter" in errors_of(exc)
    big = SimpleUploadedFile("brief.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf")
    with pytest.raises(ValidationError):
        record(state_user, programme, "05566", letter=big)


def test_an_unknown_body_and_a_future_date_are_refused(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    with pytest.raises(ValidationError) as exc:
        record(state_user, programme, "99999")
    assert "body" in errors_of(exc)
    with pytest.raises(ValidationError) as exc:
        record(state_user, programme, "05566", received_on=dt.date(2999, 1, 1))
    assert "received_on" in errors_of(exc)


def test_accepting_creates_the_alliance_and_its_lead_office_and_audits_it(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    d = record(state_user, programme, "05566", lead_office_type="jugendamt")
    alliance = join_declaration_accept(actor=state_user, declaration=d)
    d.refresh_from_db()
    assert d.status == DeclarationStatus.ACCEPTED and d.alliance == alliance
    assert alliance.name == "Bündnis Kreis Steinfurt" and alliance.slug == "kreis-steinfurt"
    assert alliance.body_kind == "kreis" and alliance.kreis_id == "05566"
    lead = Organisation.objects.get(alliance=alliance)
    assert lead.is_lead_office and lead.kind == "jugendamt"
    assert lead.name == "Jugendamt Kreis Steinfurt"
    with scope(alliance=alliance):
        assert PartnerProfile.objects.get(organisation=lead).joined_on == d.decided_on
    actions = set(
        AuditEvent.objects.filter(object_id__in=[alliance.pk, lead.pk, d.pk]).values_list(
            "object_type", "action"
        )
    )
    assert ("core.alliance", "create") in actions
    assert ("core.organisation", "create") in actions
    assert ("alliances.joindeclaration", "update") in actions
    with pytest.raises(ValidationError):
        join_declaration_accept(actor=state_user, declaration=d)


def test_accepting_a_gemeinde_creates_a_gemeinde_alliance_with_a_unique_slug(
    nrw: None, state_user: Any, programme: Programme
) -> None:
    from tests import factories as f

    f.AllianceFactory(slug="rheine", name="Etwas anderes", kreis_id="05315")
    d = record(
        state_user,
        programme,
        "05566076",
        signed_by_function="buergermeister",
        kreis_consent_on=dt.date(2018, 10, 1),
        lead_office_type="other",
        lead_office_name="Stabsstelle Integration Rheine",
    )
    alliance = join_declaration_accept(actor=state_user, declaration=d)
    assert alliance.slug == "rheine-2"
    assert alliance.body_kind == "gemeinde" and alliance.kreis is None
    assert alliance.gemeinde_id == "05566076"
    assert Organisation.objects.get(alliance=alliance).kind == "other"


def test_a_failed_acceptance_writes_nothing(
    nrw: None, state_user: Any, programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = record(state_user, programme, "05566")
    before = (Alliance.objects.count(), Organisation.objects.count(), AuditEvent.objects.count())
    import teilhabe.alliances.services.joining as joining

    def boom(**kwargs: Any) -> None:
        raise RuntimeError("audit store down")

    monkeypatch.setattr(joining, "audit_record", boom)
    with pytest.raises(RuntimeError):
        join_declaration_accept(actor=state_user, declaration=d)
    after = (Alliance.objects.count(), Organisation.objects.count(), AuditEvent.objects.count())
    assert after == before
    d.refresh_from_db()
    assert d.status == DeclarationStatus.RECEIVED


def test_only_the_state_coordinator_may_record(nrw: None, world: Any, programme: Programme) -> None:
    with pytest.raises(PermissionError):
        record(world.users["researcher"], programme, "05566")
