"""What a row handler needs to know about its job: who acts, for which organisation, and
lookups built once per run instead of once per row."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from teilhabe.core.models import Alliance, Organisation
from teilhabe.core.roles import Principal
from teilhabe.municipalities.models import Gemeinde
from teilhabe.transfer.matching import Vocabulary, fold, municipality_names
from teilhabe.transfer.models import ImportJob

T = TypeVar("T")


@dataclass
class RowContext:
    job: ImportJob
    principal: Principal
    organisation: Organisation
    # In-file duplicate keys -> the first row that had them.
    seen: dict[Any, int] = field(default_factory=dict)
    # The batch a staging row handler collects its objects in (see services.BATCHED).
    _batch: Any = None

    def batch(self, factory: Callable[[RowContext], T]) -> T:
        """The run's batch, made by `factory` on first use."""
        if self._batch is None:
            self._batch = factory(self)
        return self._batch  # type: ignore[no-any-return]

    @property
    def alliance(self) -> Alliance:
        return self.job.alliance

    @cached_property
    def municipalities(self) -> tuple[Vocabulary, dict[str, Gemeinde]]:
        """The alliance's municipalities by AGS, official name and short name ("Köln" for
        "Köln, Stadt"); a short name two municipalities share names neither."""
        vocabulary, by_ags = Vocabulary(), {}
        for gemeinde in self.alliance.gemeinden():
            by_ags[gemeinde.ags] = gemeinde
            vocabulary.add(gemeinde.ags, gemeinde.ags)
            for name in municipality_names(gemeinde.name):
                vocabulary.add(name, gemeinde.ags)
            vocabulary.shown[gemeinde.ags] = gemeinde.name
        return vocabulary, by_ags

    @cached_property
    def offers(self) -> dict[str, Any]:
        from teilhabe.offers.models import Offer

        by_title: dict[str, Any] = {}
        for offer in Offer.objects.filter(alliance=self.alliance):
            title = fold(offer.title)
            by_title[title] = None if title in by_title else offer
        return by_title

    @cached_property
    def custom_categories(self) -> dict[str, str]:
        from teilhabe.offers.models import CustomCategory

        rows = CustomCategory.objects.filter(alliance=self.alliance).values_list("key", "name")
        result: dict[str, str] = {}
        for key, name in rows:
            result[fold(key)] = key
            result[fold(name)] = key
        return result

    @cached_property
    def owned_persons(self) -> dict[Any, list[uuid.UUID]]:
        """Persons the acting case manager may write to in the job's organisation, by id
        and by (given name, family name, date of birth)."""
        from teilhabe.people.access import owned_persons

        index: dict[Any, list[uuid.UUID]] = {}
        rows = (
            owned_persons(self.principal)
            .filter(owner=self.organisation)
            .values_list("id", "given_name", "family_name", "date_of_birth")
        )
        for pk, given, family, born in rows:
            index.setdefault(str(pk), []).append(pk)
            index.setdefault((fold(given), fold(family), born), []).append(pk)
        return index

    @cached_property
    def _persons(self) -> dict[uuid.UUID, Any]:
        from teilhabe.people.models import Person

        ids = {pk for pks in self.owned_persons.values() for pk in pks}
        persons = {}
        for person in Person.objects.filter(pk__in=ids).select_related("owner", "assigned_to"):
            person.alliance = self.alliance  # the same row; spares a query per service call
            persons[person.pk] = person
        return persons

    def person(self, pk: uuid.UUID) -> Any:
        return self._persons[pk]
