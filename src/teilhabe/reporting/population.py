"""The 18–27 target group per alliance, estimated from Destatis 12531-0043.

estimate = protection seekers of the alliance's area × age share (state coordinator).
A Kreis or kreisfreie Stadt takes its Kreis' figures; a Gemeinde acting alone takes its
Kreis' figures × its share of the Kreis' population (GV100AD), because the table has no
Gemeinde level. Both factors are shown with every estimate: no hidden constants.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Alliance
from teilhabe.municipalities.models import Gemeinde
from teilhabe.people.models import ResidenceStatus
from teilhabe.reporting.models import AgeShare, SeekerCount, SeekerImport

# The three top-level categories of SCHST2 add up to all protection seekers; the others
# are breakdowns of them (AK-2/AK-5 of AK-1, AK-3/AK-4 of AK-2, AUSRPFL-* of X).
TOP_LEVEL = ("SCHUTZST-OF", "SCHUTZST-AK-1", "SCHUTZST-X")
GROUPS: dict[str, dict[str, object]] = {
    "gestattung": {
        "label": _("Permission to reside (Gestattung)"),
        "destatis": ("SCHUTZST-OF",),
        "casework": (ResidenceStatus.GESTATTUNG,),
    },
    "duldung": {
        "label": _("Toleration (Duldung)"),
        "destatis": ("AUSRPFL-G",),
        "casework": (
            ResidenceStatus.TOLERATION,
            ResidenceStatus.TRAINING_TOLERATION,
            ResidenceStatus.EMPLOYMENT_TOLERATION,
        ),
    },
    "aufenthaltserlaubnis": {
        "label": _("Residence permit (Aufenthaltserlaubnis)"),
        "destatis": ("SCHUTZST-AK-2",),
        "casework": (
            ResidenceStatus.RESIDENCE_PERMIT,
            ResidenceStatus.P25A,
            ResidenceStatus.P25B,
            ResidenceStatus.P104C,
        ),
    },
}
GROUP_KEYS = tuple(GROUPS)
STATUS_TO_GROUP = {
    str(status): key
    for key, spec in GROUPS.items()
    for status in spec["casework"]  # type: ignore[attr-defined]
}
ALL_CODES = tuple(TOP_LEVEL) + tuple(
    code
    for spec in GROUPS.values()
    for code in spec["destatis"]  # type: ignore[attr-defined]
)


@dataclass
class Estimate:
    alliance_id: object
    stichtag: date | None
    area_share: Decimal  # 1 for a Kreis; population share for a Gemeinde
    age_share: AgeShare | None
    seekers: dict[str, int] = field(default_factory=dict)  # "total" + group keys, area-scaled

    def target(self, group: str = "total") -> int | None:
        """Estimated 18–27-year-olds; None without an age share or figures."""
        if self.age_share is None or group not in self.seekers:
            return None
        value = Decimal(self.seekers[group]) * self.age_share.percent / 100
        return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def current_age_share(on: date) -> AgeShare | None:
    return (
        AgeShare.objects.filter(valid_from__lte=on).order_by("-valid_from", "-created_at").first()
    )


def latest_stichtag(on: date | None = None) -> date | None:
    qs = SeekerImport.objects.all()
    if on is not None:
        qs = qs.filter(stichtag__lte=on)
    latest = qs.order_by("-stichtag").values_list("stichtag", flat=True).first()
    if latest is None and on is not None:  # no figures as old as the period: use the oldest
        latest = (
            SeekerImport.objects.order_by("stichtag").values_list("stichtag", flat=True).first()
        )
    return latest


def estimates(alliances: Sequence[Alliance], on: date) -> dict[object, Estimate]:
    """Per alliance id: the area's seekers (total and per group) and the age share.
    A fixed number of queries whatever the number of alliances."""
    stichtag = latest_stichtag(on)
    age_share = current_age_share(on)
    gemeinde_ids = [a.gemeinde_id for a in alliances if a.gemeinde_id]
    gemeinden = {
        g.ags: g for g in Gemeinde.objects.filter(ags__in=gemeinde_ids).select_related("kreis")
    }
    kreis_of: dict[object, str] = {}
    share: dict[object, Decimal] = {}
    for a in alliances:
        if a.gemeinde_id and a.gemeinde_id in gemeinden:
            kreis_of[a.pk] = gemeinden[a.gemeinde_id].kreis_id
        elif a.kreis_id:
            kreis_of[a.pk] = a.kreis_id
    kreis_population = _kreis_population({gemeinden[g].kreis_id for g in gemeinden})
    for a in alliances:
        share[a.pk] = Decimal(1)
        if a.gemeinde_id and a.gemeinde_id in gemeinden:
            whole = kreis_population.get(gemeinden[a.gemeinde_id].kreis_id, 0)
            part = gemeinden[a.gemeinde_id].population
            share[a.pk] = (Decimal(part) / Decimal(whole)) if whole else Decimal(0)
    by_kreis = _seekers_by_kreis(set(kreis_of.values()), stichtag)
    result: dict[object, Estimate] = {}
    for a in alliances:
        figures = by_kreis.get(kreis_of.get(a.pk, ""), {})
        scaled = {
            key: int((Decimal(value) * share[a.pk]).quantize(Decimal("1"), ROUND_HALF_UP))
            for key, value in figures.items()
        }
        result[a.pk] = Estimate(
            alliance_id=a.pk,
            stichtag=stichtag,
            area_share=share[a.pk],
            age_share=age_share,
            seekers=scaled,
        )
    return result


def _kreis_population(keys: Iterable[str]) -> dict[str, int]:
    rows = (
        Gemeinde.objects.filter(kreis_id__in=list(keys))
        .values("kreis_id")
        .annotate(total=Sum("population"))
    )
    return {r["kreis_id"]: r["total"] or 0 for r in rows}


def _seekers_by_kreis(keys: set[str], stichtag: date | None) -> dict[str, dict[str, int]]:
    if stichtag is None or not keys:
        return {}
    rows = (
        SeekerCount.objects.filter(
            stichtag=stichtag, kreis_key__in=sorted(keys), status_code__in=ALL_CODES
        )
        .values("kreis_key", "status_code")
        .annotate(n=Sum("count"))
    )
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        figures = out.setdefault(r["kreis_key"], dict.fromkeys(("total", *GROUP_KEYS), 0))
        if r["status_code"] in TOP_LEVEL:
            figures["total"] += r["n"]
        for key, spec in GROUPS.items():
            if r["status_code"] in spec["destatis"]:  # type: ignore[operator]
                figures[key] += r["n"]
    return out


def land_totals(land: str, stichtag: date) -> dict[str, int]:
    """All protection seekers and each group of a Land on a Stichtag (acceptance figures)."""
    rows = (
        SeekerCount.objects.filter(stichtag=stichtag, kreis_key__startswith=land)
        .values("status_code")
        .annotate(n=Sum("count"))
    )
    by_code = {r["status_code"]: r["n"] for r in rows}
    totals = {"total": sum(by_code.get(c, 0) for c in TOP_LEVEL)}
    for key, spec in GROUPS.items():
        totals[key] = sum(by_code.get(c, 0) for c in spec["destatis"])  # type: ignore[attr-defined]
    return totals
