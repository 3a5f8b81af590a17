from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from teilhabe.core.navigation import navigation_for


def teilhabe(request: HttpRequest) -> dict[str, Any]:
    return {
        "demo_mode": settings.DEMO,
        "mfa_enforced": settings.REQUIRE_MFA,
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "current_alliance": getattr(request, "alliance", None),
        "navigation": navigation_for(request),
    }
