"""What a coordinator's lists may contain: the alliance's offer catalogue and its partner
organisations (the rows themselves: transfer/offers.py, transfer/partners.py).

The provider, the category and the location of an offer depend on the alliance; their
cells are read as text here and resolved against the alliance by the row handler, with a
suggestion where a name is close ("Meinten Sie …?").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy, pgettext_lazy

from teilhabe.alliances.models import LegalDomain
from teilhabe.core.models import Organisation
from teilhabe.transfer.converters import (
    Target,
    cefr_level,
    choice,
    date,
    integer,
    labels_of,
    text,
    words_of,
)
from teilhabe.transfer.parsing import Value

KIND_WORDS = {
    "Teilhabemanagement": Organisation.Kind.TEILHABEMANAGEMENT,
    "KI": Organisation.Kind.KI,
    "Kommunales Integrationszentrum": Organisation.Kind.KI,
    "Agentur für Arbeit": Organisation.Kind.AGENTUR,
    "Arbeitsagentur": Organisation.Kind.AGENTUR,
    "ABH": Organisation.Kind.AUSLAENDERBEHOERDE,
    "Ausländerbehörde": Organisation.Kind.AUSLAENDERBEHOERDE,
    "JMD": Organisation.Kind.JMD,
    "Jugendmigrationsdienst": Organisation.Kind.JMD,
    "Bildungsträger": Organisation.Kind.BILDUNGSTRAEGER,
    "Träger": Organisation.Kind.BILDUNGSTRAEGER,
    "Berufskolleg": Organisation.Kind.BERUFSKOLLEG,
    "Jugendamt": Organisation.Kind.JUGENDAMT,
    "Sozialamt": Organisation.Kind.SOZIALAMT,
    "Kammer": Organisation.Kind.KAMMER,
    "IHK": Organisation.Kind.KAMMER,
    "HWK": Organisation.Kind.KAMMER,
    "Handwerkskammer": Organisation.Kind.KAMMER,
    "Arbeitgeber": Organisation.Kind.EMPLOYER,
    "Betrieb": Organisation.Kind.EMPLOYER,
    "Unternehmen": Organisation.Kind.EMPLOYER,
    "Verein": Organisation.Kind.CIVIL_SOCIETY,
    "Ehrenamt": Organisation.Kind.CIVIL_SOCIETY,
    "Sonstige": Organisation.Kind.OTHER,
}
LEGAL_DOMAIN_WORDS = {
    "AsylbLG": LegalDomain.ASYLBLG,
    "SGB II": LegalDomain.SGB2,
    "SGB III": LegalDomain.SGB3,
    "SGB VIII": LegalDomain.SGB8,
    "AufenthG": LegalDomain.AUFENTHG,
    "Jobcenter": LegalDomain.SGB2,
    "Agentur für Arbeit": LegalDomain.SGB3,
    "Jugendhilfe": LegalDomain.SGB8,
    "keiner": LegalDomain.NONE,
    "kein": LegalDomain.NONE,
}


@cache
def _choice_of(name: str) -> Callable[[Value], str]:
    kinds: dict[str, tuple[Any, Any]] = {
        "organisation_kind": (Organisation.Kind, KIND_WORDS),
        "legal_domain": (LegalDomain, LEGAL_DOMAIN_WORDS),
    }
    choices, extra = kinds[name]
    return choice(words_of(choices, extra), lambda: labels_of(choices))


def organisation_kind(value: Value) -> str:
    return _choice_of("organisation_kind")(value)


def legal_domain(value: Value) -> str:
    return _choice_of("legal_domain")(value)


OFFER_TARGETS: tuple[Target, ...] = (
    Target(
        "title",
        pgettext_lazy("offer", "Title"),
        text(200),
        True,
        ("Titel", "Angebot", "Bezeichnung", "Maßnahme", "Kurs", "Name"),
    ),
    # Resolved against the alliance's organisations in transfer.offers.
    Target("provider", gettext_lazy("Provider"), text(200), True, ("Träger", "Anbieter")),
    Target("category", gettext_lazy("Category"), text(120), True, ("Kategorie", "Art")),
    Target(
        "description",
        gettext_lazy("Description"),
        text(4000),
        False,
        ("Beschreibung", "Inhalt", "Inhalte"),
    ),
    Target(
        "target_level",
        gettext_lazy("Target level (CEFR)"),
        cefr_level,
        False,
        ("Zielniveau", "Niveau", "Sprachniveau", "GER"),
    ),
    Target("places", gettext_lazy("Places"), integer, False, ("Plätze", "Platzzahl")),
    Target(
        "free_places",
        gettext_lazy("Free places"),
        integer,
        False,
        ("freie Plätze", "frei", "Restplätze"),
    ),
    Target(
        "schedule",
        gettext_lazy("Schedule"),
        text(200),
        False,
        ("Zeiten", "Termine", "Zeitplan", "Uhrzeit"),
    ),
    Target("starts_on", gettext_lazy("Starts on"), date, False, ("Beginn", "Start", "von")),
    Target("ends_on", gettext_lazy("Ends on"), date, False, ("Ende", "bis")),
    Target(
        "location",
        gettext_lazy("Location (municipality)"),
        text(150),
        False,
        ("Ort", "Gemeinde", "Kommune", "Standort", "AGS"),
    ),
    Target("venue", gettext_lazy("Venue"), text(200), False, ("Veranstaltungsort", "Adresse")),
    Target("costs", gettext_lazy("Costs"), text(200), False, ("Kosten", "Gebühr", "Preis")),
    Target(
        "funding_source",
        gettext_lazy("Funding source"),
        text(200),
        False,
        ("Finanzierung", "Förderung", "Kostenträger"),
    ),
    Target(
        "contact",
        gettext_lazy("Contact"),
        text(200),
        False,
        ("Kontakt", "Ansprechperson", "Ansprechpartner"),
    ),
    Target("min_age", gettext_lazy("Minimum age"), integer, False, ("Mindestalter", "Alter ab")),
    Target("max_age", gettext_lazy("Maximum age"), integer, False, ("Höchstalter", "Alter bis")),
)
PARTNER_TARGETS: tuple[Target, ...] = (
    Target(
        "name",
        gettext_lazy("Name of the organisation"),
        text(200),
        True,
        ("Name", "Organisation", "Partner", "Einrichtung", "Träger"),
    ),
    Target(
        "kind",
        gettext_lazy("Type of organisation"),
        organisation_kind,
        True,
        ("Art", "Typ", "Organisationsart", "Art der Organisation"),
    ),
    Target(
        "legal_domain",
        gettext_lazy("Legal domain"),
        legal_domain,
        False,
        ("Rechtskreis", "Rechtsgrundlage"),
    ),
    Target(
        "joined_on",
        gettext_lazy("Joined on"),
        date,
        False,
        ("Beitritt", "beigetreten am", "Mitglied seit", "seit"),
    ),
    Target(
        "contact_name",
        gettext_lazy("Contact person"),
        text(200),
        False,
        ("Ansprechperson", "Ansprechpartner", "Kontakt", "Kontaktperson"),
    ),
    Target(
        "contact_function",
        gettext_lazy("Function"),
        text(200),
        False,
        ("Funktion", "Position", "Rolle"),
    ),
    Target("contact_email", gettext_lazy("E-mail"), text(254), False, ("E-Mail", "Mail", "Email")),
    Target("contact_phone", gettext_lazy("Phone"), text(40), False, ("Telefon", "Tel")),
)
