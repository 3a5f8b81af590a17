"""The stable key of a Maßnahme-Karriere finding across detection runs.

Detection replaces Finding rows on every run; the review of a finding (reviews.py) must
find "the same" finding again. Same means: the same person, rule and participations — and
for a waiting gap (MK3) the same first day of the gap, since its end moves with today while
it is open. A hash keeps the key short and free of anything readable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable


def fingerprint(
    person_id: object, rule: str, participation_ids: Iterable[str], gap_start: dt.date | None
) -> str:
    parts = [str(person_id), rule, *sorted(str(i) for i in participation_ids)]
    if rule == "MK3":
        parts.append(gap_start.isoformat() if gap_start else "")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()
