"""Reads of the privacy pages."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from teilhabe.core.models import AuditEvent, Organisation


def log_for(organisations: list[Organisation]) -> QuerySet[AuditEvent]:
    """The organisations' own events plus every disclosure of their persons to others
    (the rule of `privacy.audit.scope`)."""
    from teilhabe.privacy.audit.scope import organisation_events

    return (
        AuditEvent.objects.filter(organisation_events(organisations))
        .select_related("actor", "organisation")
        .order_by("-at", "-id")
    )


# The DPO pages: every read below is limited to the DPO's own organisation.


def open_request_count(org: Organisation) -> int:
    from teilhabe.privacy.models import Restriction

    return Restriction.objects.filter(organisation=org, status=Restriction.Status.REQUESTED).count()


def runs_of(org: Organisation, limit: int = 20) -> list[Any]:
    from teilhabe.privacy.models import RetentionRun

    return list(RetentionRun.objects.filter(organisation=org)[:limit])


def rule_of(org: Organisation, rule_id: uuid.UUID) -> Any:
    from teilhabe.privacy.models import RetentionRule

    try:
        return RetentionRule.objects.get(pk=rule_id, organisation=org)
    except RetentionRule.DoesNotExist as exc:
        raise Http404 from exc


def run_of(org: Organisation, run_id: uuid.UUID) -> Any:
    from teilhabe.privacy.models import RetentionRun

    try:
        return RetentionRun.objects.get(pk=run_id, organisation=org)
    except RetentionRun.DoesNotExist as exc:
        raise Http404 from exc


def deletion_records(run: Any) -> QuerySet[Any]:
    from teilhabe.privacy.models import DeletionRecord

    return DeletionRecord.objects.filter(run=run)


def restrictions_of(org: Organisation) -> QuerySet[Any]:
    from teilhabe.privacy.models import Restriction

    return Restriction.objects.filter(organisation=org).select_related("person")


def restrictions_of_person(person: Any) -> QuerySet[Any]:
    """The restriction requests of a person the caller already holds access to."""
    from teilhabe.privacy.models import Restriction

    return Restriction.objects.filter(person=person)


def restriction_of(org: Organisation, restriction_id: uuid.UUID) -> Any:
    from teilhabe.privacy.models import Restriction

    try:
        return Restriction.objects.select_related("person", "person__alliance").get(
            pk=restriction_id, organisation=org
        )
    except Restriction.DoesNotExist as exc:
        raise Http404 from exc
