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

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


@dataclass(frozen=True)
class Area:
    """A part of the person page with its own URL (?bereich=…) and the sections in it."""

    key: str
    label: Any
    sections: tuple[str, ...]


AREAS = [
    Area("ueberblick", _("Overview"), ("master", "interpreter", "status", "cases", "reminders")),
    Area(
        "bildung",
        _("Education and history"),
        ("profile", "legal_domains", "recognition", "participations"),
    ),
    Area("plan", _("Needs and plan"), ("needs", "plan")),
    Area("kontakte", _("Contacts"), ("contacts", "mentoring")),
    Area(
        "freigaben",
        _("Consents and referrals"),
        ("consents", "referrals", "relocation", "matching"),
    ),
    Area("datenschutz", _("Documents and data protection"), ("documents", "privacy")),
]


def person_url(alliance_slug: str, person_id: Any, section: str = "") -> str:
    """The person page, opened at the area that holds `section` and scrolled to it (every
    page that sends the user back to a part of the person page asks here)."""
    url = reverse("people:detail", args=[alliance_slug, person_id])
    area = next((a for a in AREAS if section in a.sections), None)
    if area is None:
        return url
    return f"{url}?bereich={area.key}#abschnitt-{section}"


def master_section(access: PersonAccess) -> dict[str, Any]:
    return {"person": access.person}
