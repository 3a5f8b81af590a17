"""The person page is made of sections; each shows one data category.

A section is shown when the principal's access covers its category (None: only the owning
organisation). Each provider returns the context of its template with a fixed number of
queries, so the page's query count does not grow with the person's history. The registry
of sections is `teilhabe.pages.person_page.SECTIONS`, above the apps that provide them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from teilhabe.people.access import PersonAccess


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    provider: Callable[[PersonAccess], dict[str, Any]]
    category: str | None

    def visible(self, access: PersonAccess) -> bool:
        return access.is_owner if self.category is None else access.can(self.category)


@dataclass(frozen=True)
class RenderedSection:
    key: str
    template: str
    context: dict[str, Any]


def master_section(access: PersonAccess) -> dict[str, Any]:
    return {"person": access.person}
