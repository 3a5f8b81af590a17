"""`{% table_export "caption-id" %}`: CSV and Excel links for one table of the page
(handled by core.table_export.TableExportMiddleware; the page's filters are kept)."""

from __future__ import annotations

from typing import Any

from django import template

from teilhabe.core.table_export import FORMAT_PARAM, TABLE_PARAM

register = template.Library()


@register.inclusion_tag("transfer/_export_links.html", takes_context=True)
def table_export(context: dict[str, Any], table_id: str) -> dict[str, Any]:
    request = context["request"]
    links = {}
    for fmt in ("xlsx", "csv"):
        query = request.GET.copy()
        query[TABLE_PARAM] = table_id
        query[FORMAT_PARAM] = fmt
        links[fmt] = f"?{query.urlencode()}"
    return {"links": links}
