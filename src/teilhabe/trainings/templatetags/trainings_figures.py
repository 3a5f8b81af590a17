"""`{% training_figures %}` on the alliance dashboard and the statewide view: the reporting
pages include it without importing this app (their filter form gives the period)."""

from __future__ import annotations

from typing import Any

from django import template

from teilhabe.trainings.figures import training_figures as figures

register = template.Library()


@register.inclusion_tag("trainings/_figures.html", takes_context=True)
def training_figures(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    filters = context["form"].filters()
    alliance = None if context.get("state") else request.alliance
    return {"rows": figures(alliance, filters.start, filters.end)}
