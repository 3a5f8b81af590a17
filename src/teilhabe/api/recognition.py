"""A person's certificates with their recognition procedures (API).

Same rule as the person page: the category "education" (owner, or a partner through a
consent naming it); anyone else gets 404. Reading is recorded like a page view.
"""

# No `from __future__ import annotations`: ninja resolves handler annotations at runtime.
import datetime as dt
import uuid
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from teilhabe.api.auth import api_scope
from teilhabe.people.access import get_person_access
from teilhabe.people.models import Certificate
from teilhabe.people.services import person_view_record
from teilhabe.recognition.models import RecognitionProcedure
from teilhabe.recognition.selectors import certificates_with_procedures

router = Router(tags=["recognition"])


class ProcedureOut(Schema):
    id: uuid.UUID
    body: str
    body_name: str
    applied_on: dt.date
    documents: list[str]
    decision: str
    decided_on: dt.date | None
    reference_qualification: str
    note: str


class CertificateOut(Schema):
    id: uuid.UUID
    title: str
    country: str
    level: str
    issued_on: dt.date | None
    recognition: str
    procedures: list[ProcedureOut]


def _procedure(p: RecognitionProcedure) -> dict[str, Any]:
    return {
        "id": p.pk,
        "body": p.body,
        "body_name": str(p.get_body_display()),
        "applied_on": p.applied_on,
        "documents": p.documents,
        "decision": p.decision,
        "decided_on": p.decided_on,
        "reference_qualification": p.reference_qualification,
        "note": p.note,
    }


def _certificate(c: Certificate) -> dict[str, Any]:
    return {
        "id": c.pk,
        "title": c.title,
        "country": c.country,
        "level": c.level,
        "issued_on": c.issued_on,
        "recognition": c.recognition,
        "procedures": [_procedure(p) for p in c.recognition_procedures.all()],  # type: ignore[attr-defined]
    }


@router.get(
    "/buendnisse/{alliance}/personen/{person_id}/zeugnisse",
    response=list[CertificateOut],
    url_name="certificate_list",
)
def list_certificates(request: HttpRequest, alliance: str, person_id: uuid.UUID) -> list[dict]:
    """The person's certificates, each with its recognition procedures, newest first."""
    with api_scope(request, alliance) as principal:
        access = get_person_access(principal, person_id)
        if not access.can("education"):
            raise Http404
        person_view_record(access=access, purpose="api")
        return [_certificate(c) for c in certificates_with_procedures(access)]
