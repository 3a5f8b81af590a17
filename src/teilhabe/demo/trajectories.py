"""Demo step of the trajectories app: participation histories and their findings.

Each case draws one of a few trajectory patterns from its own generator (deterministic,
independent of other cases); ids are UUID5 of the case and the position, and rows are
inserted with bulk_create(ignore_conflicts=True), so a second run inserts nothing.

Chosen shares of cases: 45 % steady progress (language levels rising, orientation, a
pre-vocational measure with a transition, then the ongoing training support), 12 % a
genuine Maßnahme-Karriere (measures without progress, some repeated or aborted), 8 % a
long waiting gap after a first course, 20 % an ordinary course followed by ongoing
mentoring, 15 % nothing recorded yet (only recent intakes; older ones count as ordinary).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from teilhabe.casework.models import Case
from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import TODAY
from teilhabe.offers.models import Offer
from teilhabe.trajectories.models import Participation

NAMESPACE = uuid.UUID("a4d8f0e2-6b1c-4e7a-9f3d-2c5b8e1a7d40")
PATTERNS = (("steady", 45), ("career", 12), ("waiting", 8), ("ordinary", 20), ("none", 15))
EXTERNAL = {
    "language_course": ("Deutschkurs", "Volkshochschule"),
    "integration_course": ("Integrationskurs", "Sprachschule Lingua"),
    "vocational_orientation": ("Berufsorientierung", "Bildungswerk"),
    "pre_vocational_training": ("Einstiegsqualifizierung", "Handwerkskammer"),
    "internship": ("Praktikum", "Betrieb vor Ort"),
    "school_certificate_course": ("Hauptschulabschlusskurs", "Weiterbildungskolleg"),
    "training_support": ("Assistierte Ausbildung", "Bildungsträger"),
    "job_placement": ("Vermittlungscoaching", "Jobcenter"),
}
LEVELS = ["A1", "A2", "B1", "B2"]


class _Writer:
    def __init__(self, alliance: Alliance, offers: dict[str, list[Any]]) -> None:
        self.alliance = alliance
        self.offers = offers
        self.rows: list[Participation] = []

    def add(
        self,
        case: tuple[Any, ...],
        r: random.Random,
        start: dt.date,
        weeks: int,
        category: str,
        *,
        outcome: str = "completed",
        level: str = "",
        certificate: bool = False,
        transition: str = "",
    ) -> dt.date:
        case_id, person_id, _status, _opened, _closed, organisation_id = case
        end = start + dt.timedelta(weeks=weeks)
        if end >= TODAY:
            end_value, outcome, transition = None, "ongoing", ""
        else:
            end_value = end
        choices = self.offers.get(category)
        offer_id = r.choice(choices) if choices and r.random() < 0.8 else None
        title, provider = EXTERNAL.get(category, ("Maßnahme", "Träger"))
        self.rows.append(
            Participation(
                id=uuid.uuid5(NAMESPACE, f"{case_id}:{len(self.rows)}"),
                alliance=self.alliance,
                person_id=person_id,
                offer_id=offer_id,
                external_title="" if offer_id else f"{title} {level}".strip(),
                external_provider="" if offer_id else provider,
                category=category,
                start=start,
                end=end_value,
                outcome=outcome,
                level_reached=level if outcome == "completed" else "",
                certificate=certificate and outcome == "completed",
                transition=transition,
                recorded_by_organisation_id=organisation_id,
            )
        )
        return end


def _steady(w: _Writer, case: tuple[Any, ...], r: random.Random, start: dt.date) -> None:
    day = start
    for level in LEVELS[: r.randint(2, 4)]:
        day = w.add(case, r, day, r.randint(16, 26), "language_course", level=level)
        day += dt.timedelta(days=r.randint(7, 60))
        if day >= TODAY:
            return
    day = w.add(case, r, day, r.randint(8, 20), r.choice(["vocational_orientation", "internship"]))
    day += dt.timedelta(days=r.randint(7, 90))
    if day < TODAY:
        day = w.add(
            case,
            r,
            day,
            r.randint(20, 52),
            r.choice(["pre_vocational_training", "school_certificate_course"]),
            certificate=r.random() < 0.5,
            transition="vocational_training",
        )
    if day < TODAY:
        # The training place itself, ongoing: the person is where the work aimed.
        w.add(case, r, day + dt.timedelta(days=r.randint(1, 40)), 156, "training_support")


def _career(w: _Writer, case: tuple[Any, ...], r: random.Random, start: dt.date) -> None:
    # Measure after measure without a level, certificate or transition; some aborted,
    # some repeated (same category, no level).
    day = start
    categories = ["vocational_orientation", "internship", "job_placement", "integration_course"]
    for _ in range(r.randint(3, 6)):
        outcome = "aborted" if r.random() < 0.35 else "completed"
        day = w.add(case, r, day, r.randint(6, 20), r.choice(categories), outcome=outcome)
        day += dt.timedelta(days=r.randint(7, 80))
        if day >= TODAY:
            return


def _waiting(w: _Writer, case: tuple[Any, ...], r: random.Random, start: dt.date) -> None:
    end = w.add(case, r, start, r.randint(10, 20), "language_course", level="A1")
    later = end + dt.timedelta(days=r.randint(200, 400))
    if later < TODAY:
        w.add(case, r, later, r.randint(10, 20), "language_course", level="A2")


def _ordinary(w: _Writer, case: tuple[Any, ...], r: random.Random, start: dt.date) -> None:
    # A language course with a first level, then accompaniment that is still going on.
    day = w.add(case, r, start, r.randint(12, 26), "language_course", level="A1")
    if day < TODAY:
        long = (TODAY - day).days // 7 + 10
        w.add(case, r, day + dt.timedelta(days=r.randint(10, 90)), long, "mentoring")


BUILDERS = {"steady": _steady, "career": _career, "waiting": _waiting, "ordinary": _ordinary}


def extend_alliance(
    *,
    alliance: Alliance,
    organisations: dict[str, Organisation],
    rng: random.Random,
    profile: str,
) -> None:
    base = rng.getrandbits(64)
    offers: dict[str, list[Any]] = {}
    for pk, category in Offer.objects.filter(alliance=alliance).values_list("id", "category"):
        offers.setdefault(category, []).append(pk)
    writer = _Writer(alliance, offers)
    names = [p for p, _w in PATTERNS]
    weights = [w for _p, w in PATTERNS]
    cases = (
        Case.objects.filter(alliance=alliance)
        .order_by("id")
        .values_list("id", "person_id", "status", "opened_on", "closed_on", "organisation_id")
    )
    for case in cases:
        r = random.Random(f"{base}:{case[0]}")
        pattern = r.choices(names, weights)[0]
        start = case[3] + dt.timedelta(days=r.randint(10, 60))
        if pattern == "none" and (TODAY - case[3]).days > 150:
            pattern = "ordinary"  # long-known persons without any measure would be rare
        if pattern == "none" or start >= TODAY:
            continue
        BUILDERS[pattern](writer, case, r, start)
    Participation.objects.bulk_create(writer.rows, batch_size=2000, ignore_conflicts=True)


def extend_state(*, alliances: list[Alliance], rng: random.Random, profile: str) -> None:
    """Findings for every alliance, as the nightly batch run would write them."""
    from teilhabe.trajectories.detection import detect_alliance

    for alliance in alliances:
        detect_alliance(alliance, TODAY)
