"""Reads of moves between alliances. The receiver's inbox reads through
`Relocation.incoming` (scoped by the receiving alliance); what it shows of the person is
what the relocation consent covers, counted per category, nothing else."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django_scopes import scope

from teilhabe.core.roles import Principal
from teilhabe.people.access import person_label
from teilhabe.people.models import Certificate, Experience, PersonLanguage, ResidenceStatusEntry
from teilhabe.relocation.models import Relocation
from teilhabe.trajectories.models import Participation


def _receiving_orgs(principal: Principal) -> list[Any]:
    return [m.organisation_id for m in principal.case_manager_memberships()]


def incoming_for(principal: Principal) -> QuerySet[Relocation]:
    """Handovers to the principal's Teilhabemanagement offices, newest first."""
    return (
        Relocation.incoming.filter(to_organisation_id__in=_receiving_orgs(principal))
        .select_related("person", "consent", "organisation", "alliance")
        .order_by("-sent_on", "-created_at")
    )


def incoming_get(principal: Principal, relocation_id: uuid.UUID | str) -> Relocation:
    try:
        return incoming_for(principal).get(pk=relocation_id)
    except (Relocation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def label(relocation: Relocation) -> str:
    """How the inbox names the person: by name only with the master data in the consent."""
    return person_label(relocation.person, relocation.consent.categories)


@dataclass(frozen=True)
class Preview:
    """What the receiver learns before answering: per consented category, the count."""

    categories: list[str]
    counts: dict[str, int]


def preview(relocation: Relocation) -> Preview:
    categories = list(relocation.consent.categories)
    person_id = relocation.person_id
    counts: dict[str, int] = {}
    with scope(alliance=relocation.alliance_id):
        if "residence_status" in categories:
            counts["status"] = ResidenceStatusEntry.objects.filter(person_id=person_id).count()
        if "education" in categories:
            counts["languages"] = PersonLanguage.objects.filter(person_id=person_id).count()
            counts["certificates"] = Certificate.objects.filter(person_id=person_id).count()
            counts["experiences"] = Experience.objects.filter(person_id=person_id).count()
        if "participations" in categories:
            counts["participations"] = Participation.objects.filter(person_id=person_id).count()
    return Preview(categories, counts)


def origin_of(person_id: uuid.UUID) -> Relocation | None:
    """The handover a receiver's person came from (its link to the origin)."""
    return (
        Relocation.incoming.filter(created_person_id=person_id)
        .select_related("organisation", "alliance")
        .first()
    )
