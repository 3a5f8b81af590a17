"""Reads of recognition procedures, always from a person's access (404 otherwise)."""

from __future__ import annotations

import uuid

from django.db.models import Prefetch
from django.http import Http404

from teilhabe.core.roles import Principal
from teilhabe.people.access import PersonAccess, persons_for
from teilhabe.people.intake.selectors import owner_access
from teilhabe.people.models import Certificate
from teilhabe.recognition.models import RecognitionProcedure


def certificates_with_procedures(access: PersonAccess) -> list[Certificate]:
    """The person's certificates, each with its procedures newest first (two queries).
    The caller has checked the category "education"."""
    procedures = Prefetch(
        "recognition_procedures",
        queryset=RecognitionProcedure.objects.order_by("-applied_on", "-created_at"),
    )
    return list(
        Certificate.objects.filter(person=access.person)
        .order_by("issued_on", "title", "id")
        .prefetch_related(procedures)
    )


def procedures_of(access: PersonAccess) -> list[RecognitionProcedure]:
    """The person's procedures with their certificates, oldest application first."""
    return list(
        RecognitionProcedure.objects.filter(certificate__person=access.person)
        .select_related("certificate")
        .order_by("applied_on", "created_at")
    )


def procedure_get(
    principal: Principal, procedure_id: uuid.UUID
) -> tuple[PersonAccess, RecognitionProcedure]:
    """A procedure with the owner's access to its person (for a write); 404 for anyone
    else, partners with a consent included."""
    procedure = (
        RecognitionProcedure.objects.filter(
            pk=procedure_id, certificate__person__in=persons_for(principal)
        )
        .select_related("certificate")
        .first()
    )
    if procedure is None:
        raise Http404
    return owner_access(principal, procedure.certificate.person_id), procedure
