"""What the import template says about each column: what to enter, the example row's
value, the kind of check and the dropdown's words. `COLUMNS` is keyed by target name; a kind
of list whose target shares a name with another kind's but means something else (an
offer's "title" is not a participation's) has its own entries in `KIND_COLUMNS`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.alliances.models import LegalDomain
from teilhabe.core.models import Organisation
from teilhabe.offers.models import Category
from teilhabe.people.models import ResidenceStatus, Sex
from teilhabe.trajectories.models import LEVELS, Outcome, Transition

Kind = Literal["text", "date", "list"]


def _labels(choices: Any) -> list[str]:
    return [str(label) for _key, label in choices.choices]


def yes_no_words() -> list[str]:
    return [_("yes"), _("no")]


@dataclass(frozen=True)
class Column:
    """What the template says about one target field, keyed by the target's name."""

    what: Any  # a lazy translation: what to enter
    example: Callable[[dt.date], Any]  # today -> the example row's value
    kind: Kind = "text"
    options: Callable[[], list[str]] | None = None  # the dropdown's words
    strict: bool = True  # refuse other values (False: warn only; the import accepts more)
    allowed: Any = None  # what the explanation sheet says instead of the list of options


def _years_ago(years: int, month: int, day: int) -> Callable[[dt.date], dt.date]:
    return lambda today: dt.date(today.year - years, month, day)


def _days(offset: int) -> Callable[[dt.date], dt.date]:
    return lambda today: today + dt.timedelta(days=offset)


def _fixed(value: Any) -> Callable[[dt.date], Any]:
    return lambda _today: value


COLUMNS: dict[str, Column] = {
    "person_id": Column(
        gettext_lazy(
            "The person ID from a Teilhabe person export. Without it, the person is found "
            "by given name, family name and date of birth."
        ),
        _fixed(""),
        allowed=gettext_lazy("ID from the person export"),
    ),
    "given_name": Column(gettext_lazy("As in the identity document."), _fixed("Beispiel")),
    "family_name": Column(gettext_lazy("As in the identity document."), _fixed("Muster")),
    "date_of_birth": Column(
        gettext_lazy("The date of birth as in the identity document."),
        _years_ago(20, 1, 31),
        "date",
    ),
    "sex": Column(
        gettext_lazy("Choose from the list."), _fixed(Sex.FEMALE), "list", lambda: _labels(Sex)
    ),
    "nationality": Column(
        gettext_lazy("The German name of the country or its ISO code (SY for Syria)."),
        _fixed("Syrien"),
        allowed=gettext_lazy("Country name in German or ISO code"),
    ),
    "residence": Column(
        gettext_lazy(
            "The municipality of your alliance where the person lives: choose from the list "
            "or enter its official municipality key (AGS)."
        ),
        _fixed(""),  # the alliance's first municipality, see template_workbook
        "list",
        strict=False,
        allowed=gettext_lazy("A municipality of your alliance or its AGS"),
    ),
    "arrival_date": Column(
        gettext_lazy("The day of arrival in Germany, if known."), _years_ago(2, 3, 15), "date"
    ),
    "phone": Column(
        gettext_lazy("A phone number at which the person can be reached."),
        _fixed("0221 0000000"),
    ),
    "email": Column(
        gettext_lazy("An e-mail address of the person."),
        _fixed("beispiel.muster@example.org"),
        allowed=gettext_lazy("E-mail address"),
    ),
    "address": Column(
        gettext_lazy("Street, house number, postcode and town."),
        _fixed("Musterstraße 1, 50667 Köln"),
    ),
    "intake_date": Column(
        gettext_lazy("The day the person was taken into case management. Empty: today."),
        _days(0),
        "date",
    ),
    "residence_status": Column(
        gettext_lazy("The current residence status: choose from the list."),
        _fixed(ResidenceStatus.TOLERATION),
        "list",
        lambda: _labels(ResidenceStatus),
    ),
    "legal_basis": Column(
        gettext_lazy("The legal basis of the status. Needed for a residence permit."),
        _fixed("§ 60a Abs. 2 AufenthG"),
    ),
    "status_valid_from": Column(
        gettext_lazy("The day the status applies from. Empty: the intake date."),
        _days(-90),
        "date",
    ),
    "status_valid_until": Column(
        gettext_lazy("The day the status ends, as on the document."), _days(270), "date"
    ),
    "languages": Column(
        gettext_lazy(
            "Each language with its level (A1 to C2, or Muttersprache), separated by commas."
        ),
        _fixed("Arabisch Muttersprache, Deutsch B1"),
    ),
    "title": Column(
        gettext_lazy(
            "The name of the measure. An offer of your alliance with exactly this title is linked."
        ),
        _fixed("Sprachkurs B1 (Beispiel)"),
    ),
    "provider": Column(
        gettext_lazy("The provider of a measure outside the offer catalogue."),
        _fixed("Bildungswerk Muster"),
    ),
    "category": Column(
        gettext_lazy(
            "The category of a measure outside the offer catalogue: choose from the list or "
            "enter a category of your alliance."
        ),
        _fixed(Category.LANGUAGE_COURSE),
        "list",
        lambda: _labels(Category),
        strict=False,
    ),
    "start": Column(gettext_lazy("The first day of the participation."), _days(-200), "date"),
    "end": Column(
        gettext_lazy("The last day. Empty while the measure is ongoing."), _days(-20), "date"
    ),
    "outcome": Column(
        gettext_lazy("Choose from the list. Empty: completed with an end, otherwise ongoing."),
        _fixed(Outcome.COMPLETED),
        "list",
        lambda: _labels(Outcome),
    ),
    "level_reached": Column(
        gettext_lazy("The language level reached (CEFR), for language courses."),
        _fixed("B1"),
        "list",
        lambda: list(LEVELS),
    ),
    "certificate": Column(
        gettext_lazy("Was a certificate obtained? Choose yes or no."),
        _fixed(True),
        "list",
        yes_no_words,
    ),
    "certificate_title": Column(
        gettext_lazy("The name of the certificate."), _fixed("Deutsch-Test für Zuwanderer B1")
    ),
    "transition": Column(
        gettext_lazy("Where the person went afterwards: choose from the list."),
        _fixed(Transition.VOCATIONAL_TRAINING),
        "list",
        lambda: _labels(Transition),
    ),
}

