"""Writes of intake and master data: taking a person in (person + case with eligibility),
editing master data with an optimistic version check, and the person's languages.

Residence status and profile writes live in status_services.py and profile_services.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.casework.models import Case, TriState
from teilhabe.core.audit import audit_record
from teilhabe.core.models import Alliance, AuditEvent, Organisation
from teilhabe.municipalities.models import Gemeinde
from teilhabe.people.access import PersonAccess
from teilhabe.people.countries import is_country
from teilhabe.people.intake.duplicates import search_key
from teilhabe.people.intake.selectors import (
    TARGET_AGE,
    age_on,
    possible_duplicate_organisations,
)
from teilhabe.people.languages import is_language
from teilhabe.people.models import CefrLevel, Person, PersonLanguage

Actor = User | AnonymousUser

STALE_MESSAGE = gettext_lazy(
    "This record was changed by someone else in the meantime. Reload the page and enter "
    "your changes again."
)


@dataclass(frozen=True)
class MasterData:
    given_name: str
    family_name: str
    date_of_birth: dt.date
    sex: str
    nationality: str = ""
    residence: Gemeinde | None = None
    arrival_date: dt.date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class LanguageEntry:
    language: str
    level: str
    certified: bool = False


@dataclass(frozen=True)
class EligibilityAnswers:
    no_sgb_measures: str = TriState.UNKNOWN
    no_compulsory_schooling: str = TriState.UNKNOWN
    not_in_course_or_training: str = TriState.UNKNOWN


@dataclass(frozen=True)
class IntakeConfirmations:
    """What the case manager confirmed after a warning of the intake page."""

    age_outside_target_group: bool = False
    possible_duplicate: bool = False


@dataclass
class _Errors:
    by_field: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)  # type: ignore[arg-type]


def _check_master(errors: _Errors, alliance: Alliance, data: MasterData) -> None:
    if data.nationality and not is_country(data.nationality):
        errors.add("nationality", _("Choose a country from the list."))
    residence = data.residence
    if residence is not None and not alliance.gemeinden().filter(pk=residence.pk).exists():
        errors.add("residence", _("Choose a municipality of this alliance."))
    today = timezone.localdate()
    if data.date_of_birth > today:
        errors.add("date_of_birth", _("The date of birth cannot lie in the future."))
    if data.arrival_date is not None:
        if data.arrival_date > today:
            errors.add("arrival_date", _("The arrival date cannot lie in the future."))
        elif data.arrival_date < data.date_of_birth:
            errors.add("arrival_date", _("The arrival date cannot lie before the date of birth."))


def _check_languages(errors: _Errors, languages: list[LanguageEntry]) -> None:
    seen: set[str] = set()
    for entry in languages:
        if not is_language(entry.language) or entry.level not in CefrLevel.values:
            errors.add("languages", _("Choose each language and its level from the lists."))
        elif entry.language in seen:
            errors.add("languages", _("Each language can be entered only once."))
        seen.add(entry.language)


def _require_owner(access: PersonAccess) -> None:
    # Views answer 404 before this; services refuse on their own too (API, scripts).
    if not access.is_owner:
        raise PermissionDenied


def _person_fields(data: MasterData) -> dict[str, object]:
    values = asdict(data)
    values["residence"] = data.residence  # asdict would deep-copy the model instance
    values["search_key"] = search_key(data.given_name, data.family_name)
    return values


@transaction.atomic
def person_intake(
    *,
    alliance: Alliance,
    organisation: Organisation,
    actor: Actor,
    data: MasterData,
    languages: list[LanguageEntry],
    answers: EligibilityAnswers,
    intake_date: dt.date,
    confirmations: IntakeConfirmations = IntakeConfirmations(),
) -> Case:
    """Take a person in: create the person (owned by the acting organisation, assigned to the
    acting case manager), their languages and an open case with the eligibility as recorded.

    Raises ValidationError for invalid data, for an age outside 18–27 without confirmation
    ("confirm_age") and for possible duplicates in the alliance without confirmation
    ("confirm_duplicate", one message per organisation). Nothing is written before all
    checks pass, and nothing is merged.
    """
    errors = _Errors()
    if organisation.alliance_id != alliance.pk:
        raise PermissionDenied
    _check_master(errors, alliance, data)
    _check_languages(errors, languages)
    if intake_date > timezone.localdate():
        errors.add("intake_date", _("The intake date cannot lie in the future."))
    if data.date_of_birth > intake_date:
        errors.add("date_of_birth", _("The date of birth must lie before the intake date."))
    errors.raise_if_any()

    age = age_on(data.date_of_birth, intake_date)
    if not TARGET_AGE[0] <= age <= TARGET_AGE[1] and not confirmations.age_outside_target_group:
        errors.add(
            "confirm_age",
            _(
                "At intake the person is %(age)d years old, outside the target group of "
                "18 to 27 years. Confirm to take the person in anyway."
            )
            % {"age": age},
        )
    if not confirmations.possible_duplicate:
        for name in possible_duplicate_organisations(
            alliance=alliance,
            given_name=data.given_name,
            family_name=data.family_name,
            date_of_birth=data.date_of_birth,
        ):
            errors.add(
                "confirm_duplicate",
                _(
                    "A person with a similar name and the same date of birth exists in "
                    "the organisation %(organisation)s."
                )
                % {"organisation": name},
            )
    errors.raise_if_any()

    person = Person(
        alliance=alliance,
        owner=organisation,
        assigned_to=actor if isinstance(actor, User) else None,
        **_person_fields(data),  # type: ignore[arg-type]
    )
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
    case = Case(
        alliance=alliance,
        person=person,
        organisation=organisation,
        case_manager=person.assigned_to,
        opened_on=intake_date,
        age_at_intake=age,
        **asdict(answers),
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
    return case


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
    _require_owner(access)
    person = access.person
    errors = _Errors()
    alliance = access.principal.alliance
    assert alliance is not None  # a principal with person access has one
    _check_master(errors, alliance, data)
    errors.raise_if_any()
    values = _person_fields(data)
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
    _require_owner(access)
    person = access.person
    errors = _Errors()
    _check_languages(errors, languages)
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
