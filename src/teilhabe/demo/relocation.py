"""Demo step of moves between alliances: one handover awaiting its answer, from the first
alliance's Teilhabemanagement to the second's (by slug), in every profile."""

from __future__ import annotations

import random

from django_scopes import scopes_disabled

from teilhabe.casework.models import Case, Consent, ConsentRecipient
from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import TODAY, uuid_from
from teilhabe.relocation.models import Relocation

CATEGORIES = ["master_data", "residence_status", "education", "participations"]


def _office(alliance: Alliance) -> Organisation | None:
    return (
        Organisation.objects.filter(alliance=alliance, kind=Organisation.Kind.TEILHABEMANAGEMENT)
        .order_by("name")
        .first()
    )


def extend_state(*, alliances: list[Alliance], rng: random.Random, profile: str) -> None:
    ordered = sorted(alliances, key=lambda a: a.slug)
    if len(ordered) < 2:
        return
    sender, receiver = _office(ordered[0]), _office(ordered[1])
    if sender is None or receiver is None:
        return
    consent_id, relocation_id = uuid_from(rng), uuid_from(rng)
    with scopes_disabled():
        case = (
            Case.objects.filter(organisation=sender, status=Case.Status.OPEN)
            .select_related("person")
            .order_by("person__family_name", "person__given_name", "pk")
            .first()
        )
        if case is None or Relocation.objects.filter(pk=relocation_id).exists():
            return
        Consent.objects.bulk_create(
            [
                Consent(
                    pk=consent_id,
                    alliance_id=sender.alliance_id,
                    person=case.person,
                    organisation=sender,
                    purpose=Consent.Purpose.RELOCATION,
                    categories=CATEGORIES,
                    valid_from=TODAY,
                )
            ],
            ignore_conflicts=True,
        )
        ConsentRecipient.objects.bulk_create(
            [
                ConsentRecipient(
                    alliance_id=sender.alliance_id, consent_id=consent_id, organisation=receiver
                )
            ],
            ignore_conflicts=True,
        )
        Relocation.objects.bulk_create(
            [
                Relocation(
                    pk=relocation_id,
                    alliance_id=sender.alliance_id,
                    organisation=sender,
                    person=case.person,
                    consent_id=consent_id,
                    to_alliance_id=receiver.alliance_id,
                    to_organisation=receiver,
                    sent_on=TODAY,
                )
            ],
            ignore_conflicts=True,
        )
