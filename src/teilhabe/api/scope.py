"""Alliance scope for API handlers: the same rule as the page middleware (404 for
non-members), as a context manager because ninja passes path parameters to the handler."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.http import Http404, HttpRequest
from django_scopes import scope

from teilhabe.core.models import Alliance
from teilhabe.core.roles import Principal


@contextmanager
def alliance_scope(request: HttpRequest, slug: str) -> Iterator[Principal]:
    alliance = Alliance.objects.filter(slug=slug).first()
    if alliance is None:
        raise Http404
    principal = Principal.for_alliance(request.user, alliance)
    if not principal.is_member:
        raise Http404
    with scope(alliance=alliance):
        yield principal
