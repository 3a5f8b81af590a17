"""The one door into an alliance, shared by the page middleware and the API."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404

from teilhabe.core.models import Alliance
from teilhabe.core.roles import Principal


def member_principal(user: User | AnonymousUser, slug: str) -> Principal:
    """The user as a member of the alliance `slug`; 404 for an unknown alliance and for a
    non-member alike, so the existence of an alliance's data is not revealed."""
    alliance = Alliance.objects.filter(slug=slug).first()
    if alliance is None:
        raise Http404
    principal = Principal.for_alliance(user, alliance)
    if not principal.is_member:
        raise Http404
    return principal
