"""Demo data for reporting: the shipped default age share as a visible history row (its
basis names the figure it is calibrated to, see `reporting.population`), so the
target-group estimates can be shown. The state coordinator replaces it per status group."""

from __future__ import annotations

import random
from typing import Any

from django.utils import translation

from teilhabe.reporting.models import AgeShare
from teilhabe.reporting.population import default_age_share


def extend_state(*, alliances: list[Any], rng: random.Random, profile: str) -> None:
    if not AgeShare.objects.exists():
        with translation.override("de"):
            default_age_share().save()
