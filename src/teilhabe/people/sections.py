"""The person page is made of sections; each shows one data category.

A section is shown when the principal's access covers its category (None: only the owning
organisation). Each provider returns the context of its template with a fixed number of
queries, so the page's query count does not grow with the person's history.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from teilhabe.people.access import PersonAccess


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    provider: str  # "module:function", function(access) -> dict
    category: str | None

    def visible(self, access: PersonAccess) -> bool:
        return access.is_owner if self.category is None else access.can(self.category)

    def load(self) -> Callable[[PersonAccess], dict[str, Any]]:
        module, func = self.provider.split(":")
        return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


SECTIONS: list[Section] = [
    Section(
        "master",
        "people/sections/master.html",
        "teilhabe.people.sections:master_section",
        "master_data",
    ),
    Section(
        "status",
        "people/sections/status.html",
        "teilhabe.people.intake.sections:status_section",
        "residence_status",
    ),
    Section(
        "profile",
        "people/sections/profile.html",
        "teilhabe.people.intake.sections:profile_section",
        "education",
    ),
    Section(
        "cases",
        "casework/sections/cases.html",
        "teilhabe.casework.work.sections:cases_section",
        "master_data",
    ),
    Section(
        "needs",
        "casework/sections/needs.html",
        "teilhabe.casework.work.sections:needs_section",
        "needs",
    ),
    Section(
        "plan",
        "casework/sections/plan.html",
        "teilhabe.casework.work.sections:plan_section",
        "plan",
    ),
    Section(
        "contacts",
        "casework/sections/contacts.html",
        "teilhabe.casework.work.sections:contacts_section",
        None,
    ),
    Section(
        "consents",
        "casework/sections/consents.html",
        "teilhabe.casework.sharing.sections:consents_section",
        None,
    ),
    Section(
        "referrals",
        "casework/sections/referrals.html",
        "teilhabe.casework.sharing.sections:referrals_section",
        "master_data",
    ),
    Section(
        "participations",
        "trajectories/sections/participations.html",
        "teilhabe.trajectories.sections:participations_section",
        "participations",
    ),
    Section(
        "matching",
        "offers/sections/matching.html",
        "teilhabe.offers.sections:matching_section",
        None,
    ),
    Section(
        "privacy",
        "privacy/sections/privacy.html",
        "teilhabe.privacy.sections:privacy_section",
        None,
    ),
]


@dataclass(frozen=True)
class RenderedSection:
    key: str
    template: str
    context: dict[str, Any]


def sections_for(access: PersonAccess) -> list[RenderedSection]:
    return [
        RenderedSection(s.key, s.template, s.load()(access)) for s in SECTIONS if s.visible(access)
    ]


def master_section(access: PersonAccess) -> dict[str, Any]:
    return {"person": access.person}
