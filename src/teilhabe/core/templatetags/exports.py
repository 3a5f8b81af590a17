"""Download links of lists and tables (`core.exports`, `core.table_export`).

- `{% export_links %}`: CSV and Excel links of a list page with a purpose-built export (the
  current query string plus format=csv|xlsx);
- `{% export_form form "sort" %}`: the same as a POST form, for lists whose filters must stay
  out of URLs (the person list's name search);
- `{% table_export "caption-id" %}`: CSV and Excel links for one table of the page (taken
  out of the rendered page by `TableExportMiddleware`; the page's filters are kept).
"""

from __future__ import annotations

from typing import Any

from django import template

from teilhabe.core.exports import FORMAT_PARAM
from teilhabe.core.table_export import FORMAT_PARAM as TABLE_FORMAT_PARAM
from teilhabe.core.table_export import TABLE_PARAM

register = template.Library()
FORMATS = ("xlsx", "csv")


def _links(request: Any, *, whole_list: bool, **params: str) -> dict[str, Any]:
    """A list export has every page (no `seite`); a table export is the table shown."""
    links = {}
    for fmt in FORMATS:
        query = request.GET.copy()
        if whole_list:
            query.pop("seite", None)
        for name, value in params.items():
            query[name] = value.format(fmt=fmt)
        links[fmt] = f"?{query.urlencode()}"
    return {"links": links}


@register.inclusion_tag("core/_export_links.html", takes_context=True)
def export_links(context: dict[str, Any]) -> dict[str, Any]:
    return _links(context["request"], whole_list=True, **{FORMAT_PARAM: "{fmt}"})


@register.inclusion_tag("core/_export_links.html", takes_context=True)
def table_export(context: dict[str, Any], table_id: str) -> dict[str, Any]:
    params = {TABLE_PARAM: table_id, TABLE_FORMAT_PARAM: "{fmt}"}
    return _links(context["request"], whole_list=False, **params)


@register.inclusion_tag("core/_export_form.html", takes_context=True)
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
