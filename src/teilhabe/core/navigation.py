"""Navigation by role: each entry is shown only to users who may open it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from teilhabe.core.models import Role
from teilhabe.core.roles import Principal, state_role


def navigation_for(request: HttpRequest) -> list[dict[str, Any]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items: list[tuple[str, str]] = [(pgettext("start page", "Start"), reverse("core:home"))]
    principal: Principal | None = getattr(request, "principal", None)
    if principal is not None and principal.alliance is not None:
        slug = principal.alliance.slug
        items.append((principal.alliance.name, reverse("core:alliance_home", args=[slug])))
        if principal.can_read_persons:
            items.append((_("Persons"), reverse("people:list", args=[slug])))
            items.append((_("Referrals"), reverse("people:sharing:referral_inbox", args=[slug])))
            if principal.has_role(Role.CASE_MANAGER):
                url = reverse("trajectories_alliance:flagged", args=[slug])
                items.append((_("Early warning"), url))
        if principal.case_manager_memberships():
            items.append((_("Imports"), reverse("transfer:job_list", args=[slug])))
        if principal.is_coordinator:
            items.append((_("Audit log"), reverse("core:audit_log", args=[slug])))
            url = reverse("trajectories_alliance:rates", args=[slug])
            items.append((_("Maßnahme-Karrieren"), url))
        if principal.is_dpo:
            items.append((_("Data protection"), reverse("privacy:home", args=[slug])))
        # Offer catalogue (teilhabe.offers): every member; the gap analysis: coordinators.
        items.append((_("Offers"), reverse("offers:offer_list", args=[slug])))
        if principal.is_coordinator:
            items.append((_("Offer gaps"), reverse("offers:gap_matrix", args=[slug])))
        if principal.is_coordinator or principal.case_manager_memberships():
            items.append((_("Evaluation"), reverse("reporting_alliance:dashboard", args=[slug])))
        # Alliance work (teilhabe.alliances): volunteers see only the accompaniment pages.
        if principal.roles() - {Role.VOLUNTEER}:
            items.append((_("Alliance work"), reverse("alliances:overview", args=[slug])))
        else:
            items.append((_("Contact points"), reverse("alliances:contact_list", args=[slug])))
            items.append((_("Knowledge base"), reverse("alliances:article_list", args=[slug])))
    if state_role(user, principal):
        items.append((_("State overview"), reverse("core:state_home")))
        items.append((_("Initiative"), reverse("alliances_state:initiative")))
        items.append((_("Maßnahme-Karrieren"), reverse("trajectories_state:rates")))
        items.append((_("Monitoring"), reverse("reporting_state:monitoring")))
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
