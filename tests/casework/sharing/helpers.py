"""Small helpers shared by the sharing tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django_scopes import scope

from teilhabe.casework.models import Consent
from teilhabe.casework.sharing import services
from teilhabe.core.models import Organisation
from teilhabe.core.roles import Principal
from teilhabe.people.access import PersonAccess, get_person_access
from tests.conftest import World


def url(name: str, world: World, *args: Any) -> str:
    return reverse(name, args=[world.a.alliance.slug, *args])


def owner_access(world: World, person: Any = None) -> PersonAccess:
    principal = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
    with scope(alliance=world.a.alliance):
        return get_person_access(principal, (person or world.a.person).pk)


def give_consent(
    world: World,
    recipients: list[Organisation],
    categories: list[str],
    *,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> Consent:
    access = owner_access(world)
    with scope(alliance=world.a.alliance):
        return services.consent_record(
            access=access,
            recipients=recipients,
            purpose=Consent.Purpose.REFERRAL,
            categories=categories,
            valid_from=valid_from or dt.date.today() - dt.timedelta(days=1),
            valid_until=valid_until,
        )
