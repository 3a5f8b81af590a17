"""The one door into an alliance, shared by the page middleware and the API."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import OuterRef, Subquery
from django.http import Http404

from teilhabe.core.models import Membership, StateRole
from teilhabe.core.roles import Principal


def member_principal(user: User | AnonymousUser, slug: str) -> Principal:
    """The user as a member of the alliance `slug`; 404 for an unknown alliance and for a
    non-member alike, so the existence of an alliance's data is not revealed.

    One query: the memberships come with their alliance (every page pays for this)."""
    memberships: list[Membership] = []
    if user.is_authenticated:
        memberships = list(
            Membership.objects.filter(user=user, alliance__slug=slug, is_active=True)
            .select_related("organisation", "alliance")
            # The navigation asks for the state role on every page: it rides along here.
            .annotate(
                user_state_role=Subquery(
                    StateRole.objects.filter(user_id=OuterRef("user_id")).values("role")[:1]
                )
            )
            .order_by("organisation__name", "role")
        )
    if not memberships:
        raise Http404
    first = memberships[0]
    return Principal(
        user=user,
        alliance=first.alliance,
        memberships=memberships,
        known_state_role=(first.user_state_role or "",),  # type: ignore[attr-defined]
    )
