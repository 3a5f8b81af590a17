"""`{% career_findings access %}`: the findings box on pages that show a person."""

from __future__ import annotations

from typing import Any

from django import template

from teilhabe.people.access import PersonAccess
from teilhabe.trajectories.forms import with_review_forms
from teilhabe.trajectories.selectors import findings_with_state

register = template.Library()


@register.inclusion_tag("trajectories/_findings.html", takes_context=True)
def career_findings(
    context: dict[str, Any], access: PersonAccess, back: str = ""
) -> dict[str, Any]:
    return {
        "request": context.get("request"),
        "person": access.person,
        "career_findings": with_review_forms(findings_with_state(access)),
        "can_review": access.is_owner,
        "back": back,
    }
