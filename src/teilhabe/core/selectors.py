"""Reads of core data that are more than one line."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Count, QuerySet

from teilhabe.core.models import Alliance, Membership


def alliances_of(user: User) -> list[Alliance]:
    ids = Membership.objects.filter(user=user, is_active=True).values("alliance_id")
    return list(Alliance.objects.filter(id__in=ids).order_by("name"))


def alliance_overview() -> QuerySet[Alliance]:
    """Statewide list: counts of organisations only (no person is ever counted here)."""
    return (
        Alliance.objects.select_related("kreis", "gemeinde")
        .annotate(organisation_count=Count("organisations", distinct=True))
        .order_by("name")
    )
