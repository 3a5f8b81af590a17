"""Demo data for the merge (#17): in every alliance, the Teilhabemanagement holds one
young person twice, the second record taken in with given and family name swapped and
another phone number, as happens when the name order on a document is unclear. The pair is
left unmerged: the demo shows the page "Mit einem anderen Eintrag zusammenführen". Runs
first, so the people step gives the twin languages and a profile like everyone else."""

from __future__ import annotations

import random
import uuid

from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import uuid_from
from teilhabe.people.intake.duplicates import search_key
from teilhabe.people.models import Person

K = Organisation.Kind


def extend_alliance(
    *,
    alliance: Alliance,
    organisations: dict[str, Organisation],
    rng: random.Random,
    profile: str,
) -> None:
    office = organisations.get(K.TEILHABEMANAGEMENT)
    if office is None:
        return
    # Sorted after every other person: the steps after this one walk the persons in id
    # order with their generators, and the twin must not shift what the others get.
    twin_id = uuid.UUID("ffffffff" + uuid_from(rng).hex[8:])
    if Person.objects.filter(pk=twin_id).exists():  # idempotent, like every step
        return
    original = (
        Person.objects.filter(
            owner=office,
            merged_into__isnull=True,
            restricted=False,
            anonymised_at__isnull=True,
        )
        .order_by("id")
        .first()
    )
    if original is None:
        return
    Person.objects.create(
        id=twin_id,
        alliance=alliance,
        owner=office,
        assigned_to=original.assigned_to,
        given_name=original.family_name,
        family_name=original.given_name,
        date_of_birth=original.date_of_birth,
        sex=original.sex,
        nationality=original.nationality,
        residence=original.residence,
        phone=f"0157 {rng.randint(1000000, 9999999)}",
        search_key=search_key(original.family_name, original.given_name),
    )
