"""Reading the person page as a user does: every area of it, one request each."""

from __future__ import annotations

import re
from typing import Any

AREA_LINK = re.compile(r'href="\?bereich=([a-z]+)"')


def whole_person_page(client: Any, url: str) -> str:
    """The overview and every other area the user may open, joined (for checks of what a
    user can see on the person page at all). Asserts that every area answers 200."""
    first = client.get(url)
    assert first.status_code == 200, first.status_code
    body = first.content.decode()
    pages = [body]
    for area in AREA_LINK.findall(body)[1:]:
        response = client.get(f"{url}?bereich={area}")
        assert response.status_code == 200, (area, response.status_code)
        pages.append(response.content.decode())
    return "\n".join(pages)
