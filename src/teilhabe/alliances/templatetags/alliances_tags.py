"""Sub-navigation of the alliance and state pages, and the SVG bar."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.core.roles import is_alliance_staff, is_state_coordinator, is_state_reader

register = template.Library()


def _mark_active(request: Any, items: list[tuple[str, str]]) -> list[dict[str, Any]]:
    matches = [url for _label, url in items if request.path.startswith(url)]
    active = max(matches, key=len, default=None)
    return [{"label": label, "url": url, "active": url == active} for label, url in items]


@register.inclusion_tag("alliances/_subnav.html", takes_context=True)
def alliance_subnav(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    principal = getattr(request, "principal", None)
    if principal is None or principal.alliance is None:
        return {"items": [], "label": ""}
    slug = principal.alliance.slug

    def url(name: str) -> str:
        return reverse(f"alliances:{name}", args=[slug])

    items: list[tuple[str, str]] = []
    if is_alliance_staff(principal):
        items += [
            (_("Partners and core group"), url("overview")),
            (_("Workshops"), url("workshop_list")),
            (_("Priorities"), url("priority_board")),
            (_("Fields of action"), url("fields")),
        ]
    items += [
        (_("Contact points"), url("contact_list")),
        (_("Knowledge base"), url("article_list")),
        (_("Trainings and events"), reverse("trainings:list", args=[slug])),
    ]
    if principal.is_coordinator:
        items.append((_("Funding"), url("funding")))
    return {"items": _mark_active(request, items), "label": _("Alliance")}


@register.inclusion_tag("alliances/_subnav.html", takes_context=True)
def state_subnav(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    items: list[tuple[str, str]] = []
    if is_state_reader(request.user):
        items.append((_("Initiative"), reverse("alliances_state:initiative")))
    if is_state_coordinator(request.user):
        items.append((_("Join declarations"), reverse("alliances_state:declaration_list")))
    if is_state_reader(request.user):
        items += [
            (_("Coverage"), reverse("alliances_state:coverage")),
            (_("Problem fields"), reverse("alliances_state:problem_fields")),
            (_("Funding"), reverse("alliances_state:funding")),
        ]
    return {"items": _mark_active(request, items), "label": _("Initiative")}


@register.inclusion_tag("alliances/_bar.html")
def bar(value: Decimal | int | float, maximum: Decimal | int | float = 100) -> dict[str, Any]:
    """A bar of value/maximum as an SVG 100 units wide (width is an attribute, not a style)."""
    width = 0.0
    if maximum:
        width = max(0.0, min(100.0, float(value) * 100.0 / float(maximum)))
    return {"width": f"{width:.1f}"}
