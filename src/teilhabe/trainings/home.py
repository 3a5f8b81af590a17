"""The start pages' part of trainings (volunteers, partner staff): upcoming trainings meant
for the member, those they registered for first."""

from __future__ import annotations

from django.utils import timezone

from teilhabe.core.roles import Principal
from teilhabe.trainings.models import Training
from teilhabe.trainings.selectors import upcoming_for


def upcoming_trainings(principal: Principal) -> list[Training]:
    return upcoming_for(principal, timezone.now())
