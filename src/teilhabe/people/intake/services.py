"""Writes of intake and master data: taking a person in (person + case with eligibility,
and optionally the first residence status and the schooling profile), editing master data
with an optimistic version check, and the person's languages.

Residence status and profile writes live in status_services.py and profile_services.py;
intake composes them in its one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from teilhabe.casework.models import Case
from teilhabe.core.audit import audit_record
from teilhabe.core.models import Alliance, AuditEvent, Organisation
from teilhabe.core.roles import Principal
from teilhabe.municipalities.models import Gemeinde
from teilhabe.people.access import ALL_CATEGORIES, PersonAccess, require_owner
from teilhabe.people.intake.profile_services import (
    ProfileData,
    check_legal_domains,
    profile_update,
)
from teilhabe.people.intake.rules import (  # re-exported: the forms and the import use them
    EligibilityAnswers,
    Errors,
    IntakeConfirmations,
    LanguageEntry,
    MasterData,
    check_intake,
    check_languages,
    check_master,
    check_status,
    new_case,
    new_person,
    person_fields,
)
from teilhabe.people.intake.selectors import possible_duplicate_organisations
from teilhabe.people.intake.status_services import StatusData, status_entry_add
from teilhabe.people.models import Person, PersonLanguage

__all__ = [
    "EligibilityAnswers",
    "IntakeConfirmations",
    "LanguageEntry",
    "MasterData",
    "ProfileData",
    "StatusData",
    "duplicate_check_record",
    "person_intake",
    "person_language_set",
    "person_update",
]

Actor = User | AnonymousUser
T = TypeVar("T")
NO_CONFIRMATIONS = IntakeConfirmations()

DUPLICATE_CHECK = "people.duplicate_check"  # the audit object of the check
STALE_MESSAGE = gettext_lazy(
    "This record was changed by someone else in the meantime. Reload the page and enter "
    "your changes again."
)


def _in_alliance(alliance: Alliance) -> Callable[[Gemeinde], bool]:
    return lambda gemeinde: alliance.gemeinden().filter(pk=gemeinde.pk).exists()


def person_intake(
    *,
    alliance: Alliance,
    organisation: Organisation,
    actor: Actor,
    data: MasterData,
    languages: list[LanguageEntry],
    answers: EligibilityAnswers,
    intake_date: dt.date,
    confirmations: IntakeConfirmations = NO_CONFIRMATIONS,
    status: StatusData | None = None,
    profile: ProfileData | None = None,
) -> Case:
    """Take a person in: create the person (owned by the acting organisation, assigned to the
    acting case manager), their languages and an open case with the eligibility as recorded;
    with `status` their first residence status (and its expiry follow-up) and with `profile`
    their schooling profile, through the services of the person page's edit forms.

    Raises ValidationError for invalid data, for an age outside 18–27 without confirmation
    ("confirm_age") and for possible duplicates in the alliance without confirmation
    ("confirm_duplicate", one message per organisation). The errors of the status and the
    profile come in the same round as those of the master data, so a form shows them all at
    once. Nothing is written before all checks pass (only the audit event of a warning
    about another organisation, `duplicate_check_record`), and nothing is merged.
    """
    if organisation.alliance_id != alliance.pk:
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    found: list[str] = []  # organisations holding a possible duplicate

    def duplicates() -> list[str]:
        found.extend(
            possible_duplicate_organisations(
                alliance=alliance,
                given_name=data.given_name,
                family_name=data.family_name,
                date_of_birth=data.date_of_birth,
            )
        )
        return found

    age = _collect(
        errors,
        lambda: check_intake(
            data=data,
            languages=languages,
            intake_date=intake_date,
            confirmations=confirmations,
            residence_in_alliance=_in_alliance(alliance),
            duplicate_organisations=duplicates,
            organisation_name=organisation.name,
        ),
    )
    if status is not None:
        _collect(errors, lambda: check_status(status))
    if profile is not None and profile.legal_domains is not None:
        domains = profile.legal_domains
        _collect(errors, lambda: check_legal_domains(domains))
    if errors or age is None:
        if any(name != organisation.name for name in found):
            duplicate_check_record(actor=actor, alliance=alliance, organisation=organisation)
        raise ValidationError(errors)  # type: ignore[arg-type]
    with transaction.atomic():
        return _intake_write(
            alliance=alliance,
            organisation=organisation,
            actor=actor,
            data=data,
            languages=languages,
            answers=answers,
            intake_date=intake_date,
            age=age,
            status=status,
            profile=profile,
        )


@transaction.atomic
def duplicate_check_record(*, actor: Actor, alliance: Alliance, organisation: Organisation) -> None:
    """The intake told the acting organisation that another organisation of the alliance
    may hold the person: one event without any personal value, so that a series of such
    checks (probing) shows in the organisation's audit log. Written although the intake
    itself stops: the warning was shown."""
    audit_record(
        action=AuditEvent.Action.VIEW,
        actor=actor,
        alliance=alliance,
        organisation=organisation,
        object_type=DUPLICATE_CHECK,
    )


def _intake_write(
    *,
    alliance: Alliance,
    organisation: Organisation,
    actor: Actor,
    data: MasterData,
    languages: list[LanguageEntry],
    answers: EligibilityAnswers,
    intake_date: dt.date,
    age: int,
    status: StatusData | None,
    profile: ProfileData | None,
) -> Case:
    person = new_person(alliance=alliance, organisation=organisation, actor=actor, data=data)
    person.full_clean()
    person.save()
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        alliance=alliance,
        organisation=organisation,
        obj=person,
    )
    _languages_create(person, languages, actor, organisation, alliance)
    case = new_case(
        person=person,
        organisation=organisation,
        intake_date=intake_date,
        age=age,
        answers=answers,
    )
    case.full_clean()
    case.save()
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        alliance=alliance,
        organisation=organisation,
        obj=case,
    )
    if status is not None or (profile is not None and profile != ProfileData()):
        # The acting case manager owns the new person: the services get the owner's access,
        # as the person page's edit forms pass it (the principal only names the actor).
        access = PersonAccess(
            person, Principal(user=actor, alliance=alliance), organisation, ALL_CATEGORIES, True
        )
        if status is not None:
            status_entry_add(access=access, data=status)
        if profile is not None and profile != ProfileData():
            profile_update(access=access, data=profile)
    return case


def _collect(errors: dict[str, list[str]], check: Callable[[], T]) -> T | None:
    """Run one check; add its ValidationError to `errors` by field instead of raising."""
    try:
        return check()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
        return None


def _languages_create(
    person: Person,
    languages: list[LanguageEntry],
    actor: Actor,
    organisation: Organisation,
    alliance: Alliance | None,
) -> None:
    for entry in languages:
        row = PersonLanguage(alliance_id=person.alliance_id, person=person, **asdict(entry))
        row.full_clean()
        row.save()
        audit_record(
            action=AuditEvent.Action.CREATE,
            actor=actor,
            alliance=alliance,
            organisation=organisation,
            obj=row,
        )


@transaction.atomic
def person_update(*, access: PersonAccess, version: int, data: MasterData) -> Person:
    """Change master data if nobody else did since `version` was read; otherwise raise a
    ValidationError and change nothing (optimistic concurrency)."""
    require_owner(access)
    person = access.person
    errors = Errors()
    alliance = access.principal.alliance
    assert alliance is not None  # a principal with person access has one
    check_master(errors, data, _in_alliance(alliance))
    errors.raise_if_any()
    values = person_fields(data)
    candidate = Person(
        pk=person.pk,
        alliance_id=person.alliance_id,
        owner_id=person.owner_id,
        assigned_to_id=person.assigned_to_id,
        version=version,
        **values,  # type: ignore[arg-type]
    )
    candidate.full_clean(validate_unique=False)
    changed = Person.objects.filter(pk=person.pk, version=version).update(
        **values, version=F("version") + 1, updated_at=timezone.now()
    )
    if not changed:
        raise ValidationError(STALE_MESSAGE, code="stale")
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=access.principal.user,
        alliance=alliance,
        organisation=access.organisation,
        obj=person,
    )
    person.refresh_from_db()
    return person


@transaction.atomic
def person_language_set(*, access: PersonAccess, languages: list[LanguageEntry]) -> None:
    """Make the person's languages exactly `languages`: changed levels are updated, missing
    languages deleted, new ones created; each change audited."""
    require_owner(access)
    person = access.person
    errors = Errors()
    check_languages(errors, languages)
    if errors.by_field:
        raise ValidationError({NON_FIELD_ERRORS: errors.by_field["languages"]})
    actor, organisation = access.principal.user, access.organisation
    alliance = access.principal.alliance
    wanted = {entry.language: entry for entry in languages}
    existing = {row.language: row for row in PersonLanguage.objects.filter(person=person)}
    for code, row in existing.items():
        if code not in wanted:
            audit_record(
                action=AuditEvent.Action.DELETE,
                actor=actor,
                alliance=alliance,
                organisation=organisation,
                obj=row,
            )
            row.delete()
            continue
        entry = wanted[code]
        if (row.level, row.certified) != (entry.level, entry.certified):
            row.level, row.certified = entry.level, entry.certified
            row.full_clean()
            row.save(update_fields=["level", "certified", "updated_at"])
            audit_record(
                action=AuditEvent.Action.UPDATE,
                actor=actor,
                alliance=alliance,
                organisation=organisation,
                obj=row,
            )
    new = [entry for code, entry in wanted.items() if code not in existing]
    _languages_create(person, new, actor, organisation, alliance)
