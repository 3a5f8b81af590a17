"""Demo data for reporting: the shipped default age share as a visible history row (its
basis names the figure it is calibrated to, see `reporting.population`), so the
target-group estimates can be shown. The state coordinator replaces it per status group.
The state coordinator has the annual and quarterly state reports produced automatically,
the first alliance's first coordinator the alliance's quarterly report."""

from __future__ import annotations

import random
import uuid
from typing import Any

from django.contrib.auth.models import User
from django.utils import translation

from teilhabe.core.models import Membership, Role
from teilhabe.reporting.models import AgeShare, Report, ReportSchedule
from teilhabe.reporting.population import default_age_share


def extend_state(*, alliances: list[Any], rng: random.Random, profile: str) -> None:
    if not AgeShare.objects.exists():
        with translation.override("de"):
            default_age_share().save()
    state = User.objects.filter(state_role__role="state_coordinator").order_by("pk").first()
    wanted: list[tuple[Any, str, Any]] = [
        (None, Report.Period.YEAR, state),
        (None, Report.Period.QUARTER, state),
    ]
    first = min(alliances, key=lambda a: a.name, default=None)
    if first is not None:
        coordinator = (
            Membership.objects.filter(organisation__alliance=first, role=Role.COORDINATOR)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        wanted.append((first, Report.Period.QUARTER, coordinator and coordinator.user))
    for alliance, period, user in wanted:
        key = uuid.UUID(int=rng.getrandbits(128), version=4)  # drawn every run: same ids
        if user is not None:
            ReportSchedule.objects.get_or_create(
                alliance=alliance, period=period, defaults={"id": key, "set_by": user}
            )
