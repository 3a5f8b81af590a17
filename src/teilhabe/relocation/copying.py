"""The receiver's copy of a person: exactly the categories the relocation consent covers,
written through the same services as the intake and the person page (so every row is
checked and audited in the receiving alliance like one typed in there).

What each category copies:
- master data: name, birth date, sex, nationality, arrival, phone and e-mail; not the old
  address and place of residence (the person has moved);
- residence status: every entry of the history;
- education and languages: languages, the schooling profile, certificates, experiences;
- participations: every participation, as a measure typed in by hand (the offer belongs to
  the sending alliance's catalogue), with the provider's name.
Needs, plan, contacts, cases and counselling notes are never copied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from teilhabe.core.roles import Principal
from teilhabe.people.access import PersonAccess, get_person_access
from teilhabe.people.intake.profile_services import (
    CertificateData,
    ExperienceData,
    certificate_add,
    experience_add,
)
from teilhabe.people.intake.services import (
    EligibilityAnswers,
    IntakeConfirmations,
    LanguageEntry,
    MasterData,
    ProfileData,
    StatusData,
    person_intake,
)
from teilhabe.people.intake.status_services import status_entry_add
from teilhabe.people.models import Certificate, Experience, Person, Profile, ResidenceStatusEntry
from teilhabe.relocation.models import Relocation
from teilhabe.trajectories.models import Participation
from teilhabe.trajectories.services import category_choices, participation_record

# What a relocation may pass on; the master data always (the new record needs a name).
MASTER_DATA = "master_data"
TRANSFERABLE = ("master_data", "residence_status", "education", "participations")
# The copy confirms the intake's warnings: the person is known, and their age was checked.
CONFIRMED = IntakeConfirmations(age_outside_target_group=True, possible_duplicate=True)


def _values(row: object, data_class: type) -> dict[str, object]:
    return {f.name: getattr(row, f.name) for f in fields(data_class)}


def _profile(source: Person) -> ProfileData | None:
    profile = Profile.objects.filter(person=source).first()
    return None if profile is None else ProfileData(**_values(profile, ProfileData))  # type: ignore[arg-type]


def copy_person(relocation: Relocation, *, principal: Principal, today: dt.date) -> Person:
    """Create the receiver's person from the sender's (both alliances in scope)."""
    source, categories = relocation.person, set(relocation.consent.categories)
    education = "education" in categories
    user = principal.user
    assert isinstance(user, User)  # a case manager signed in or by token
    case = person_intake(
        alliance=relocation.to_alliance,
        organisation=relocation.to_organisation,
        actor=user,
        data=MasterData(
            given_name=source.given_name,
            family_name=source.family_name,
            date_of_birth=source.date_of_birth,
            sex=source.sex,
            nationality=source.nationality,
            arrival_date=source.arrival_date,
            phone=source.phone,
            email=source.email,
        ),
        languages=[
            LanguageEntry(row.language, row.level, row.certified)
            for row in (source.languages.all() if education else [])
        ],
        answers=EligibilityAnswers(),
        intake_date=today,
        confirmations=CONFIRMED,
        profile=_profile(source) if education else None,
    )
    access = get_person_access(principal, case.person_id, today)
    if "residence_status" in categories:
        # Oldest first, so the receiver's follow-ups end up where its own history would.
        for entry in ResidenceStatusEntry.objects.filter(person=source).order_by("valid_from"):
            status_entry_add(access=access, data=StatusData(**_values(entry, StatusData)))  # type: ignore[arg-type]
    if education:
        for cert in Certificate.objects.filter(person=source).order_by("issued_on", "id"):
            certificate_add(access=access, data=CertificateData(**_values(cert, CertificateData)))  # type: ignore[arg-type]
        for exp in Experience.objects.filter(person=source).order_by("started_on", "id"):
            experience_add(access=access, data=ExperienceData(**_values(exp, ExperienceData)))  # type: ignore[arg-type]
    if "participations" in categories:
        _copy_participations(source, access, user)
    return access.person


def _copy_participations(source: Person, access: PersonAccess, user: User) -> None:
    known = {key for key, _label in category_choices(access.person.alliance)}
    rows = Participation.objects.filter(person=source).select_related("offer__provider")
    for row in rows.order_by("start", "id"):
        if row.category not in known:
            raise ValidationError(
                _("A participation has a category your alliance does not use: %(key)s")
                % {"key": row.category}
            )
        offer = row.offer
        participation_record(
            access=access,
            actor=user,
            offer=None,
            external_title=offer.title if offer else row.external_title,
            external_provider=offer.provider.name if offer else row.external_provider,
            category=row.category,
            start=row.start,
            end=row.end,
            outcome=row.outcome,
            level_reached=row.level_reached,
            certificate=row.certificate,
            certificate_title=row.certificate_title,
            transition=row.transition,
        )
