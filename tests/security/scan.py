"""Read a response as text, whatever it is: HTML, JSON, CSV, XLSX (zip of XML) or PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from typing import Any

EXPORT_LINK = re.compile(r'href="([^"]*[?&](?:amp;)?format=(?:csv|xlsx)[^"]*)"')


def body_text(response: Any) -> str:
    raw = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    kind = response.get("Content-Type", "")
    if raw[:2] == b"PK":  # xlsx and other zip containers
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                return " ".join(
                    z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
                )
        except zipfile.BadZipFile:
            pass
    if "pdf" in kind or raw[:4] == b"%PDF":
        tool = shutil.which("pdftotext")
        if tool:
            out = subprocess.run([tool, "-q", "-", "-"], input=raw, capture_output=True, timeout=30)
            return out.stdout.decode("utf-8", "replace")
        return raw.decode("latin-1")
    return raw.decode("utf-8", "replace")


def export_links(html: str) -> list[str]:
    return sorted({m.replace("&amp;", "&") for m in EXPORT_LINK.findall(html)})
