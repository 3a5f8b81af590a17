"""Read-only pages on the reference geography of NRW (official statistics, no personal data).

Every page shows the Destatis source line: the licence of the figures requires it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from teilhabe.municipalities.models import Edition, Kreis, Land, Regierungsbezirk
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


@login_required
@require_GET
def kreis_list(request: HttpRequest) -> HttpResponse:
    """The Regierungsbezirke of NRW with their Kreise and kreisfreie Städte."""
    land = Land.objects.filter(key=NRW).first()
    bezirke = Regierungsbezirk.objects.filter(land_id=NRW).order_by("key")
    summaries = [
        BezirkSummary(bezirk=b, kreise=list(b.kreise.all()))
        for b in bezirke.prefetch_related(Prefetch("kreise", queryset=kreise_with_totals()))
    ]
    kreise = [k for s in summaries for k in s.kreise]
    totals = {
        "kreise": len(kreise),
        "kreisfreie": sum(s.kreisfreie for s in summaries),
        "gemeinden": sum(s.gemeinden for s in summaries),
        "population": sum(s.population for s in summaries),
    }
    totals["landkreise"] = totals["kreise"] - totals["kreisfreie"]
    return TemplateResponse(
        request,
        "municipalities/kreis_list.html",
        {
            "land": land,
            "summaries": summaries,
            "totals": totals,
            "source_line": Edition.current_source_line(),
        },
    )


@login_required
@require_GET
def kreis_detail(request: HttpRequest, kreis_key: str) -> HttpResponse:
    """The Gemeinden of one Kreis (or the one Gemeinde of a kreisfreie Stadt)."""
    kreis = get_object_or_404(Kreis.objects.select_related("regierungsbezirk"), key=kreis_key)
    gemeinden = list(kreis.gemeinden.order_by("ags").only("ags", "name", "population"))
    return TemplateResponse(
        request,
        "municipalities/kreis_detail.html",
        {
            "kreis": kreis,
            "gemeinden": gemeinden,
            "population": sum(g.population for g in gemeinden),
            "source_line": Edition.current_source_line(),
        },
    )
