"""Demo residence conditions: the Nebenbestimmungen of the current status entries, a
Wohnsitzauflage, the offers' "requires permission to work" and work permissions.

Runs after the offers (a permission names the provider of an internship). Deterministic:
entries and offers in id order, the step's own random stream.
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import TODAY, uuid_from
from teilhabe.offers.models import WORK_CATEGORIES, Offer
from teilhabe.people.models import (
    ResidenceStatus,
    ResidenceStatusEntry,
    StatusCondition,
    WorkPermission,
)

TOLERATED = (ResidenceStatus.TOLERATION, ResidenceStatus.GESTATTUNG)
PERMITTED = (
    ResidenceStatus.TRAINING_TOLERATION,
    ResidenceStatus.EMPLOYMENT_TOLERATION,
    ResidenceStatus.RESIDENCE_PERMIT,
    ResidenceStatus.P25A,
    ResidenceStatus.P25B,
    ResidenceStatus.P104C,
    ResidenceStatus.SETTLEMENT,
)


def _latest(alliance: Alliance) -> list[ResidenceStatusEntry]:
    seen: set[uuid.UUID] = set()
    out = []
    rows = ResidenceStatusEntry.objects.filter(alliance=alliance).order_by(
        "person_id", "-valid_from", "-created_at", "-id"
    )
    for entry in rows:
        if entry.person_id not in seen:
            seen.add(entry.person_id)
            out.append(entry)
    return out


def extend_alliance(
    *,
    alliance: Alliance,
    organisations: dict[str, Organisation],
    rng: random.Random,
    profile: str,
) -> None:
    Offer.objects.filter(alliance=alliance, category__in=WORK_CATEGORIES).update(
        requires_work_permission=True
    )
    provider_id = (
        Offer.objects.filter(alliance=alliance, category="internship")
        .order_by("id")
        .values_list("provider_id", flat=True)
        .first()
    )
    already = WorkPermission.objects.filter(alliance=alliance).exists()  # a rerun adds none
    changed: list[ResidenceStatusEntry] = []
    permissions: list[WorkPermission] = []
    tolerated = 0
    for entry in _latest(alliance):
        conditions: list[str] = []
        if entry.status in TOLERATED:
            tolerated += 1
            # Every third tolerated person may not work; the others need a permission.
            if tolerated % 3 == 1:
                conditions = [StatusCondition.WORK_FORBIDDEN]
            else:
                conditions = [StatusCondition.WORK_NEEDS_PERMISSION]
            if rng.random() < 0.3:
                conditions.append(StatusCondition.RESIDENCE_OBLIGATION)
                entry.residence_gemeinde_id = alliance_gemeinde(alliance)
            # The second person who needs one holds a permission for the internship provider.
            if tolerated == 2 and provider_id is not None and not already:
                permissions.append(_permission(alliance, entry, provider_id, rng))
        elif entry.status in PERMITTED:
            conditions = [StatusCondition.WORK_PERMITTED]
        else:
            continue
        entry.conditions = conditions
        changed.append(entry)
    ResidenceStatusEntry.objects.bulk_update(
        changed, ["conditions", "residence_gemeinde"], batch_size=500
    )
    WorkPermission.objects.bulk_create(permissions)


def alliance_gemeinde(alliance: Alliance) -> Any:
    return alliance.gemeinden().order_by("ags").values_list("ags", flat=True).first()


def _permission(
    alliance: Alliance, entry: ResidenceStatusEntry, provider_id: Any, rng: random.Random
) -> WorkPermission:
    return WorkPermission(
        id=uuid_from(rng),
        alliance=alliance,
        person_id=entry.person_id,
        status_entry=entry,
        provider_id=provider_id,
        kind=WorkPermission.Kind.INTERNSHIP,
        granted_on=min(TODAY, entry.valid_until or TODAY),
        valid_until=entry.valid_until,
        note="",
    )
