"""A pair of likely duplicates with rows of every kind related to a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Model

from teilhabe.casework.models import Case, Consent
from teilhabe.people.merge.relations import person_relations
from teilhabe.people.models import (
    Certificate,
    Experience,
    InterpreterNeed,
    LegalDomainPeriod,
    Person,
    PersonLanguage,
    Profile,
    ResidenceStatusEntry,
    WorkPermission,
)
from teilhabe.privacy.models import Restriction
from teilhabe.trajectories.models import Finding, FindingReview, Participation
from tests.people.intake.factories import KeyedPersonFactory

LANGUAGES = ("ar", "fa", "ps", "ku", "ti", "so", "de", "en", "fr", "tr", "ru", "uk")


def _common(person: Person) -> dict[str, Any]:
    return {"alliance_id": person.alliance_id, "person": person}


# One way to make a row of each relation to Person, keyed like `person_relations`: a new
# relation without a builder fails `test_every_relation_to_a_person_has_a_row_in_the_test`.
BUILDERS: dict[str, Callable[[Person, int], Model]] = {
    "casework.case.person": lambda p, i: Case.objects.create(
        **_common(p), organisation=p.owner, opened_on=dt.date(2026, 1, 1 + i)
    ),
    "casework.consent.person": lambda p, i: Consent.objects.create(
        **_common(p),
        organisation=p.owner,
        purpose=Consent.Purpose.JOINT_PLANNING,
        categories=["master_data"],
        valid_from=dt.date(2026, 1, 1 + i),
    ),
    "people.certificate.person": lambda p, i: Certificate.objects.create(
        **_common(p), title=f"Zeugnis {i}", country="SY", level=Certificate.Level.LOWER_SECONDARY
    ),
    "people.experience.person": lambda p, i: Experience.objects.create(
        **_common(p), kind=Experience.Kind.WORK, title=f"Arbeit {i}", country="SY"
    ),
    "people.interpreterneed.person": lambda p, i: InterpreterNeed.objects.create(
        **_common(p), language=LANGUAGES[i]
    ),
    # Ended periods: the derived Profile.legal_domains stays empty, as the builder's profile.
    "people.legaldomainperiod.person": lambda p, i: LegalDomainPeriod.objects.create(
        **_common(p),
        domain="asylblg",
        started_on=dt.date(2024, 1, 1 + i),
        ended_on=dt.date(2024, 6, 1 + i),
    ),
    "people.personlanguage.person": lambda p, i: PersonLanguage.objects.create(
        **_common(p), language=LANGUAGES[i], level="B1"
    ),
    "people.profile.person": lambda p, i: Profile.objects.create(
        **_common(p), interests=f"Interessen {i}"
    ),
    "people.residencestatusentry.person": lambda p, i: ResidenceStatusEntry.objects.create(
        **_common(p), status="toleration", valid_from=dt.date(2025, 1, 1 + i)
    ),
    "privacy.restriction.person": lambda p, i: Restriction.objects.create(
        **_common(p), organisation=p.owner, ground="accuracy", requested_on=dt.date(2026, 2, 1)
    ),
    "trajectories.finding.person": lambda p, i: Finding.objects.create(
        **_common(p), rule="W1", explanation="Lücke", detected_on=dt.date(2026, 3, 1 + i)
    ),
    "trajectories.findingreview.person": lambda p, i: FindingReview.objects.create(
        **_common(p), organisation=p.owner, rule="W1", fingerprint=f"{p.pk}-{i}"
    ),
    "trajectories.participation.person": lambda p, i: Participation.objects.create(
        **_common(p),
        recorded_by_organisation=p.owner,
        category="language_course",
        external_title=f"Kurs {i}",
        external_provider="VHS",
        start=dt.date(2025, 3, 1 + i),
    ),
}


def _mentoring_pair(p: Person, i: int) -> Model:
    from teilhabe.mentoring.models import VolunteerProfile
    from tests.mentoring.helpers import pair, profile, volunteer_of

    membership = volunteer_of(p.alliance, "volunteer_a")
    volunteer = VolunteerProfile.objects.filter(
        user=membership.user, alliance=p.alliance
    ).first() or profile(membership)
    return pair(p, volunteer, None, goal=f"Ziel {i}")


def _waiting(p: Person, i: int) -> Model:
    from teilhabe.offers.models import WaitingListEntry
    from tests.offers.factories import OfferFactory

    offer = OfferFactory(provider=p.owner, free_places=0)  # one queue per row: no clash
    return WaitingListEntry.objects.create(
        **_common(p),
        offer=offer,
        added_by_organisation=p.owner,
        since=dt.date(2026, 1, 1 + i),
        position=1,
    )


def _relocation(p: Person, i: int) -> Model:
    from teilhabe.core.models import Organisation
    from teilhabe.relocation.models import Relocation

    elsewhere = Organisation.objects.exclude(alliance=p.alliance).filter(kind=p.owner.kind).first()
    assert elsewhere is not None, "the test world has a second alliance"
    consent = Consent.objects.create(
        **_common(p),
        organisation=p.owner,
        purpose=Consent.Purpose.RELOCATION,
        categories=["master_data"],
        valid_from=dt.date(2026, 1, 1 + i),
    )
    return Relocation.objects.create(
        **_common(p),
        organisation=p.owner,
        consent=consent,
        to_alliance=elsewhere.alliance,
        to_organisation=elsewhere,
        sent_on=dt.date(2026, 1, 1 + i),
        status=Relocation.Status.DECLINED,
    )


def _document(p: Person, i: int) -> Model:
    from django.utils import timezone

    from teilhabe.documents.models import PersonDocument

    return PersonDocument.objects.create(
        **_common(p),
        organisation=p.owner,
        kind=PersonDocument.Kind.CERTIFICATE,
        title=f"Zeugnis {i}",
        content_type="application/pdf",
        uploaded_at=timezone.now(),
    )


BUILDERS.update(
    {
        "documents.persondocument.person": _document,
        "mentoring.mentoringpair.person": _mentoring_pair,
        "offers.waitinglistentry.person": _waiting,
        "relocation.relocation.person": _relocation,
        "people.workpermission.person": lambda p, i: WorkPermission.objects.create(
            **_common(p),
            employer_name=f"Betrieb {i}",
            kind="internship",
            granted_on=dt.date(2026, 1, 1 + i),
        ),
    }
)


def with_items(person: Person, per_kind: int, offset: int = 0) -> Person:
    """`per_kind` rows of every relation (one profile: it is one-to-one); `offset` makes
    the rows of a second person differ (no language twice)."""
    for relation in person_relations():
        count = 1 if relation.unique_with == ((),) else per_kind
        for i in range(count):
            BUILDERS[relation.key](person, offset + i)
    return person


def pair(owner: Any, per_kind: int = 3) -> tuple[Person, Person]:
    """Two records of one person in one organisation, spelled differently."""
    first = KeyedPersonFactory(
        owner=owner,
        given_name="Mohammed",
        family_name="Al-Hassan",
        date_of_birth=dt.date(2002, 4, 1),
        phone="0170 1",
        email="",
    )
    second = KeyedPersonFactory(
        owner=owner,
        given_name="Muhammad",
        family_name="Al Hasan",
        date_of_birth=dt.date(2002, 4, 1),
        phone="",
        email="m@example.org",
    )
    return with_items(first, per_kind), with_items(second, per_kind, offset=per_kind)


def counts(person_ids: list[Any]) -> dict[str, int]:
    """Rows of every relation held by these persons."""
    return {r.key: r.rows(person_ids).count() for r in person_relations()}


def totals() -> dict[str, int]:
    """Rows of every related table, whoever holds them."""
    return {r.key: r.model._base_manager.count() for r in person_relations()}
