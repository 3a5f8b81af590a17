"""Maßnahme-Karriere detection over every alliance (the statewide batch run).

Times `careers_run_execute` — reading participations and cases, running the pure rules,
rewriting the findings — for the whole seeded profile. Target: ≤ 5 s for `nrw`, and linear
growth (≤ 11 × `nrw` for `nrw10`); the harness puts the profiles side by side.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django_scopes import scopes_disabled


def careers_detection(profile: str) -> list[dict]:
    from teilhabe.people.models import Person
    from teilhabe.trajectories.models import CareerRun, Participation
    from teilhabe.trajectories.services import careers_run_execute

    with scopes_disabled():
        persons = Person.objects.count()
        participations = Participation.objects.count()
        run = CareerRun.objects.create(alliance=None, today="2026-11-21")
        started, cpu = time.perf_counter(), time.process_time()
        done = careers_run_execute(run.pk)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    rate = persons / seconds if seconds else 0.0
    return [
        {
            "measure": "Maßnahme-Karrieren detection (state run)",
            "size": f"{persons:,} persons, {participations:,} participations",
            "seconds": round(seconds, 2),
            "reference": None,
            "ratio": None,
            "note": f"{rate:,.0f} persons/s; {cpu:.1f} s CPU in Python; {done.flagged:,} flagged"
            + ("; target ≤ 5 s" if profile == "nrw" else ""),
        }
    ]


MEASURES: list[Callable[[str], list[dict]]] = [careers_detection]
