"""Shared rows of the recognition tests: a certificate of person A and its procedure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_scopes import scopes_disabled

from tests.people.intake.factories import CertificateFactory


def certificate(person: Any, **fields: Any) -> Any:
    with scopes_disabled():
        return CertificateFactory(person=person, **fields)


def procedure(cert: Any, **fields: Any) -> Any:
    from teilhabe.recognition.models import RecognitionProcedure

    with scopes_disabled():
        return RecognitionProcedure.objects.create(
            alliance=cert.alliance,
            certificate=cert,
            **{
                "body": "brk_school",
                "applied_on": dt.date(2026, 3, 2),
                "documents": ["copy", "translation"],
                **fields,
            },
        )
