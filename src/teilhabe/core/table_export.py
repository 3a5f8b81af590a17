"""Every table on a page downloads as CSV or Excel: `?tabelle=<caption id>&als=csv|xlsx`.

The page is rendered exactly as for the user (same view, same access checks, same filters
from the query string); this middleware then takes the table whose <caption> (or <table>)
carries that id out of the HTML and returns its cells through `core.tabular` (formula-safe).
So an export can never show more than the page does, and no view needs its own export code.
Pages with a purpose-built export (`core.exports`, `?format=…`) keep it; this covers all
the other tables, and audits through the same `core.exports`.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from teilhabe.core import tabular
from teilhabe.core.exports import export_response

TABLE_PARAM = "tabelle"
FORMAT_PARAM = "als"


class _TableParser(HTMLParser):
    """Collects the caption, header row and body rows of the table with `target` id."""

    def __init__(self, target: str) -> None:
        super().__init__(convert_charrefs=True)
        self.target = target
        self.depth = 0  # nesting of <table> elements while inside the candidate
        self.candidate: dict[str, list] = {}
        self.found: dict[str, list] | None = None
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.in_caption = False
        self.in_head = False
        self.hidden = 0  # inside aria-hidden / sr-only decorations of a cell

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            if self.depth == 0:
                self.candidate = {"caption": [], "ids": [], "head": [], "rows": []}
            self.depth += 1
            if attributes.get("id"):
                self.candidate["ids"].append(attributes["id"])
            return
        if self.depth != 1:
            return
        if tag == "caption":
            self.in_caption = True
            if attributes.get("id"):
                self.candidate["ids"].append(attributes["id"])
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif self.cell is not None and attributes.get("aria-hidden") == "true":
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.depth:
            self.depth -= 1
            if self.depth == 0 and self.target in self.candidate["ids"] and self.found is None:
                self.found = self.candidate
            return
        if self.depth != 1:
            return
        if tag == "caption":
            self.in_caption = False
        elif tag == "thead":
            self.in_head = False
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            (self.candidate["head"] if self.in_head else self.candidate["rows"]).append(self.row)
            self.row = None
        elif self.hidden and self.cell is not None:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.depth != 1:
            return
        if self.in_caption:
            self.candidate["caption"].append(data)
        elif self.cell is not None and not self.hidden:
            self.cell.append(data)


def extract(html: str, target: str) -> tabular.Table | None:
    parser = _TableParser(target)
    parser.feed(html)
    found = parser.found
    if found is None:
        return None
    title = " ".join("".join(found["caption"]).split()) or target
    head = found["head"][0] if found["head"] else []
    return tabular.Table(title, head, found["rows"])


class TableExportMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        target = request.GET.get(TABLE_PARAM)
        fmt = request.GET.get(FORMAT_PARAM)
        if (
            not target
            or fmt not in tabular.FORMATS
            or request.method != "GET"
            or response.status_code != 200
            or not response.get("Content-Type", "").startswith("text/html")
            or not isinstance(response, HttpResponse)
            or request.path.startswith("/api/")
        ):
            return response
        table = extract(response.content.decode(response.charset or "utf-8"), target)
        if table is None:
            return response  # no such table on this page: show the page
        return export_response(
            request,
            fmt=fmt,
            filename=target,
            tables=[table],
            list_name="table",
            detail=f"{request.path_info[:120]}#{target[:60]}",
        )
