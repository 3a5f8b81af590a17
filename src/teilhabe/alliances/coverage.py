"""Coverage of NRW by the initiative: which bodies participate, what share of the Kreis-level
units, municipalities, population and protection seekers their alliances cover.

The participating bodies are the alliances (each accepted declaration creates one). With a
reference date, only bodies whose declaration was received by then count. Protection
seekers come from the shipped Destatis extract (table 12531-0043, per Kreis); for a
Gemeinde acting alone they are estimated by its share of its Kreis's population.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from django.db.models import Count, Sum

from teilhabe.alliances.models import body_display_name
from teilhabe.core.models import Alliance
from teilhabe.municipalities.models import Gemeinde, Kreis

# Shipped reference data (Destatis extract): the coverage report reads it in production,
# the demo seed draws persons and statuses from the same file.
SEEKERS_CSV = Path(__file__).resolve().parent / "data" / "nrw_schutzsuchende_kreise_wide.csv"
SEEKERS_SOURCE = (
    "Quelle: Statistisches Bundesamt (Destatis), GENESIS-Online, Tabelle 12531-0043, "
    "Stand 31.12.2024"
)
NRW = "05"


@lru_cache(maxsize=1)
def protection_seekers() -> dict[str, tuple[int, int]]:
    """Per Kreis key: (protection seekers, population) from the shipped extract."""
    with open(SEEKERS_CSV, encoding="utf-8") as fh:
        return {
            row["kreis_key"]: (
                int(row["schutzsuchende_insgesamt"]),
                int(row["population_2024_12_31"]),
            )
            for row in csv.DictReader(fh)
        }


def share(part: int | float | Decimal, whole: int | float | Decimal) -> Decimal:
    """A percentage with one decimal, rounded half up (45 of 53 → 84.9)."""
    if not whole:
        return Decimal("0.0")
    value = Decimal(str(part)) * 100 / Decimal(str(whole))
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Tally:
    kreis_level_total: int = 0
    kreis_level_joined: int = 0
    gemeinden_total: int = 0
    gemeinden_covered: int = 0
    population_total: int = 0
    population_covered: int = 0
    seekers_total: int = 0
    seekers_covered: float = 0.0

    @property
    def kreis_level_share(self) -> Decimal:
        return share(self.kreis_level_joined, self.kreis_level_total)

    @property
    def gemeinden_share(self) -> Decimal:
        return share(self.gemeinden_covered, self.gemeinden_total)

    @property
    def population_share(self) -> Decimal:
        return share(self.population_covered, self.population_total)

    @property
    def seekers_share(self) -> Decimal:
        return share(round(self.seekers_covered), self.seekers_total)

    @property
    def seekers_covered_rounded(self) -> int:
        return round(self.seekers_covered)


@dataclass
class KreisRow:
    kreis: Kreis
    name: str
    members: int
    population: int
    alliance: Alliance | None = None
    alone: list[Alliance] = field(default_factory=list)
    member_names: list[str] = field(default_factory=list)

    @property
    def is_city(self) -> bool:
        return self.kreis.kind == Kreis.Kind.KREISFREIE_STADT


@dataclass
class RegionRow(Tally):
    key: str = ""
    name: str = ""


@dataclass
class CoverageReport(Tally):
    as_of: dt.date | None = None
    cities_total: int = 0
    cities_joined: int = 0
    kreise_total: int = 0
    kreise_joined: int = 0
    kreis_members: int = 0
    gemeinden_alone: int = 0
    gemeinden_alone_in_joined_kreis: int = 0
    regions: list[RegionRow] = field(default_factory=list)
    rows: list[KreisRow] = field(default_factory=list)
    source: str = SEEKERS_SOURCE

    @property
    def more_than_80(self) -> bool:
        return self.kreis_level_share > 80


def _joined_on(alliance: Alliance) -> dt.date:
    declaration = getattr(alliance, "join_declaration", None)
    if declaration is not None:
        return declaration.received_on
    return alliance.created_at.date()


def participating_alliances(as_of: dt.date | None = None) -> list[Alliance]:
    qs = Alliance.objects.select_related("kreis", "gemeinde", "join_declaration")
    alliances = [
        a
        for a in qs.order_by("name")
        if (a.kreis_id or "").startswith(NRW) or (a.gemeinde_id or "").startswith(NRW)
    ]
    if as_of is not None:
        alliances = [a for a in alliances if _joined_on(a) <= as_of]
    return alliances


def coverage_report(as_of: dt.date | None = None) -> CoverageReport:
    """Three queries whatever the number of bodies: Kreise, Gemeinden alone, alliances."""
    seekers = protection_seekers()
    kreise = list(
        Kreis.objects.filter(key__startswith=NRW)
        .select_related("regierungsbezirk")
        .annotate(members=Count("gemeinden"), population=Sum("gemeinden__population"))
        .order_by("key")
    )
    alliances = participating_alliances(as_of)
    by_kreis = {a.kreis_id: a for a in alliances if a.gemeinde_id is None}
    alone_by_kreis: dict[str, list[Alliance]] = {}
    for a in alliances:
        if a.gemeinde_id is not None:
            alone_by_kreis.setdefault(a.gemeinde.kreis_id, []).append(a)  # type: ignore[union-attr]

    report = CoverageReport(as_of=as_of)
    regions: dict[str, RegionRow] = {}
    for k in kreise:
        region = regions.setdefault(
            k.regierungsbezirk_id,
            RegionRow(key=k.regierungsbezirk_id, name=k.regierungsbezirk.name),
        )
        row = KreisRow(
            kreis=k,
            name=body_display_name(k),
            members=k.members,  # type: ignore[attr-defined]
            population=k.population or 0,  # type: ignore[attr-defined]
            alliance=by_kreis.get(k.key),
            alone=alone_by_kreis.get(k.key, []),
        )
        report.rows.append(row)
        k_seekers, k_pop = seekers.get(k.key, (0, 0))
        for tally in (report, region):
            tally.kreis_level_total += 1
            tally.gemeinden_total += row.members
            tally.population_total += row.population
            tally.seekers_total += k_seekers
        if row.is_city:
            report.cities_total += 1
        else:
            report.kreise_total += 1
        if row.alliance is not None:
            if row.is_city:
                report.cities_joined += 1
            else:
                report.kreise_joined += 1
                report.kreis_members += row.members
            for tally in (report, region):
                tally.kreis_level_joined += 1
                tally.gemeinden_covered += row.members
                tally.population_covered += row.population
                tally.seekers_covered += k_seekers
        report.gemeinden_alone += len(row.alone)
        if row.alliance is not None:
            # Covered by the Kreis already: counted once, noted separately.
            report.gemeinden_alone_in_joined_kreis += len(row.alone)
            continue
        for a in row.alone:
            g: Gemeinde = a.gemeinde  # type: ignore[assignment]
            estimate = k_seekers * g.population / k_pop if k_pop else 0.0
            for tally in (report, region):
                tally.gemeinden_covered += 1
                tally.population_covered += g.population
                tally.seekers_covered += estimate
    report.regions = list(regions.values())
    return report


def attach_member_names(report: CoverageReport) -> CoverageReport:
    """Fill each Kreis row with its member municipalities (one query for all of NRW)."""
    names: dict[str, list[str]] = {}
    for kreis_id, name in (
        Gemeinde.objects.filter(kreis__key__startswith=NRW, kreis__kind=Kreis.Kind.KREIS)
        .order_by("name")
        .values_list("kreis_id", "name")
    ):
        names.setdefault(kreis_id, []).append(name)
    for row in report.rows:
        row.member_names = names.get(row.kreis.key, [])
    return report
