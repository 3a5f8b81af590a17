"""Who may do what: derived from memberships, in one place.

A `Principal` is the user as seen inside one alliance (or statewide). Views and API handlers
ask it questions instead of inspecting memberships themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User

from teilhabe.core.models import (
    Alliance,
    Membership,
    Organisation,
    Role,
    StateRole,
    StateRoleKind,
)


@dataclass
class Principal:
    user: User | AnonymousUser
    alliance: Alliance | None = None
    memberships: list[Membership] = field(default_factory=list)
    # (role or "",) when loaded with the memberships; empty: ask the database.
    known_state_role: tuple[str, ...] = ()

    @classmethod
    def for_alliance(cls, user: User | AnonymousUser, alliance: Alliance) -> Principal:
        memberships: list[Membership] = []
        if user.is_authenticated:
            memberships = list(
                Membership.objects.filter(user=user, alliance=alliance, is_active=True)
                .select_related("organisation")
                .order_by("organisation__name", "role")
            )
        return cls(user=user, alliance=alliance, memberships=memberships)

    def need_to_know_user_id(self) -> Any:
        """Whose assigned persons a need-to-know membership opens: the signed-in user
        (an API token answers its issuer, see `api.tokens.TokenPrincipal`)."""
        return self.user.pk

    def roles(self) -> set[str]:
        return {m.role for m in self.memberships}

    def has_role(self, role: str) -> bool:
        return role in self.roles()

    @property
    def is_member(self) -> bool:
        return bool(self.memberships)

    def organisations(self, role: str | None = None) -> list[Organisation]:
        seen: dict[object, Organisation] = {}
        for m in self.memberships:
            if role is None or m.role == role:
                seen[m.organisation_id] = m.organisation
        return list(seen.values())

    def case_manager_memberships(self) -> list[Membership]:
        return [m for m in self.memberships if m.role == Role.CASE_MANAGER]

    @property
    def can_read_persons(self) -> bool:
        """Roles that may ever open a person: case managers, and partners through consent."""
        return any(m.role in (Role.CASE_MANAGER, Role.PARTNER_STAFF) for m in self.memberships)

    @property
    def is_coordinator(self) -> bool:
        return self.has_role(Role.COORDINATOR)

    @property
    def is_dpo(self) -> bool:
        """Data-protection officer of at least one organisation in this alliance."""
        return self.has_role(Role.DATA_PROTECTION_OFFICER)

    def dpo_organisations(self) -> list[Organisation]:
        """The organisations (controllers) this principal is data-protection officer of."""
        return self.organisations(Role.DATA_PROTECTION_OFFICER)

    def dpo_organisation(self, organisation_id: object) -> Organisation | None:
        return next((o for o in self.dpo_organisations() if o.pk == organisation_id), None)


# Who imports which kind of list (transfer.ImportKind): a case manager the persons and
# participations of their organisation, a coordinator the alliance's offer catalogue and
# partners. Kept here, the one place, because the navigation (core) asks it too.
IMPORT_ROLES: dict[str, str] = {
    "persons": Role.CASE_MANAGER,
    "participations": Role.CASE_MANAGER,
    "offers": Role.COORDINATOR,
    "partners": Role.COORDINATOR,
}


def import_kinds(principal: Principal) -> list[str]:
    """The kinds of list the principal may import in this alliance."""
    roles = principal.roles()
    return [kind for kind, role in IMPORT_ROLES.items() if role in roles]


def import_organisations(principal: Principal, kind: str) -> list[Organisation]:
    """The organisations the principal imports a list of `kind` for."""
    return principal.organisations(IMPORT_ROLES[kind])


# Members other than volunteers: volunteers see accompaniment material only.
STAFF_ROLES = frozenset({Role.CASE_MANAGER, Role.COORDINATOR, Role.PARTNER_STAFF})


def is_alliance_staff(principal: Principal) -> bool:
    return bool(principal.roles() & STAFF_ROLES)


def state_role(user: User | AnonymousUser, principal: Principal | None = None) -> str | None:
    if principal is not None and principal.known_state_role:
        return principal.known_state_role[0] or None
    if not user.is_authenticated:
        return None
    try:
        return StateRole.objects.only("role").get(user=user).role
    except StateRole.DoesNotExist:
        return None


def is_state_coordinator(user: User | AnonymousUser, principal: Principal | None = None) -> bool:
    """The state coordinator: the initiative's writes (declarations, budgets, runs)."""
    return state_role(user, principal) == StateRoleKind.STATE_COORDINATOR


def is_state_reader(user: User | AnonymousUser, principal: Principal | None = None) -> bool:
    """State coordinator or scientific process support: statewide aggregates only."""
    return state_role(user, principal) in (
        StateRoleKind.STATE_COORDINATOR,
        StateRoleKind.RESEARCHER,
    )


def user_has_person_access(user: User | AnonymousUser) -> bool:
    """Anyone who could see a person anywhere must use a second factor: volunteers too, as
    a mentoring pair shows its volunteer the young person's first name and languages."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user,
        is_active=True,
        role__in=[
            Role.CASE_MANAGER,
            Role.PARTNER_STAFF,
            Role.DATA_PROTECTION_OFFICER,
            Role.VOLUNTEER,
        ],
    ).exists()
