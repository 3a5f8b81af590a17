"""The privacy section of the person page (Art. 15 answer, Bildungspass, restriction).

Registered in `teilhabe.pages.person_page.SECTIONS` for the owning organisation only.
No query: the links carry everything.
"""

from __future__ import annotations

from typing import Any

from teilhabe.people.access import PersonAccess


def privacy_section(access: PersonAccess) -> dict[str, Any]:
    return {"privacy_person": access.person}
