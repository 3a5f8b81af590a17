"""Display filters for person data: country, language, residence status and CEFR level
names in the active language (`{% load people_extras %}`)."""

from __future__ import annotations

from django import template

from teilhabe.people.access import PersonAccess, access_label
from teilhabe.people.countries import country_name as _country_name
from teilhabe.people.languages import language_name as _language_name
from teilhabe.people.models import ResidenceStatus

register = template.Library()


@register.filter
def country_name(code: str | None) -> str:
    """`{{ person.nationality|country_name }}` → "Syrien"; empty for no code."""
    return _country_name(code)


@register.filter
def language_name(code: str | None) -> str:
    return _language_name(code)


@register.filter
def residence_status_label(value: str | None) -> str:
    """The label of a ResidenceStatus value, e.g. of an annotated `current_status`."""
    if not value:
        return ""
    try:
        return str(ResidenceStatus(value).label)
    except ValueError:
        return value


@register.filter
def person_label(access: PersonAccess) -> str:
    """`{{ access|person_label }}`: the person's name, or the pseudonymous label where the
    access lacks the master data (`people.access.person_label`, the same everywhere)."""
    return access_label(access)
