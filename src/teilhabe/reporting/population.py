"""The 18–27 target group per alliance, estimated from Destatis 12531-0043.

estimate = protection seekers of a status group in the alliance's area × that group's age
share (set by the state coordinator per group, or for all groups). The target group is the
three status groups below (the initiative's Gestattung, Duldung and Aufenthaltserlaubnis);
its total is their sum, and the reach compares it with persons aged 18–27 in these groups.

The shipped default share (`DEFAULT_PERCENT`, used while the state coordinator has set
none) reproduces the initiative's published figure: "etwa 70.000 junge volljährige
Flüchtlinge im Alter von 18 bis 27 Jahren" in NRW (MKFFI, launch of "Gemeinsam klappt's",
11.09.2018). The three groups hold 703,120 protection seekers in NRW on 31.12.2024
(Gestattung 77,550 + Duldung 30,180 + Aufenthaltserlaubnis 595,390; Destatis 12531-0043),
so 70,000 / 703,120 = 9.96 % ≈ 10 % gives 70,312. It is a calibration to that figure,
not a measured age structure: the state coordinator replaces it when a measured share
(e.g. from the asylum statistics) is at hand.
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


DEFAULT_PERCENT = Decimal("10.00")
DEFAULT_VALID_FROM = date(2018, 9, 11)
DEFAULT_BASIS = _(
    "Default: calibrated to the initiative's published figure of about 70,000 young adult "
    "refugees aged 18–27 in NRW (MKFFI, 11.09.2018): 70,000 of the 703,120 protection "
    "seekers of the three status groups in NRW (Destatis 12531-0043, 31.12.2024)"
)


def default_age_share() -> AgeShare:
    """The shipped share (not stored): see the module's docstring."""
    return AgeShare(
        percent=DEFAULT_PERCENT, valid_from=DEFAULT_VALID_FROM, basis=str(DEFAULT_BASIS)
    )


@dataclass
class Estimate:
    alliance_id: object
    stichtag: date | None
    area_share: Decimal  # 1 for a Kreis; population share for a Gemeinde
    age_shares: dict[str, AgeShare]  # per group key
    seekers: dict[str, int] = field(default_factory=dict)  # "total" + group keys, area-scaled

    def target(self, group: str = "total") -> int | None:
        """Estimated 18–27-year-olds of a group, or of the three groups ("total"); None
        without figures."""
        if group == "total":
            parts = [self.target(key) for key in GROUP_KEYS]
            return None if None in parts else sum(p or 0 for p in parts)
        share = self.age_shares.get(group)
        if share is None or group not in self.seekers:
            return None
        value = Decimal(self.seekers[group]) * share.percent / 100
        return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def current_age_shares(on: date) -> dict[str, AgeShare]:
    """Per group key the share that applies on a day: the group's own latest, else the
    latest for every group, else the shipped default (one query)."""
    found: dict[str, AgeShare] = {}
    for share in AgeShare.objects.filter(valid_from__lte=on).order_by("-valid_from", "-created_at"):
        found.setdefault(share.group, share)
    general = found.get("") or default_age_share()
    return {key: found.get(key, general) for key in GROUP_KEYS}


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
    age_shares = current_age_shares(on)
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
            age_shares=age_shares,
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


def estimate_note(est: Estimate | None) -> str:
    """How an estimate was made: the figures' date and each group's share with its basis."""
    if est is None:
        return str(_("No age share has been set: the target group cannot be estimated yet."))
    by_share: dict[int, tuple[AgeShare, list[str]]] = {}
    for key in GROUP_KEYS:
        share = est.age_shares[key]
        by_share.setdefault(id(share), (share, []))[1].append(str(GROUPS[key]["label"]))
    shares = "; ".join(
        _("%(groups)s: %(share)s %% (%(basis)s, valid from %(from)s)")
        % {
            "groups": ", ".join(groups),
            "share": str(share.percent).replace(".", ","),
            "basis": share.basis,
            "from": share.valid_from.strftime("%d.%m.%Y"),
        }
        for share, groups in by_share.values()
    )
    text = str(
        _(
            "Estimated target group = protection seekers of each status group (Destatis, "
            "%(date)s) × the group's age share. %(shares)s. Persons in casework: aged 18–27 "
            "at the end of the period, in these status groups."
        )
    ) % {"date": est.stichtag.strftime("%d.%m.%Y") if est.stichtag else "–", "shares": shares}
    if est.area_share != 1:
        part = str((est.area_share * 100).quantize(Decimal("0.1"))).replace(".", ",")
        text += " " + str(
            _(
                "The municipality's figures are its district's × its population share of "
                "%(share)s %%."
            )
        ) % {"share": part}
    return text
