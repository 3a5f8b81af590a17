"""Demo step of the privacy app: a data-protection officer login per alliance (for the
Teilhabemanagement office) and the default retention rules of every organisation."""

from __future__ import annotations

import random
from functools import cache

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from teilhabe.core.models import Alliance, Membership, Organisation, Role
from teilhabe.demo.common import DEMO_PASSWORD
from teilhabe.privacy.classification import PERSON_CATEGORIES
from teilhabe.privacy.models import RetentionRule, StartEvent
from teilhabe.privacy.retention import DEFAULT_MONTHS


@cache
def _password_hash() -> str:
    return make_password(DEMO_PASSWORD)


def extend_alliance(
    *,
    alliance: Alliance,
    organisations: dict[str, Organisation],
    rng: random.Random,
    profile: str,
) -> None:
    office = organisations.get(Organisation.Kind.TEILHABEMANAGEMENT)
    if office is not None:
        email = f"datenschutz@{alliance.slug}.demo"
        user, _ = User.objects.get_or_create(
            username=email, defaults={"email": email, "password": _password_hash()}
        )
        Membership.objects.get_or_create(
            user=user,
            organisation=office,
            role=Role.DATA_PROTECTION_OFFICER,
            defaults={"alliance": alliance},
        )
    RetentionRule.objects.bulk_create(
        [
            RetentionRule(
                alliance=alliance,
                organisation=org,
                category=category,
                months=DEFAULT_MONTHS[category],
                start_event=StartEvent.CASE_CLOSURE,
            )
            for org in organisations.values()
            for category in PERSON_CATEGORIES
        ],
        ignore_conflicts=True,
    )
