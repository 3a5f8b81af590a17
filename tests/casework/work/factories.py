"""Factories of the daily casework (goals, steps, contacts, needs assessments)."""

from __future__ import annotations

import datetime as dt

import factory

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import Contact, Goal, NeedAssessment, Step


def field(key: str) -> FieldOfAction:
    return FieldOfAction.objects.get(alliance=None, key=key)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    alliance = factory.SelfAttribute("case.alliance")
    title = factory.Sequence(lambda n: f"Ziel {n}")


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    goal = factory.SubFactory(GoalFactory)
    alliance = factory.SelfAttribute("goal.alliance")
    title = factory.Sequence(lambda n: f"Schritt {n}")
    responsible = factory.SelfAttribute("goal.case.organisation")
    due_on = dt.date(2026, 3, 1)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    alliance = factory.SelfAttribute("case.alliance")
    organisation = factory.SelfAttribute("case.organisation")
    on = dt.date(2026, 2, 1)
    duration_minutes = 45
    channel = Contact.Channel.IN_PERSON
    note = "Termin zur Anerkennung besprochen"


class NeedAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedAssessment

    alliance = factory.SelfAttribute("case.alliance")
    organisation = factory.SelfAttribute("case.organisation")
    field_of_action = factory.LazyFunction(lambda: field("housing"))
    level = "some"
    assessed_on = dt.date(2026, 2, 1)
