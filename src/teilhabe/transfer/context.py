"""What a row handler needs to know about its job: who acts, for which organisation, and
lookups built once per run instead of once per row."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from teilhabe.core.models import Alliance, Organisation
from teilhabe.core.roles import Principal
from teilhabe.municipalities.models import Gemeinde
from teilhabe.transfer.converters import with_suggestion, words_of
from teilhabe.transfer.errors import CellError
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

    @property
    def hints(self) -> int:
        """Rows of the run told of a possible entry in another organisation."""
        return int(getattr(self._batch, "hints", 0))

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

    def municipality(self, value: str, unknown: str) -> Gemeinde:
        """The alliance's municipality a cell names; CellError with `unknown` (or that the
        name is ambiguous) and a suggestion otherwise."""
        vocabulary, by_ags = self.municipalities
        ags = vocabulary.find(value)
        if ags is None:
            if vocabulary.ambiguous(value):
                unknown = _(
                    "Several municipalities of this alliance have this name. Enter the AGS."
                )
            raise CellError(with_suggestion(unknown, vocabulary.suggest(value)))
        return by_ags[ags]

    @cached_property
    def organisations(self) -> tuple[Vocabulary, dict[str, Organisation]]:
        """The alliance's organisations by name (a suggestion names the official one)."""
        vocabulary, by_pk = Vocabulary(), {}
        for organisation in Organisation.objects.filter(alliance=self.alliance):
            by_pk[str(organisation.pk)] = organisation
            vocabulary.add(organisation.name, str(organisation.pk), official=True)
        return vocabulary, by_pk

    @cached_property
    def offer_providers(self) -> set[str]:
        """The organisations whose offers the acting principal may maintain (ids)."""
        from teilhabe.offers.selectors import maintainable_providers

        return {str(o.pk) for o in maintainable_providers(self.principal)}

    @cached_property
    def offer_keys(self) -> set[tuple[Any, str]]:
        """(provider id, folded title) of the alliance's offers: one offer per pair."""
        from teilhabe.offers.models import Offer

        rows = Offer.objects.filter(alliance=self.alliance).values_list("provider_id", "title")
        return {(provider, fold(title)) for provider, title in rows}

    @cached_property
    def categories(self) -> Vocabulary:
        """The offer categories: the built-in ones (key, German and English label) and the
        alliance's own (key and name)."""
        from teilhabe.offers.models import Category, CustomCategory

        vocabulary = words_of(Category, {})
        rows = CustomCategory.objects.filter(alliance=self.alliance).values_list("key", "name")
        for key, name in rows:
            vocabulary.add(key, key)
            vocabulary.add(name, key, official=True)
        return vocabulary

    @cached_property
    def offers(self) -> dict[str, Any]:
        from teilhabe.offers.models import Offer

        by_title: dict[str, Any] = {}
        for offer in Offer.objects.filter(alliance=self.alliance):
            title = fold(offer.title)
            by_title[title] = None if title in by_title else offer
        return by_title

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
