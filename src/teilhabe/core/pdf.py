"""The one place that turns HTML into PDF. WeasyPrint is imported on first use (it is
slow to load and most requests never need it), and it may fetch nothing: every asset of
a generated document is inline, so no text that ends up in it can make the server load a
URL or a local file."""

from __future__ import annotations

import logging

# WeasyPrint reports every layout step at INFO; the request log has no use for that.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def html_to_pdf(html: str) -> bytes:
    """Render a self-contained HTML document to PDF bytes."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=[])).write_pdf()
    assert pdf is not None
    return bytes(pdf)
