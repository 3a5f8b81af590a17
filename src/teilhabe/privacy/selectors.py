"""Reads of the privacy pages."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from teilhabe.core.models import AuditEvent, Organisation


def log_for(organisations: list[Organisation]) -> QuerySet[AuditEvent]:
    """The organisations' own events plus every disclosure of their persons to others
    (reads through a consent the organisation obtained)."""
    from teilhabe.casework.models import Consent

    # Evaluated here, inside the tenant scope: the page renders after the view returns.
    consents = list(
        Consent.objects.filter(organisation__in=organisations).values_list("pk", flat=True)
    )
    return (
        AuditEvent.objects.filter(
            Q(organisation__in=organisations)
            | Q(action=AuditEvent.Action.DISCLOSE, consent_id__in=consents)
        )
        .select_related("actor", "organisation")
        .order_by("-at", "-id")
    )