# Offers and partners: the coordinator's lists (transfer.catalogue).
OFFER_COLUMNS: dict[str, Column] = {
    "title": Column(
        gettext_lazy("The title of the offer as it appears in the catalogue."),
        _fixed("Deutschkurs B1 am Abend (Beispiel)"),
    ),
    "provider": Column(
        gettext_lazy(
            "The organisation of your alliance that runs the offer: choose from the list."
        ),
        _fixed(""),  # the alliance's first organisation, see template_workbook
        "list",
        allowed=gettext_lazy("An organisation of your alliance"),
    ),
    "category": Column(
        gettext_lazy("Choose from the list or enter a category of your alliance."),
        _fixed(Category.LANGUAGE_COURSE),
        "list",
        lambda: _labels(Category),
        strict=False,
    ),
    "description": Column(
        gettext_lazy("What the offer is about, in a few sentences."),
        _fixed("Sprachkurs mit Prüfung, zweimal pro Woche"),
    ),
    "target_level": Column(
        gettext_lazy("The language level the course leads to (CEFR), for language courses."),
        _fixed("B1"),
        "list",
        lambda: list(LEVELS),
    ),
    "places": Column(
        gettext_lazy("The number of places, as a whole number. Empty: no fixed number."),
        _fixed(16),
        allowed=gettext_lazy("Whole number"),
    ),
    "free_places": Column(
        gettext_lazy("How many of the places are free, at most the number of places."),
        _fixed(4),
        allowed=gettext_lazy("Whole number"),
    ),
    "schedule": Column(gettext_lazy("When the offer takes place."), _fixed("Mo und Mi 18–20 Uhr")),
    "starts_on": Column(gettext_lazy("The first day of the offer."), _days(30), "date"),
    "ends_on": Column(
        gettext_lazy("The last day of the offer, not before the first."), _days(200), "date"
    ),
    "location": Column(
        gettext_lazy(
            "The municipality of your alliance where the offer takes place: choose from the "
            "list or enter its official municipality key (AGS)."
        ),
        _fixed(""),  # the alliance's first municipality, see template_workbook
        "list",
        strict=False,
        allowed=gettext_lazy("A municipality of your alliance or its AGS"),
    ),
    "venue": Column(gettext_lazy("Address or name of the place."), _fixed("Musterstraße 1")),
    "costs": Column(gettext_lazy("What taking part costs."), _fixed("kostenfrei")),
    "funding_source": Column(
        gettext_lazy("Who pays for the offer."), _fixed("Bundesamt für Migration")
    ),
    "contact": Column(
        gettext_lazy("A business contact of the provider for questions."),
        _fixed("Kursbüro, 0221 0000000"),
    ),
    "min_age": Column(
        gettext_lazy("The youngest age that may take part. Empty: no limit."),
        _fixed(18),
        allowed=gettext_lazy("Whole number"),
    ),
    "max_age": Column(
        gettext_lazy("The oldest age that may take part. Empty: no limit."),
        _fixed(27),
        allowed=gettext_lazy("Whole number"),
    ),
}
PARTNER_COLUMNS: dict[str, Column] = {
    "name": Column(
        gettext_lazy("The name of the organisation, as it should appear in Teilhabe."),
        _fixed("Bildungswerk Muster (Beispiel)"),
    ),
    "kind": Column(
        gettext_lazy("The type of organisation: choose from the list."),
        _fixed(Organisation.Kind.BILDUNGSTRAEGER),
        "list",
        lambda: _labels(Organisation.Kind),
    ),
    "legal_domain": Column(
        gettext_lazy("The legal domain the partner stands for: choose from the list."),
        _fixed(LegalDomain.NONE),
        "list",
        lambda: _labels(LegalDomain),
    ),
    "joined_on": Column(
        gettext_lazy("The day the organisation joined the alliance."), _days(-60), "date"
    ),
    "contact_name": Column(
        gettext_lazy("The person to contact at the organisation."), _fixed("Erika Muster")
    ),
    "contact_function": Column(
        gettext_lazy("Their function at the organisation."), _fixed("Bereichsleitung")
    ),
    "contact_email": Column(
        gettext_lazy("Their business e-mail address."),
        _fixed("kontakt@example.org"),
        allowed=gettext_lazy("E-mail address"),
    ),
    "contact_phone": Column(gettext_lazy("Their business phone number."), _fixed("0221 0000000")),
}
KIND_COLUMNS: dict[str, dict[str, Column]] = {"offers": OFFER_COLUMNS, "partners": PARTNER_COLUMNS}
# Choices whose example value the template shows as its label.
CHOICES = (Sex, ResidenceStatus, Outcome, Transition, Category, Organisation.Kind, LegalDomain)


def column(kind: str, name: str) -> Column:
    """What the template says about the target `name` of a list of `kind`."""
    return KIND_COLUMNS.get(kind, {}).get(name) or COLUMNS[name]
