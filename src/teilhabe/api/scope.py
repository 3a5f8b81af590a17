"""Alliance scope for API handlers: the same rule as the page middleware (404 for
non-members), as a context manager because ninja passes path parameters to the handler."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.http import HttpRequest
from django_scopes import scope

from teilhabe.core.access import member_principal
from teilhabe.core.roles import Principal


@contextmanager
def alliance_scope(request: HttpRequest, slug: str) -> Iterator[Principal]:
    principal = member_principal(request.user, slug)  # type: ignore[arg-type]
    with scope(alliance=principal.alliance):
        yield principal
