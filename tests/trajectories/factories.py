"""Factories of the trajectories area (offers for participations, participations)."""

from __future__ import annotations

import datetime as dt

import factory

from teilhabe.offers.models import Offer
from teilhabe.trajectories.models import Participation


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    alliance = factory.SelfAttribute("provider.alliance")
    title = factory.Sequence(lambda n: f"Sprachkurs {n}")
    category = "language_course"
    places = 12
    free_places = 4


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    alliance = factory.SelfAttribute("person.alliance")
    recorded_by_organisation = factory.SelfAttribute("person.owner")
    external_title = "Sprachkurs extern"
    external_provider = "VHS"
    category = "language_course"
    start = dt.date(2025, 1, 6)
    end = dt.date(2025, 6, 30)
    outcome = "completed"
