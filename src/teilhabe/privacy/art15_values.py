"""How one stored value appears in the Art. 15 answer: a machine value for the JSON and a
text for the person, in the active language.

A coded value (a choice, a country, a language, a data category, an offer category, a rule)
is `{"code": "AF", "label": "Afghanistan"}` in the JSON, so a machine keeps the code and a
reader the name; its text is the label. Dates stay ISO 8601 in the JSON and are printed in
the language's short format (German: 09.03.2004; times 09.03.2004 14:03, Europe/Berlin).
The labels come from where the pages take them (people.countries, people.languages, the
model choices, the offer categories, the rule names): no second list of names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teilhabe.people.countries import country_name
from teilhabe.people.languages import language_name
from teilhabe.people.models import Person

Labeller = Callable[[str], str]


def _choices(choices: type[models.TextChoices]) -> Labeller:
    def label(code: str) -> str:
        return str(dict(choices.choices).get(code, code))

    return label


def coded_fields(person: Person) -> dict[str, Labeller]:
    """`app.Model.field` → labeller, for the coded fields that have no model choices
    (model choices are found on the field itself). A finding names its participations by
    their ids; the person reads their titles."""
    from teilhabe.casework.models import DataCategory
    from teilhabe.offers.selectors import alliance_category_labels
    from teilhabe.people.models import LegalDomain, StatusCondition
    from teilhabe.recognition.models import DocumentKind
    from teilhabe.trajectories.models import Participation
    from teilhabe.trajectories.rates import rule_label

    offer_categories = alliance_category_labels(person.alliance_id)
    titles = {
        str(pk): own or offer or ""
        for pk, own, offer in Participation.objects.filter(person=person).values_list(
            "pk", "external_title", "offer__title"
        )
    }
    return {
        "people.Person.nationality": country_name,
        "people.Certificate.country": country_name,
        "people.Experience.country": country_name,
        "people.PersonLanguage.language": language_name,
        "people.InterpreterNeed.language": language_name,
        "people.Profile.legal_domains": _choices(LegalDomain),
        "people.ResidenceStatusEntry.conditions": _choices(StatusCondition),
        "casework.Consent.categories": _choices(DataCategory),
        "recognition.RecognitionProcedure.documents": _choices(DocumentKind),
        "casework.Referral.categories": _choices(DataCategory),
        "trajectories.Participation.category": lambda c: offer_categories.get(c, c),
        "trajectories.Finding.rule": rule_label,
        "trajectories.FindingReview.rule": rule_label,
        "trajectories.Finding.participation_ids": lambda pk: titles.get(pk, ""),
    }


def date_text(value: dt.date | dt.datetime) -> str:
    """German: 09.03.2004 and 09.03.2004 14:03 (local time). Other languages spell the
    month out ("March 9, 2004"), so no reader takes 03/09 for 3 September."""
    short = (get_language() or "de").startswith("de")
    if isinstance(value, dt.datetime):
        kind = "SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT"
        return formats.date_format(timezone.localtime(value), kind)
    return formats.date_format(value, "SHORT_DATE_FORMAT" if short else "DATE_FORMAT")


def coded(code: str, labeller: Labeller) -> dict[str, str]:
    return {"code": code, "label": str(labeller(code))}


def value_of(obj: models.Model, f: models.Field, labeller: Labeller | None) -> Any:
    """(machine value, text), or None for an empty field."""
    if f.many_to_many:
        names = [str(o) for o in getattr(obj, f.name).all()]
        return (names, ", ".join(names)) if names else None
    value = getattr(obj, f.name)
    if value is None or value == "" or value == []:
        return None
    if f.choices:
        label = str(getattr(obj, f"get_{f.name}_display")())
        return {"code": value, "label": label}, label
    if labeller is not None:
        items = [coded(str(v), labeller) for v in (value if isinstance(value, list) else [value])]
        text = ", ".join(i["label"] for i in items)
        return (items if isinstance(value, list) else items[0]), text
    if isinstance(f, models.FileField):
        name = value.name.rsplit("/", 1)[-1]
        return name, name
    if isinstance(value, models.Model):
        return str(value), str(value)
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes"), formats.time_format(value, "TIME_FORMAT")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(), date_text(value)
    if isinstance(value, bool):
        return value, _("yes") if value else _("no")
    if isinstance(value, list):
        return value, ", ".join(str(v) for v in value)
    return value, str(value)
