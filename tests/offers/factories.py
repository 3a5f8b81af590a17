"""Factories of the offers area."""

from __future__ import annotations

import factory

from teilhabe.offers.models import Category, CustomCategory, Offer


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    alliance = factory.SelfAttribute("provider.alliance")
    title = factory.Sequence(lambda n: f"Angebot {n}")
    category = Category.LANGUAGE_COURSE
    places = 10
    free_places = 5
    public_transport = True


class CustomCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomCategory

    key = factory.Sequence(lambda n: f"eigene-{n}")
    name = factory.Sequence(lambda n: f"Eigene Kategorie {n}")
