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
    path = request.path
    result = []
    for label, url in items:
        # The longest matching prefix is the active entry ("Start" only on its own page).
        result.append({"label": label, "url": url, "active": False})
    best = max(
        (i for i, e in enumerate(result) if path == e["url"] or
         (e["url"] != "/" and path.startswith(e["url"]))),
        key=lambda i: len(result[i]["url"]),
        default=None,
    )
    if best is not None:
        result[best]["active"] = True
    return result
