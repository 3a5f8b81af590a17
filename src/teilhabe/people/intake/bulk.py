"""Taking in many persons at once (the import of a person list), under the rules of
person_intake and status_entry_add (rules.py, the same functions) but with a constant
number of queries per chunk instead of ~30 per person.

Per chunk: `prepare` loads the duplicate candidates for the chunk's dates of birth (one
query); `add` checks one person and stages the person, the case, the status entry, its
follow-up and their audit events (no query: the municipalities are checked against a set
loaded once, duplicates against the candidates plus the persons staged before); `flush`
writes what was staged with one bulk insert per table. The caller's transaction holds it
all; a row that fails a check stages nothing.

Per object validation is full_clean without the foreign keys (they point at objects
checked for the whole batch or staged just now, and Django would look each one up) and
without the uniqueness query of a fresh UUID; every field's own validation stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils import timezone

from teilhabe.casework.models import Case, FollowUp
from teilhabe.core.audit import audit_event, audit_record_many
from teilhabe.core.models import Alliance, AuditEvent, Organisation
from teilhabe.municipalities.models import Gemeinde
from teilhabe.people.intake.duplicates import duplicate_needles, holds_needles
from teilhabe.people.intake.rules import (
    EligibilityAnswers,
    IntakeConfirmations,
    LanguageEntry,
    MasterData,
    StatusData,
    check_intake,
    check_status,
    expiry_followup,
    new_case,
    new_person,
    new_status_entry,
)
from teilhabe.people.intake.selectors import expiry_days
from teilhabe.people.models import Person, PersonLanguage, ResidenceStatusEntry

# Foreign keys the batch has verified (or just created); full_clean would query each.
_CHECKED_KEYS: dict[type[Model], list[str]] = {
    Person: ["alliance", "owner", "assigned_to", "residence"],
    PersonLanguage: ["alliance", "person"],
    Case: ["alliance", "person", "organisation", "case_manager"],
    ResidenceStatusEntry: ["alliance", "person"],
    FollowUp: ["alliance", "case", "status_entry"],
}


def _clean(obj: Model) -> None:
    # validate_unique/constraints would query for a fresh UUID and for the follow-up's
    # (case, status entry) pair, both new objects of this batch.
    obj.full_clean(
        exclude=_CHECKED_KEYS[type(obj)], validate_unique=False, validate_constraints=False
    )


@dataclass(frozen=True)
class Intake:
    """One person to take in, as person_intake and then status_entry_add get it."""

    data: MasterData
    intake_date: dt.date
    answers: EligibilityAnswers = field(default_factory=EligibilityAnswers)
    status: StatusData | None = None
    languages: tuple[LanguageEntry, ...] = ()


@dataclass
class Staged:
    person: Person
    case: Case
    entry: ResidenceStatusEntry | None


@dataclass
class IntakeBatch:
    alliance: Alliance
    organisation: Organisation
    actor: User
    confirmations: IntakeConfirmations = field(default_factory=IntakeConfirmations)
    # date of birth -> (search_key, owner name) of persons that may be duplicates.
    _candidates: dict[dt.date, list[tuple[str, str]]] = field(default_factory=dict)
    _prepared: set[dt.date] = field(default_factory=set)
    _staged: list[Model] = field(default_factory=list)
    _events: list[AuditEvent] = field(default_factory=list)
    # Rows told that another organisation may hold the person (see duplicate_check_record:
    # the import records one event per run, outside its rolled-back check transaction).
    hints: int = 0

    def __post_init__(self) -> None:
        if self.organisation.alliance_id != self.alliance.pk:
            raise PermissionDenied

    @cached_property
    def _gemeinde_ids(self) -> set[object]:
        return set(self.alliance.gemeinden().values_list("pk", flat=True))

    def _in_alliance(self, gemeinde: Gemeinde) -> bool:
        return gemeinde.pk in self._gemeinde_ids

    def prepare(self, dates_of_birth: Iterable[dt.date]) -> None:
        """Load the duplicate candidates of the next chunk (one query; none when duplicates
        are confirmed). Persons staged but not flushed stay candidates."""
        if self.confirmations.possible_duplicate:
            return
        self._candidates = {}
        self._prepared = set()
        for obj in self._staged:
            if isinstance(obj, Person):
                self._remember(obj)
        self._load(set(dates_of_birth))

    def _load(self, dates: set[dt.date]) -> None:
        if not dates:
            return
        rows = Person.objects.filter(
            alliance=self.alliance, date_of_birth__in=dates, merged_into__isnull=True
        )
        for born, key, owner in rows.values_list("date_of_birth", "search_key", "owner__name"):
            self._candidates.setdefault(born, []).append((key, owner))
        self._prepared |= dates

    def _remember(self, person: Person) -> None:
        name = self.organisation.name
        self._candidates.setdefault(person.date_of_birth, []).append((person.search_key, name))

    def _duplicates(self, data: MasterData) -> list[str]:
        """possible_duplicate_organisations, answered from the candidates."""
        needles = duplicate_needles(data.given_name, data.family_name)
        if needles is None:
            return []
        if data.date_of_birth not in self._prepared:  # not announced by prepare(): ask
            self._load({data.date_of_birth})
        candidates = self._candidates.get(data.date_of_birth, [])
        owners = sorted({owner for key, owner in candidates if holds_needles(key, needles)})
        if any(owner != self.organisation.name for owner in owners):
            self.hints += 1
        return owners

    def check(self, intake: Intake, *, one_round: bool = False) -> int:
        """The checks of person_intake for one person, staging nothing; the age at intake.
        `one_round`: data errors and warnings together (see check_intake)."""
        return check_intake(
            data=intake.data,
            languages=intake.languages,
            intake_date=intake.intake_date,
            confirmations=self.confirmations,
            residence_in_alliance=self._in_alliance,
            duplicate_organisations=lambda: self._duplicates(intake.data),
            organisation_name=self.organisation.name,
            one_round=one_round,
        )

    def add(self, intake: Intake, *, today: dt.date | None = None) -> Staged:
        """Check one person like person_intake (and its status like status_entry_add) and
        stage what they would create. Raises the same ValidationErrors; stages nothing then."""
        data = intake.data
        age = self.check(intake)
        person = new_person(
            alliance=self.alliance, organisation=self.organisation, actor=self.actor, data=data
        )
        _clean(person)
        case = new_case(
            person=person,
            organisation=self.organisation,
            intake_date=intake.intake_date,
            age=age,
            answers=intake.answers,
        )
        _clean(case)
        staged: list[Model] = [person, case]
        for spoken in intake.languages:  # as person_intake's _languages_create
            language = PersonLanguage(alliance_id=person.alliance_id, person=person,
                                      **asdict(spoken))  # fmt: skip
            _clean(language)
            staged.append(language)
        entry = None
        if intake.status is not None:
            check_status(intake.status)
            entry = new_status_entry(person, intake.status)
            _clean(entry)
            staged.append(entry)
            # The new entry is the person's only one, so it is current; the case is open.
            today = today or timezone.localdate()
            followup = expiry_followup(case=case, entry=entry, today=today, days=expiry_days())
            if followup is not None:
                _clean(followup)
                staged.append(followup)
        self._staged.extend(staged)
        self._events.extend(self._created(obj) for obj in staged)
        if not self.confirmations.possible_duplicate:
            self._remember(person)
        return Staged(person, case, entry)

    def _created(self, obj: Model) -> AuditEvent:
        # What audit_record(action=CREATE, obj=obj, ...) writes for each object of an
        # intake; the follow-up carries the purpose status_followup_sync gives it.
        return audit_event(
            actor=self.actor,
            alliance=self.alliance,
            organisation=self.organisation,
            action=AuditEvent.Action.CREATE,
            obj=obj,
            purpose="status_expiry" if isinstance(obj, FollowUp) else "",
        )

    def flush(self) -> None:
        """Write what was staged: one bulk insert per table, parents first."""
        models: tuple[type[Model], ...] = (
            Person, PersonLanguage, Case, ResidenceStatusEntry, FollowUp
        )  # fmt: skip
        for model in models:
            rows: list[Model] = [obj for obj in self._staged if type(obj) is model]
            if rows:
                model._default_manager.bulk_create(rows)
        if self._events:
            audit_record_many(self._events)
        self._staged, self._events = [], []
