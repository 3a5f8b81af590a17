"""`{% career_findings access %}`: the findings box on pages that show a person."""

from __future__ import annotations

from typing import Any

from django import template

from teilhabe.people.access import PersonAccess
from teilhabe.trajectories.selectors import findings_of

register = template.Library()


@register.inclusion_tag("trajectories/_findings.html")
def career_findings(access: PersonAccess) -> dict[str, Any]:
    return {"career_findings": findings_of(access)}
