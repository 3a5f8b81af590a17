"""A tiny, safe Markdown renderer for knowledge-base articles.

Supported: headings (#, ##, ###), paragraphs, bullet lists (- or *), numbered lists (1.),
**bold**, *emphasis* / _emphasis_, `code` and [links](https://…) with http(s) only.
Safety by construction: every piece of text is HTML-escaped before any markup is added,
and the only markup ever produced is the fixed set of tags below. No raw HTML passes.
Headings start at <h2> because the article title is the page's <h1>.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+(.*)$")
# Applied to escaped text, so the link target cannot contain a raw quote or angle bracket.
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^\s()]+)\)")
_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])")


def _inline(text: str) -> str:
    out = str(escape(text))
    codes: list[str] = []

    def keep_code(m: re.Match[str]) -> str:
        codes.append(f"<code>{m.group(1)}</code>")
        return f"\x00{len(codes) - 1}\x00"

    out = _CODE.sub(keep_code, out)
    out = _LINK.sub(
        lambda m: (
            f'<a class="kern-link" href="{m.group(2)}" rel="noopener noreferrer">{m.group(1)}</a>'
        ),
        out,
    )
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _EM.sub(r"<em>\1</em>", out)
    return re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], out)


def render_markdown(source: str) -> SafeString:
    html: list[str] = []
    paragraph: list[str] = []
    list_tag: str | None = None
    items: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            html.append(f'<p class="kern-body">{_inline(" ".join(paragraph))}</p>')
            paragraph.clear()

    def flush_list() -> None:
        nonlocal list_tag
        if list_tag:
            css = "kern-list--bullet" if list_tag == "ul" else "kern-list--number"
            body = "".join(f"<li>{_inline(item)}</li>" for item in items)
            html.append(f'<{list_tag} class="kern-list {css}">{body}</{list_tag}>')
            items.clear()
            list_tag = None

    for raw in source.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_paragraph()
            flush_list()
            continue
        if m := _HEADING.match(line):
            flush_paragraph()
            flush_list()
            level = len(m.group(1)) + 1
            size = {2: "medium", 3: "small", 4: "x-small"}[level]
            html.append(f'<h{level} class="kern-heading-{size}">{_inline(m.group(2))}</h{level}>')
            continue
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if bullet or numbered:
            flush_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag != tag:
                flush_list()
                list_tag = tag
            items.append((bullet or numbered).group(1))  # type: ignore[union-attr]
            continue
        if list_tag and raw.startswith((" ", "\t")):
            items[-1] += " " + line  # a continuation line of the last list item
            continue
        flush_list()
        paragraph.append(line)
    flush_paragraph()
    flush_list()
    return mark_safe("\n".join(html))  # noqa: S308  (built only from escaped text)
