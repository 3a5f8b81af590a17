"""What every demo step shares: the fixed "today", batch size, password and id drawing."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

TODAY = dt.date(2026, 11, 21)  # fixed so that the data never depends on the clock
BATCH = 2000
DEMO_PASSWORD = "Teilhabe-Demo-2026"  # noqa: S105  (published demo password)


def uuid_from(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from the step's seeded generator (so ids repeat per seed)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def chunks(rows: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]
