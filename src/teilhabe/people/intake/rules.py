"""The rules of taking a person in and of a residence-status entry: one implementation for
the single-person services (services.py, status_services.py) and for the batch of an import
(bulk.py).

No queries here (the builders return unsaved objects): what a rule needs from the database
(is the municipality the alliance's? which organisations hold a possible duplicate?) is
passed in as a callable, so the single services ask per person and the batch answers from
lookups made once per chunk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.casework.models import Case, FollowUp, TriState
from teilhabe.core.models import Alliance, Organisation
from teilhabe.core.plausible import check_plausible
from teilhabe.municipalities.models import Gemeinde, Kreis
from teilhabe.people.countries import is_country
from teilhabe.people.intake.duplicates import search_key
from teilhabe.people.intake.selectors import TARGET_AGE, age_on, expires_soon, expiry_due_on
from teilhabe.people.languages import is_language
from teilhabe.people.models import (
    WORK_CONDITIONS,
    CefrLevel,
    Person,
    ResidenceStatus,
    ResidenceStatusEntry,
    StatusCondition,
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


@dataclass(frozen=True)
class StatusData:
    status: str
    valid_from: dt.date
    legal_basis: str = ""
    valid_until: dt.date | None = None
    document_seen: bool = False
    conditions: list[str] = field(default_factory=list)  # StatusCondition codes
    conditions_note: str = ""
    residence_gemeinde: Gemeinde | None = None  # Wohnsitzauflage: a municipality ...
    residence_kreis: Kreis | None = None  # ... or a whole Kreis


@dataclass
class Errors:
    by_field: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)  # type: ignore[arg-type]


def check_master(
    errors: Errors, data: MasterData, residence_in_alliance: Callable[[Gemeinde], bool]
) -> None:
    if data.nationality and not is_country(data.nationality):
        errors.add("nationality", _("Choose a country from the list."))
    if data.residence is not None and not residence_in_alliance(data.residence):
        errors.add("residence", _("Choose a municipality of this alliance."))
    _plausible(
        errors,
        date_of_birth=data.date_of_birth,
        arrival_date=data.arrival_date,
        given_name=data.given_name,
        family_name=data.family_name,
        phone=data.phone,
        email=data.email,
        address=data.address,
    )
    today = timezone.localdate()
    if data.date_of_birth > today:
        errors.add("date_of_birth", _("The date of birth cannot lie in the future."))
    if data.arrival_date is not None:
        if data.arrival_date > today:
            errors.add("arrival_date", _("The arrival date cannot lie in the future."))
        elif data.arrival_date < data.date_of_birth:
            errors.add("arrival_date", _("The arrival date cannot lie before the date of birth."))


def _plausible(errors: Errors, **values: dt.date | str | None) -> None:
    try:
        check_plausible(**values)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                errors.add(name, message)


def check_languages(errors: Errors, languages: Sequence[LanguageEntry]) -> None:
    seen: set[str] = set()
    for entry in languages:
        if not is_language(entry.language) or entry.level not in CefrLevel.values:
            errors.add("languages", _("Choose each language and its level from the lists."))
        elif entry.language in seen:
            errors.add("languages", _("Each language can be entered only once."))
        seen.add(entry.language)


OWN_DUPLICATE = gettext_lazy(
    "A person with a similar name and the same date of birth exists in the organisation "
    "%(organisation)s."
)
OTHER_DUPLICATE = gettext_lazy(
    "In another organisation of the alliance (%(organisation)s) there may already be an "
    "entry – ask the person for a consent."
)


def check_intake(
    *,
    data: MasterData,
    languages: Sequence[LanguageEntry],
    intake_date: dt.date,
    confirmations: IntakeConfirmations,
    residence_in_alliance: Callable[[Gemeinde], bool],
    duplicate_organisations: Callable[[], Iterable[str]],
    organisation_name: str = "",
    one_round: bool = False,
) -> int:
    """All checks of an intake, in two rounds as the page shows them: the data first, then
    the warnings (age outside 18–27, possible duplicates) that a confirmation lifts.
    A possible duplicate in the acting organisation (`organisation_name`) is named as
    such; one in another organisation of the alliance names only that organisation and
    asks for a consent: nothing of the other controller's record is disclosed.
    `one_round` reports both at once (a list import shows every error of a row in one
    pass). Raises ValidationError; returns the age at intake."""
    errors = Errors()
    check_master(errors, data, residence_in_alliance)
    check_languages(errors, languages)
    _plausible(errors, intake_date=intake_date)
    if intake_date > timezone.localdate():
        errors.add("intake_date", _("The intake date cannot lie in the future."))
    if data.date_of_birth > intake_date:
        errors.add("date_of_birth", _("The date of birth must lie before the intake date."))
    if not one_round:
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
        for name in duplicate_organisations():
            own = name == organisation_name
            errors.add(
                "confirm_duplicate",
                (OWN_DUPLICATE if own else OTHER_DUPLICATE) % {"organisation": name},
            )
    errors.raise_if_any()
    return age


def _shallow(data: object) -> dict[str, Any]:
    # dataclasses.asdict deep-copies every value, a model instance included: slow in bulk.
    return {f.name: getattr(data, f.name) for f in fields(data)}  # type: ignore[arg-type]


def person_fields(data: MasterData) -> dict[str, object]:
    values = _shallow(data)
    values["search_key"] = search_key(data.given_name, data.family_name)
    return values


def new_person(
    *, alliance: Alliance, organisation: Organisation, actor: object, data: MasterData
) -> Person:
    """The person of an intake: owned by the acting organisation, assigned to the acting
    case manager. Not yet validated or saved."""
    return Person(
        alliance=alliance,
        owner=organisation,
        assigned_to=actor if isinstance(actor, User) else None,
        **person_fields(data),  # type: ignore[arg-type]
    )


def new_case(
    *,
    person: Person,
    organisation: Organisation,
    intake_date: dt.date,
    age: int,
    answers: EligibilityAnswers,
) -> Case:
    """The open case of an intake with the eligibility as recorded. Not yet validated."""
    return Case(
        alliance=person.alliance,
        person=person,
        organisation=organisation,
        case_manager=person.assigned_to,
        opened_on=intake_date,
        age_at_intake=age,
        **_shallow(answers),
    )


def new_status_entry(person: Person, data: StatusData) -> ResidenceStatusEntry:
    return ResidenceStatusEntry(alliance_id=person.alliance_id, person=person, **_shallow(data))


def expiry_followup(
    *, case: Case, entry: ResidenceStatusEntry, today: dt.date, days: int
) -> FollowUp | None:
    """The follow-up a current status entry needs: one when it expires within the window
    (due N days before the expiry, or today when that is past); None otherwise."""
    if entry.valid_until is None or not expires_soon(entry.valid_until, today, days):
        return None
    return FollowUp(
        alliance_id=case.alliance_id,
        case=case,
        reason=FollowUp.Reason.STATUS_EXPIRY,
        due_on=expiry_due_on(entry.valid_until, today, days),
        status_entry=entry,
    )


def check_status(data: StatusData) -> None:
    check_plausible(valid_from=data.valid_from, valid_until=data.valid_until)
    errors: dict[str, list[str]] = {}
    if data.status == ResidenceStatus.RESIDENCE_PERMIT and not data.legal_basis.strip():
        errors["legal_basis"] = [
            _("Enter the legal basis of the residence permit, e.g. § 25 Abs. 2 AufenthG.")
        ]
    if data.valid_until is not None and data.valid_until < data.valid_from:
        errors["valid_until"] = [_("The end of validity cannot lie before its start.")]
    if set(data.conditions) - set(StatusCondition.values):
        errors["conditions"] = [_("Unknown condition.")]
    elif len(set(data.conditions) & WORK_CONDITIONS) > 1:
        errors["conditions"] = [_("Choose only one of the conditions on employment.")]
    if data.residence_gemeinde is not None and data.residence_kreis is not None:
        errors["residence_kreis"] = [
            _("The residence obligation names a municipality or a district, not both.")
        ]
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
