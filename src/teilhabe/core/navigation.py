"""Navigation by role: each entry is shown only to users who may open it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.core.roles import Principal, state_role


def navigation_for(request: HttpRequest) -> list[dict[str, Any]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items: list[tuple[str, str]] = [(_("Start"), reverse("core:home"))]
    principal: Principal | None = getattr(request, "principal", None)
    if principal is not None and principal.alliance is not None:
        slug = principal.alliance.slug
        items.append((principal.alliance.name, reverse("core:alliance_home", args=[slug])))
        if principal.can_read_persons:
            items.append((_("Persons"), reverse("people:list", args=[slug])))
        if principal.is_coordinator:
            items.append((_("Audit log"), reverse("core:audit_log", args=[slug])))
    if state_role(user):
        items.append((_("State overview"), reverse("core:state_home")))
    items.append((_("Reference geography"), reverse("municipalities:kreis_list")))
    items.append((_("Security"), reverse("mfa_index")))
    # The longest URL that prefixes the path is the active entry ("/" only on itself).
    matches = [
        url
        for _, url in items
        if request.path == url or (url != "/" and request.path.startswith(url))
    ]
    active = max(matches, key=len, default=None)
    return [{"label": label, "url": url, "active": url == active} for label, url in items]
