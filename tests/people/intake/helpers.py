"""Form data and URLs for the intake tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.clock import steady_clock
from tests.conftest import World

TODAY = dt.date.today()


def birth_for_age(age: int, on: dt.date = TODAY) -> dt.date:
    """A date of birth that makes the person `age` years old on `on` (half a year past the
    birthday, so no leap-day edge)."""
    return on.replace(year=on.year - age) - dt.timedelta(days=180)


def languages(*rows: tuple[str, str], prefix: str = "sprachen", initial: int = 0) -> dict:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(max(len(rows), 1)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "12",
    }
    for i, (code, level) in enumerate(rows):
        data[f"{prefix}-{i}-language"] = code
        data[f"{prefix}-{i}-level"] = level
    return data


def intake_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "given_name": "Mohammed",
        "family_name": "Al-Hassan",
        "date_of_birth": birth_for_age(22).isoformat(),
        "sex": "male",
        "nationality": "SY",
        "residence": "05315000",
        "arrival_date": (TODAY - dt.timedelta(days=400)).isoformat(),
        "phone": "0221 123456",
        "email": "m.hassan@example.org",
        "address": "Musterstraße 1, 50667 Köln",
        "intake_date": TODAY.isoformat(),
        "no_sgb_measures": "yes",
        "no_compulsory_schooling": "yes",
        "not_in_course_or_training": "unknown",
        **languages(("ar", "native"), ("de", "A2")),
        # The first residence status: a Duldung that expires in five weeks.
        "status-status": "toleration",
        "status-valid_from": (TODAY - dt.timedelta(days=150)).isoformat(),
        "status-valid_until": (TODAY + dt.timedelta(weeks=5)).isoformat(),
        # Schooling (the profile section).
        "profil-school_years_abroad": "9",
        "profil-school_years_germany": "1",
        "profil-legal_domains": ["asylblg"],
    }
    data.update(overrides)
    return data


def intake_url(world: World) -> str:
    return reverse("people:intake:create", args=[world.a.alliance.slug])


def detail_url(world: World, person_id: Any) -> str:
    return reverse("people:detail", args=[world.a.alliance.slug, person_id])


def count_queries(client: Any, url: str, **kwargs: Any) -> int:
    with steady_clock():
        client.get(url, **kwargs)  # warm caches so only per-page work counts
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, **kwargs).status_code == 200
    return len(ctx.captured_queries)
