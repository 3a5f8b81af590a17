"""Demo step of the employer directory: six firms per alliance (some in the company network),
and the German work experiences and the internships, EQ and training places of the
alliance linked to one of them, so the directory's placements page has figures.
Deterministic (ids and choices from a generator seeded by the alliance and profile) and
idempotent."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import QuerySet

from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import TODAY, uuid_from
from teilhabe.employers.models import Employer
from teilhabe.people.models import Experience
from teilhabe.trajectories.models import Participation

S = Employer.Sector
# (name pattern, sector, training, internship, jobs, in the network)
FIRMS = (
    ("Kfz-Meisterbetrieb {city}", S.CRAFT, 2, 3, 0, True),
    ("Elektro {city} GmbH", S.CRAFT, 1, 2, 1, True),
    ("Pflegedienst am Park {city}", S.CARE, 3, 4, 2, False),
    ("Logistikzentrum {city}", S.LOGISTICS, 2, 2, 6, True),
    ("Hotel Stadtblick {city}", S.HOSPITALITY, 2, 1, 3, False),
    ("Bäckerei Sonnenkorn {city}", S.CRAFT, 1, 2, 0, False),
)
# Participations in these categories happen at a firm.
AT_A_FIRM = ("internship", "pre_vocational_training", "vocational_training")


def extend_alliance(
    *, alliance: Alliance, organisations: dict[str, Organisation], rng: random.Random, profile: str
) -> None:
    if Employer.objects.filter(alliance=alliance).exists():
        return
    rng = random.Random(f"employers:{alliance.slug}:{profile}")
    city = alliance.name.removeprefix("Bündnis ").strip()
    firms = [
        Employer(
            id=uuid_from(rng),
            alliance=alliance,
            name=name.format(city=city),
            sector=sector,
            contact_name=rng.choice(("Frau Yilmaz", "Herr Becker", "Frau Schulz", "Herr Nowak")),
            places_training=training,
            places_internship=internship,
            places_employment=jobs,
            in_network=network,
            last_contact_on=TODAY - dt.timedelta(days=rng.randint(3, 200)),
        )
        for name, sector, training, internship, jobs, network in FIRMS
    ]
    Employer.objects.bulk_create(firms)
    experiences = Experience.objects.filter(alliance=alliance, country__in=["DE", ""])
    _link(rng, firms, experiences, "employer_entry")
    _link(
        rng,
        firms,
        Participation.objects.filter(alliance=alliance, category__in=AT_A_FIRM),
        "employer",
    )


def _link(rng: random.Random, firms: list[Employer], rows: QuerySet[Any], field: str) -> None:
    """About half of the rows get a firm; one UPDATE per firm."""
    chosen: dict[int, list[Any]] = {}
    for pk in rows.order_by("id").values_list("id", flat=True):
        if rng.random() < 0.5:
            chosen.setdefault(rng.randrange(len(firms)), []).append(pk)
    for index, pks in sorted(chosen.items()):
        rows.model.objects.filter(pk__in=pks).update(**{field: firms[index]})
