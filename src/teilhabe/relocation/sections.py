"""The person page's section on moves: the sender's handovers of the person, and for a
receiver's person the handover it came from. Owner only; two queries."""

from __future__ import annotations

from typing import Any

from teilhabe.people.access import PersonAccess
from teilhabe.relocation.models import Relocation
from teilhabe.relocation.selectors import origin_of


def relocation_section(access: PersonAccess) -> dict[str, Any]:
    person = access.person
    sent = list(
        Relocation.objects.filter(person=person)
        .select_related("to_organisation", "to_alliance")
        .order_by("-sent_on", "-created_at")
    )
    return {
        "person": person,
        "relocations": sent,
        "pending": any(r.status == Relocation.Status.REQUESTED for r in sent),
        "origin": origin_of(person.pk),
    }
