"""Reads of the reference geography that are more than one line."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from teilhabe.municipalities.models import Gemeinde, Kreis, Land, Regierungsbezirk
from teilhabe.municipalities.services import NRW


@dataclass(frozen=True, slots=True)
class BezirkSummary:
    bezirk: Regierungsbezirk
    kreise: list[Kreis]  # annotated with gemeinden_count and population

    @property
    def kreisfreie(self) -> int:
        return sum(1 for k in self.kreise if k.kind == Kreis.Kind.KREISFREIE_STADT)

    @property
    def gemeinden(self) -> int:
        return sum(k.gemeinden_count for k in self.kreise)  # type: ignore[attr-defined]

    @property
    def population(self) -> int:
        return sum(k.population for k in self.kreise)  # type: ignore[attr-defined]


def kreise_with_totals() -> QuerySet[Kreis]:
    # Aggregated in the database: one query for all Kreise, whatever their number.
    return Kreis.objects.annotate(
        gemeinden_count=Count("gemeinden"),
        population=Coalesce(Sum("gemeinden__population"), Value(0)),
    ).order_by("key")


def nrw_overview() -> tuple[Land | None, list[BezirkSummary]]:
    """NRW and its Regierungsbezirke with their Kreise, in a fixed number of queries."""
    land = Land.objects.filter(key=NRW).first()
    bezirke = Regierungsbezirk.objects.filter(land_id=NRW).order_by("key")
    summaries = [
        BezirkSummary(bezirk=b, kreise=list(b.kreise.all()))
        for b in bezirke.prefetch_related(Prefetch("kreise", queryset=kreise_with_totals()))
    ]
    return land, summaries


def gemeinde_by_ags(ags: str) -> Gemeinde | None:
    """A municipality of the reference geography by its AGS (reference data, no tenant)."""
    return Gemeinde.objects.filter(pk=ags).first()
