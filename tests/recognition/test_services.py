"""Writes of a recognition procedure: the owner only, one open procedure per certificate,
dates that make sense, audited, and the certificate's recognition follows the procedure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.people.access import get_person_access
from teilhabe.people.intake import profile_services
from teilhabe.people.models import Certificate
from teilhabe.recognition import services
from teilhabe.recognition.models import RecognitionProcedure
from tests.conftest import World
from tests.recognition.helpers import certificate

pytestmark = pytest.mark.django_db
DATA = services.ProcedureData(
    body="ihk_fosa", applied_on=dt.date(2026, 3, 2), documents=["translation", "copy", "cv"]
)


def _access(world: World, principal: Any, persona: str = "cm_a") -> Any:
    return get_person_access(principal(persona), world.a.person.pk)


def _open(world: World, principal: Any, cert: Any, data: Any = DATA) -> RecognitionProcedure:
    with scope(alliance=world.a.alliance):
        return services.recognition_open(
            access=_access(world, principal), certificate=cert, data=data
        )


def _recognition(cert: Any) -> str:
    with scopes_disabled():
        return Certificate.objects.get(pk=cert.pk).recognition


def test_opening_a_procedure_marks_the_certificate_pending_and_is_audited(
    world: World, principal: Any
) -> None:
    cert = certificate(world.a.person, recognition=Certificate.Recognition.NOT_APPLIED)
    procedure = _open(world, principal, cert)
    assert procedure.decision == RecognitionProcedure.Decision.PENDING
    assert procedure.documents == ["copy", "translation", "cv"]  # stable order
    assert _recognition(cert) == Certificate.Recognition.PENDING
    with scopes_disabled():
        event = AuditEvent.objects.get(object_id=procedure.pk)
    assert (event.action, event.purpose) == (AuditEvent.Action.CREATE, "recognition opened")


@pytest.mark.parametrize(
    ("decision", "summary"),
    [
        ("full", Certificate.Recognition.FULL),
        ("partial", Certificate.Recognition.PARTIAL),
        ("not_equivalent", Certificate.Recognition.REFUSED),
    ],
)
def test_the_decision_becomes_the_certificates_recognition(
    world: World, principal: Any, decision: str, summary: str
) -> None:
    cert = certificate(world.a.person)
    procedure = _open(world, principal, cert)
    with scope(alliance=world.a.alliance):
        services.recognition_decide(
            access=_access(world, principal),
            procedure=procedure,
            decision=decision,
            decided_on=dt.date(2026, 6, 1),
            reference_qualification="Kaufmann für Büromanagement",
        )
    assert _recognition(cert) == summary
    with scopes_disabled():
        saved = RecognitionProcedure.objects.get(pk=procedure.pk)
        purposes = set(
            AuditEvent.objects.filter(object_id=procedure.pk).values_list("purpose", flat=True)
        )
    assert (saved.decision, saved.decided_on) == (decision, dt.date(2026, 6, 1))
    assert purposes == {"recognition opened", "recognition decided"}


def test_a_withdrawal_returns_the_certificate_to_not_applied_and_a_new_procedure_may_open(
    world: World, principal: Any
) -> None:
    cert = certificate(world.a.person)
    first = _open(world, principal, cert)
    with scope(alliance=world.a.alliance):
        services.recognition_withdraw(
            access=_access(world, principal), procedure=first, withdrawn_on=dt.date(2026, 4, 1)
        )
    assert _recognition(cert) == Certificate.Recognition.NOT_APPLIED
    second = _open(world, principal, cert, services.ProcedureData("zab", dt.date(2026, 5, 1)))
    assert _recognition(cert) == Certificate.Recognition.PENDING
    with scopes_disabled():
        assert RecognitionProcedure.objects.filter(certificate=cert).count() == 2
    assert second.body == "zab"


def test_only_one_procedure_of_a_certificate_is_open_at_a_time(
    world: World, principal: Any
) -> None:
    cert = certificate(world.a.person)
    _open(world, principal, cert)
    with pytest.raises(ValidationError) as refused:
        _open(world, principal, cert)
    assert "body" in refused.value.message_dict


def test_a_decided_procedure_cannot_be_decided_or_withdrawn_again(
    world: World, principal: Any
) -> None:
    cert = certificate(world.a.person)
    procedure = _open(world, principal, cert)
    with scope(alliance=world.a.alliance):
        access = _access(world, principal)
        services.recognition_decide(
            access=access,
            procedure=procedure,
            decision="not_equivalent",
            decided_on=dt.date(2026, 6, 1),
        )
        with pytest.raises(ValidationError):
            services.recognition_withdraw(
                access=access, procedure=procedure, withdrawn_on=dt.date(2026, 6, 2)
            )
    assert _recognition(cert) == Certificate.Recognition.REFUSED


def test_dates_and_choices_are_checked_before_anything_is_written(
    world: World, principal: Any
) -> None:
    cert = certificate(world.a.person)
    future = services.ProcedureData("ihk_fosa", dt.date(2099, 1, 1), ["passport"])
    with pytest.raises(ValidationError) as refused:
        _open(world, principal, cert, future)
    assert {"applied_on", "documents"} <= set(refused.value.message_dict)
    with pytest.raises(ValidationError) as unknown:
        _open(world, principal, cert, services.ProcedureData("somewhere", dt.date(2026, 1, 1)))
    assert "body" in unknown.value.message_dict
    procedure = _open(world, principal, cert)
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError) as early:
        services.recognition_decide(
            access=_access(world, principal),
            procedure=procedure,
            decision="full",
            decided_on=dt.date(2026, 1, 1),  # before the application
        )
    assert {"decided_on", "reference_qualification"} <= set(early.value.message_dict)
    assert _recognition(cert) == Certificate.Recognition.PENDING


def test_a_partner_with_the_education_consent_cannot_write(world: World, principal: Any) -> None:
    cert = certificate(world.a.person)
    with scope(alliance=world.a.alliance):
        access = _access(world, principal, "partner_a")
        assert access.can("education")
        with pytest.raises(Http404):
            services.recognition_open(access=access, certificate=cert, data=DATA)


def test_the_certificate_edit_cannot_contradict_its_procedure(world: World, principal: Any) -> None:
    cert = certificate(world.a.person)
    _open(world, principal, cert)
    data = profile_services.CertificateData(
        title=cert.title, country=cert.country, level=cert.level, recognition="full"
    )
    with scope(alliance=world.a.alliance):
        access = _access(world, principal)
        cert = Certificate.objects.get(pk=cert.pk)
        with pytest.raises(ValidationError) as refused:
            profile_services.certificate_update(access=access, certificate=cert, data=data)
        assert "recognition" in refused.value.message_dict
        # Other fields still change; the recognition stays the procedure's.
        renamed = profile_services.CertificateData(
            title="Zeugnis", country=cert.country, level=cert.level, recognition="pending"
        )
        profile_services.certificate_update(access=access, certificate=cert, data=renamed)
    assert _recognition(cert) == Certificate.Recognition.PENDING
