"""Demo data for reporting: a visible, clearly marked age share, so the target-group
estimates can be shown. The state coordinator replaces it with the real figure."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from teilhabe.reporting.models import AgeShare

DEMO_BASIS = "Demo-Annahme (kein amtlicher Wert) – bitte durch die Landeskoordination festlegen"


def extend_state(*, alliances: list[Any], rng: random.Random, profile: str) -> None:
    if not AgeShare.objects.exists():
        AgeShare.objects.create(
            percent=Decimal("20.00"), valid_from=dt.date(2015, 1, 1), basis=DEMO_BASIS
        )
