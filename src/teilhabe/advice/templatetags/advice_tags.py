"""`{% advice_figures alliance %}`: the advice figures on the alliance dashboard, or with no
alliance on the statewide view; the reporting pages include it with one line."""

from __future__ import annotations

from typing import Any

from django import template

from teilhabe.advice.figures import advice_figures as figures
from teilhabe.core.models import Alliance

register = template.Library()


@register.inclusion_tag("advice/_figures.html")
def advice_figures(alliance: Alliance | None = None) -> dict[str, Any]:
    return {"figures": figures(alliance), "state": alliance is None}
