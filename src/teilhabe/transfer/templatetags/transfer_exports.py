"""`{% export_links %}`: the CSV and Excel download links of a list page (the current
query string plus format=csv|xlsx). `{% export_form %}` does the same as a POST form for
lists whose filters must stay out of URLs (the person list's name search)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("transfer/_export_links.html", takes_context=True)
def export_links(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    links = {}
    for fmt in ("xlsx", "csv"):
        query = request.GET.copy()
        query.pop("seite", None)
        query["format"] = fmt
        links[fmt] = f"?{query.urlencode()}"
    return {"links": links}


@register.inclusion_tag("transfer/_export_form.html", takes_context=True)
def export_form(context: dict[str, Any], form: Any, *extra: str) -> dict[str, Any]:
    """Hidden copies of the bound filter form's values (and of `extra` names such as the
    sort), posted to the list view with the chosen format."""
    request = context["request"]
    params = request.POST if request.method == "POST" else request.GET
    hidden = []
    for name in [*form.fields, *extra]:
        value = params.get(name)
        if value:
            hidden.append((name, value))
    return {"hidden": hidden, "action": request.path, "csrf_token": context.get("csrf_token")}
