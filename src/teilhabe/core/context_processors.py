from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from teilhabe.core.navigation import navigation_for


def geography_source() -> str:
    """The Destatis attribution, shown on every page because place names come from it."""
    from teilhabe.municipalities.models import Edition

    line = cache.get("teilhabe:geography_source")
    if line is None:
        line = Edition.current_source_line()
        cache.set("teilhabe:geography_source", line, 300)
    return str(line)


def teilhabe(request: HttpRequest) -> dict[str, Any]:
    return {
        "demo_mode": settings.DEMO,
        "mfa_enforced": settings.REQUIRE_MFA,
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "current_alliance": getattr(request, "alliance", None),
        "navigation": navigation_for(request),
        "geography_source": SimpleLazyObject(geography_source),
    }
