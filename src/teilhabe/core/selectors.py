"""Reads of core data that are more than one line."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db.models import Count, QuerySet

from teilhabe.core.models import Alliance, AuditEvent, Membership


def alliances_of(user: User) -> list[Alliance]:
    ids = Membership.objects.filter(user=user, is_active=True).values("alliance_id")
    return list(Alliance.objects.filter(id__in=ids).order_by("name"))


def audit_events_for_alliance(
    alliance: Alliance,
    *,
    action: str = "",
    object_type: str = "",
    day_from: date | None = None,
    day_to: date | None = None,
) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.filter(alliance=alliance).select_related("actor", "organisation")
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if day_from:
        qs = qs.filter(at__date__gte=day_from)
    if day_to:
        qs = qs.filter(at__date__lte=day_to)
    return qs.order_by("-at", "-id")


def alliance_overview() -> QuerySet[Alliance]:
    """Statewide list: counts of organisations only (no person is ever counted here)."""
    return (
        Alliance.objects.select_related("kreis", "gemeinde")
        .annotate(organisation_count=Count("organisations", distinct=True))
        .order_by("name")
    )
