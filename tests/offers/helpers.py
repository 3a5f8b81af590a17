"""Hand-made persons for matching and the gap analysis."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_scopes import scopes_disabled

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import NeedAssessment
from teilhabe.core.models import Organisation
from teilhabe.people.models import PersonLanguage, Profile, ResidenceStatusEntry
from tests import factories as f

TODAY = dt.date(2026, 11, 21)


def field(key: str) -> FieldOfAction:
    return FieldOfAction.objects.get(alliance=None, key=key)


def person(
    owner: Organisation,
    *,
    status: str | None = "toleration",
    born: dt.date = dt.date(2004, 3, 1),
    german: str | None = None,
    domains: list[str] | None = None,
    needs: dict[str, str] | None = None,
    case_status: str = "open",
    conditions: list[str] | None = None,
) -> Any:
    """A person with a current status, German level, legal domains, an open case and the
    needs given as {field key: level}."""
    with scopes_disabled():
        p = f.PersonFactory(owner=owner, date_of_birth=born)
        alliance = owner.alliance
        if status is not None:
            ResidenceStatusEntry.objects.create(
                alliance=alliance,
                person=p,
                status=status,
                valid_from=dt.date(2025, 1, 1),
                conditions=conditions or [],
            )
        if german is not None:
            PersonLanguage.objects.create(alliance=alliance, person=p, language="de", level=german)
        if domains is not None:
            Profile.objects.create(alliance=alliance, person=p, legal_domains=domains)
        case = f.CaseFactory(person=p, status=case_status)
        for key, level in (needs or {}).items():
            NeedAssessment.objects.create(
                alliance=alliance,
                case=case,
                field_of_action=field(key),
                level=level,
                assessed_on=dt.date(2026, 10, 1),
                organisation=owner,
            )
    p.case = case
    return p
