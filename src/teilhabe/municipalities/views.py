"""Read-only pages on the reference geography of NRW (official statistics, no personal data).

Every page shows the Destatis source line: the licence of the figures requires it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from teilhabe.municipalities.models import Edition, Kreis
from teilhabe.municipalities.selectors import nrw_overview


@login_required
@require_GET
def kreis_list(request: HttpRequest) -> HttpResponse:
    """The Regierungsbezirke of NRW with their Kreise and kreisfreie Städte."""
    land, summaries = nrw_overview()
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
