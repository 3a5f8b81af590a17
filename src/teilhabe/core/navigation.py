"""Navigation by role: each entry is shown only to users who may open it.

The main line holds the pages a role uses daily and must fit one line at 1280 px; the rest
sits under "More" (a <details> disclosure in base.html). On a phone the whole list folds
into a menu button, again a <details>, so it works without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from teilhabe.core.models import Role
from teilhabe.core.roles import Principal, import_kinds, is_alliance_staff, state_role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool = False


@dataclass
class Navigation:
    primary: list[NavItem] = field(default_factory=list)
    more: list[NavItem] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.primary or self.more)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter([*self.primary, *self.more])

    @property
    def more_active(self) -> bool:
        return any(item.active for item in self.more)


def _entries(request: HttpRequest) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    user = request.user
    primary: list[tuple[str, str]] = []
    more: list[tuple[str, str]] = []
    principal: Principal | None = getattr(request, "principal", None)
    role = state_role(user, principal)
    if principal is not None and principal.alliance is not None:
        slug = principal.alliance.slug

        def url(name: str) -> str:
            return reverse(name, args=[slug])

        # The alliance's start page is the user's start: one entry, not "Start" and the name.
        primary.append((pgettext("start page", "Start"), url("core:alliance_home")))
        if principal.can_read_persons:
            primary.append((_("Persons"), url("people:list")))
            primary.append((_("Referrals"), url("people:sharing:referral_inbox")))
        if principal.has_role(Role.CASE_MANAGER):
            primary.append((_("Early warning"), url("trajectories_alliance:flagged")))
        if principal.is_dpo:
            primary.append((_("Data protection"), url("privacy:home")))
        # Offer catalogue: every member; the gap analysis: coordinators.
        primary.append((_("Offers"), url("offers:offer_list")))
        if principal.is_coordinator:
            primary.append((_("Offer gaps"), url("offers:gap_matrix")))
        if principal.is_coordinator or principal.case_manager_memberships():
            primary.append((_("Evaluation"), url("reporting_alliance:dashboard")))
        # Alliance work is for staff; volunteers and data-protection officers get the
        # accompaniment pages every member may open.
        if is_alliance_staff(principal):
            primary.append((pgettext("navigation", "Alliance"), url("alliances:overview")))
        else:
            primary.append((_("Contact points"), url("alliances:contact_list")))
            primary.append((_("Knowledge base"), url("alliances:article_list")))
        # Trainings and events: every member; in front for those who do no casework.
        (more if is_alliance_staff(principal) else primary).append(
            (_("Trainings and events"), url("trainings:list"))
        )
        if is_alliance_staff(principal):
            more.append((_("Employers"), url("employers:employer_list")))
        if import_kinds(principal):
            more.append((_("Imports"), url("transfer:job_list")))
        if principal.is_coordinator:
            more.append((_("Maßnahme-Karrieren"), url("trajectories_alliance:rates")))
            more.append((_("Audit log"), url("core:audit_log")))
    elif not role:  # a state role's start is the state overview (core:home redirects there)
        primary.append((pgettext("start page", "Start"), reverse("core:home")))
    if role:
        # Inside an alliance the state pages are the rarer ones: they move under "More".
        in_alliance = principal is not None and principal.alliance is not None
        state = more if in_alliance else primary
        state.append((_("State overview"), reverse("core:state_home")))
        state.append((_("Initiative"), reverse("alliances_state:initiative")))
        state.append((_("Monitoring"), reverse("reporting_state:monitoring")))
        more.append((_("Maßnahme-Karrieren (state)"), reverse("trajectories_state:rates")))
    if user.is_superuser:  # the platform's operator: scheduled jobs, login lockouts
        primary.append((_("Operation"), reverse("ops:jobs")))
    more.append((_("Reference geography"), reverse("municipalities:kreis_list")))
    more.append((_("Security"), reverse("mfa_index")))
    return primary, more


def navigation_for(request: HttpRequest) -> Navigation:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Navigation()
    primary, more = _entries(request)
    # The longest URL that prefixes the path is the active entry ("/" only on itself).
    matches = [
        url
        for _label, url in primary + more
        if request.path == url or (url != "/" and request.path.startswith(url))
    ]
    active = max(matches, key=len, default=None)
    # The alliance start page is a prefix of every alliance page: active only on itself.
    alliance = getattr(getattr(request, "principal", None), "alliance", None)
    if alliance is not None and active == reverse("core:alliance_home", args=[alliance.slug]):
        active = active if request.path == active else None

    def items(entries: list[tuple[str, str]]) -> list[NavItem]:
        return [NavItem(label, url, url == active) for label, url in entries]

    return Navigation(primary=items(primary), more=items(more))
