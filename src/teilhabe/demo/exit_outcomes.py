"""Demo step of the outcome after exit: every closure check that the casework step marked
done gets the situation found (the ESF practice), so offer quality and the monitoring count
recorded transitions. The first checks of each alliance go through every situation once;
the rest follow the closure reason mostly, sometimes found later than six months (then no
transition within 6 months). Deterministic (ids from the case) and idempotent."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from teilhabe.casework.models import ExitOutcome, FollowUp, Situation
from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import TODAY, chunks

NAMESPACE = uuid.UUID("5b0f3f3e-6c1e-4f4c-9a51-2f1d0c7e5a16")
# What the case manager finds, by the reason the case was closed for (weights).
OTHERS = [
    (Situation.MEASURE, 6),
    (Situation.NOTHING, 6),
    (Situation.UNKNOWN, 8),
    (Situation.MOVED_AWAY, 3),
]
NOTES = {
    Situation.VOCATIONAL_TRAINING: "Ausbildung läuft, Betrieb zufrieden.",
    Situation.NOTHING: "Sucht wieder Unterstützung, neuer Termin angeboten.",
    Situation.UNKNOWN: "Telefonisch und per Brief nicht erreicht.",
}


def extend_alliance(
    *, alliance: Alliance, organisations: dict[str, Organisation], rng: random.Random, profile: str
) -> None:
    checks = (
        FollowUp.objects.filter(
            alliance=alliance,
            reason=FollowUp.Reason.CLOSURE_CHECK,
            done_on__isnull=False,
            case__closed_on__isnull=False,
        )
        .order_by("case_id")
        .values_list("case_id", "case__closure_reason", "case__closed_on", "done_on")
    )
    rows = []
    for i, (case_id, reason, closed_on, done_on) in enumerate(checks):
        if done_on is None or closed_on is None:  # excluded by the filter; for the types
            continue
        r = random.Random(f"exit:{case_id}")
        situation = Situation.values[i] if i < len(Situation.values) else _situation(r, reason)
        late = r.random() < 0.1  # found only after six months
        found_on = min(done_on + dt.timedelta(days=30 if late else r.randint(0, 3)), TODAY)
        rows.append(
            ExitOutcome(
                id=uuid.uuid5(NAMESPACE, str(case_id)),
                alliance=alliance,
                case_id=case_id,
                situation=situation,
                found_on=max(found_on, closed_on),
                note=NOTES.get(Situation(situation), ""),
            )
        )
    for chunk in chunks(rows):
        ExitOutcome.objects.bulk_create(chunk, ignore_conflicts=True)


def _situation(r: random.Random, reason: str) -> str:
    """Mostly what the case was closed for; otherwise one of the other situations."""
    if reason in Situation.values and r.random() < 0.7:
        return reason
    kinds, weights = zip(*OTHERS, strict=True)
    return str(r.choices(kinds, weights)[0])
