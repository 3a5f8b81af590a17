"""factory_boy factories for the tenancy backbone and persons."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from teilhabe.casework.models import Case, Consent
from teilhabe.core.models import Alliance, Membership, Organisation, Role, StateRole
from teilhabe.municipalities.models import Gemeinde, Kreis, Land, Regierungsbezirk
from teilhabe.people.models import Person, Sex

PASSWORD = "Demo-Passwort-2026!"


class LandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Land
        django_get_or_create = ("key",)

    key = "05"
    name = "Nordrhein-Westfalen"


class RegierungsbezirkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regierungsbezirk
        django_get_or_create = ("key",)

    key = "053"
    land = factory.SubFactory(LandFactory)
    name = "Köln"


class KreisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kreis
        django_get_or_create = ("key",)

    key = "05315"
    regierungsbezirk = factory.SubFactory(RegierungsbezirkFactory)
    name = "Köln, Stadt"
    kind = Kreis.Kind.KREISFREIE_STADT
    text_code = "41"


class GemeindeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeinde
        django_get_or_create = ("ags",)

    ags = "05315000"
    kreis = factory.SubFactory(KreisFactory)
    name = "Köln, Stadt"
    text_code = "61"
    population = 1_000_000


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(PASSWORD)


class AllianceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alliance

    name = factory.Sequence(lambda n: f"Bündnis {n}")
    slug = factory.Sequence(lambda n: f"buendnis-{n}")
    body_kind = Alliance.BodyKind.KREISFREIE_STADT
    kreis = factory.SubFactory(KreisFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    alliance = factory.SubFactory(AllianceFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.TEILHABEMANAGEMENT


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    alliance = factory.SelfAttribute("organisation.alliance")
    role = Role.CASE_MANAGER


class StateRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StateRole

    user = factory.SubFactory(UserFactory)
    role = "state_coordinator"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    owner = factory.SubFactory(OrganisationFactory)
    alliance = factory.SelfAttribute("owner.alliance")
    given_name = factory.Sequence(lambda n: f"Vorname{n}")
    family_name = factory.Sequence(lambda n: f"Nachname{n}")
    date_of_birth = dt.date(2003, 5, 17)
    sex = Sex.FEMALE
    nationality = "SY"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    person = factory.SubFactory(PersonFactory)
    alliance = factory.SelfAttribute("person.alliance")
    organisation = factory.SelfAttribute("person.owner")
    opened_on = dt.date(2026, 1, 15)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    alliance = factory.SelfAttribute("person.alliance")
    organisation = factory.SelfAttribute("person.owner")
    purpose = Consent.Purpose.JOINT_PLANNING
    categories = factory.LazyFunction(lambda: ["master_data"])
    valid_from = dt.date(2026, 1, 1)
