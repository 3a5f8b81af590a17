"""Matrix rows for the legal-domain history and interpreter need (people:domains:*)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_scopes import scopes_disabled

from teilhabe.people.models import InterpreterNeed, LegalDomainPeriod
from tests.conftest import World
from tests.matrix import CASE_MANAGER_A

# Writes on person A: only its owner's case manager (partner_a reads through a consent).
EXPECTED: dict[str, dict[str, int]] = {
    "people:domains:change": CASE_MANAGER_A,
    "people:domains:end": CASE_MANAGER_A,
    "people:domains:delete": CASE_MANAGER_A,
    "people:domains:interpreter_add": CASE_MANAGER_A,
    "people:domains:interpreter_edit": CASE_MANAGER_A,
    "people:domains:interpreter_delete": CASE_MANAGER_A,
}


def url_kwargs(world: World) -> dict[str, Any]:
    with scopes_disabled():
        person = world.a.person
        common = {"alliance": person.alliance, "person": person}
        return {
            "period_id": LegalDomainPeriod.objects.create(
                **common, domain="sgb2", started_on=dt.date(2025, 1, 1)
            ).pk,
            "need_id": InterpreterNeed.objects.create(**common, language="fa").pk,
        }
