"""Factories of the intake area: status entries, profile entries, languages."""

from __future__ import annotations

import datetime as dt

import factory

from teilhabe.people.intake.duplicates import search_key
from teilhabe.people.models import (
    Certificate,
    Experience,
    PersonLanguage,
    ResidenceStatus,
    ResidenceStatusEntry,
)
from tests import factories as f


class KeyedPersonFactory(f.PersonFactory):
    """A person with its name keys, as the services write them."""

    search_key = factory.LazyAttribute(lambda o: search_key(o.given_name, o.family_name))


class StatusEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidenceStatusEntry

    person = factory.SubFactory(f.PersonFactory)
    alliance = factory.SelfAttribute("person.alliance")
    status = ResidenceStatus.TOLERATION
    valid_from = dt.date(2026, 1, 1)
    valid_until = dt.date(2027, 6, 30)
    document_seen = True


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    person = factory.SubFactory(f.PersonFactory)
    alliance = factory.SelfAttribute("person.alliance")
    title = "Abschlusszeugnis"
    country = "SY"
    level = Certificate.Level.LOWER_SECONDARY


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience

    person = factory.SubFactory(f.PersonFactory)
    alliance = factory.SelfAttribute("person.alliance")
    kind = Experience.Kind.WORK
    title = "Helfer auf dem Bau"
    country = "SY"


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonLanguage

    person = factory.SubFactory(f.PersonFactory)
    alliance = factory.SelfAttribute("person.alliance")
    language = "ar"
    level = "native"
