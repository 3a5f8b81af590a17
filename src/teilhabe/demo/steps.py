"""The demo steps in the order they run: the wiring of `seed_demo`, in one place.

Each app's demo data is a module of this package with `extend_alliance` and/or
`extend_state`; `seed.seed_demo` runs the foundation and then these steps, nothing else.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Protocol

from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo import (
    advice,
    alliances,
    casework_sharing,
    casework_work,
    documents,
    domains,
    duplicates,
    employers,
    exit_outcomes,
    mentoring,
    offers,
    people,
    privacy,
    recognition,
    relocation,
    reporting,
    residence,
    trainings,
    trajectories,
    waiting,
)


class AllianceStep(Protocol):
    def __call__(
        self,
        *,
        alliance: Alliance,
        organisations: dict[str, Organisation],
        rng: random.Random,
        profile: str,
    ) -> None: ...


class StateStep(Protocol):
    def __call__(self, *, alliances: list[Alliance], rng: random.Random, profile: str) -> None: ...


@dataclass(frozen=True)
class Step:
    """One app's part of the demo data; both functions must be idempotent like the rest.

    `per_alliance` runs inside each alliance's transaction, right after its foundation;
    `once` runs after all alliances and the state logins. `app` is what `--only` selects.
    `stream` seeds the step's generator: it is the module path the step had before the
    demo package existed, so a seed keeps giving the same rows (ids included).
    """

    app: str
    stream: str
    per_alliance: AllianceStep | None = None
    once: StateStep | None = None


# The order they run in. People before casework (casework reads the status history that
# people completes); casework and offers before trajectories (participations are in the
# alliance's offers, per case). The rest keeps the order of the former per-app discovery
# (INSTALLED_APPS), which also fixes the auto-increment ids of a seed's users and memberships.
STEPS: tuple[Step, ...] = (
    # A likely duplicate pair (#17), first so that every step treats the twin as a person.
    Step("people", "teilhabe.people.merge.demo", per_alliance=duplicates.extend_alliance),
    Step("people", "teilhabe.people.demo", per_alliance=people.extend_alliance),
    Step("casework", "teilhabe.casework.demo", per_alliance=casework_work.extend_alliance),
    Step("casework", "teilhabe.casework.demo", per_alliance=casework_sharing.extend_alliance),
    # The situation found at the closure checks the casework step marked done.
    Step("casework", "teilhabe.casework.exit_demo", per_alliance=exit_outcomes.extend_alliance),
    # After casework: periods start with the first case; a change has its follow-up.
    Step("people", "teilhabe.people.domains.demo", per_alliance=domains.extend_alliance),
    Step("offers", "teilhabe.offers.demo", per_alliance=offers.extend_alliance),
    # After the offers: a demo work permission names an internship's provider.
    Step("people", "teilhabe.people.residence_demo", per_alliance=residence.extend_alliance),
    Step(
        "trajectories",
        "teilhabe.trajectories.demo",
        per_alliance=trajectories.extend_alliance,
        once=trajectories.extend_state,
    ),
    # After the participations (earlier waits end in one), before the findings' run.
    Step("offers", "teilhabe.offers.waiting_demo", per_alliance=waiting.extend_alliance),
    Step(
        "alliances",
        "teilhabe.alliances.demo",
        per_alliance=alliances.extend_alliance,
        once=alliances.extend_state,
    ),
    Step("reporting", "teilhabe.reporting.demo", once=reporting.extend_state),
    Step("privacy", "teilhabe.privacy.demo", per_alliance=privacy.extend_alliance),
    Step("relocation", "teilhabe.relocation.demo", once=relocation.extend_state),
    # After privacy: its step adds the data-protection officers, who register too.
    Step("trainings", "teilhabe.trainings.demo", per_alliance=trainings.extend_alliance),
    Step("mentoring", "teilhabe.mentoring.demo", per_alliance=mentoring.extend_alliance),
    Step("advice", "teilhabe.advice.demo", per_alliance=advice.extend_alliance),
    Step("recognition", "teilhabe.recognition.demo", per_alliance=recognition.extend_alliance),
    Step("documents", "teilhabe.documents.demo", per_alliance=documents.extend_alliance),
    # After trajectories and people: links their internships and experiences to firms.
    Step("employers", "teilhabe.employers.demo", per_alliance=employers.extend_alliance),
)
APPS = tuple(dict.fromkeys(step.app for step in STEPS))
