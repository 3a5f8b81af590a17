"""API authentication: a per-organisation token (`Authorization: Bearer <token>`) next to
the session, and the alliance scope for either.

A token's principal is its organisation with the role stored on the token; the path's
alliance must be the token's (else 404, like a non-member). Session users keep going
through `Principal.for_alliance`, and the MFA middleware still guards them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.http import Http404, HttpRequest
from django_scopes import scope
from ninja.security import HttpBearer

from teilhabe.api.models import ApiToken
from teilhabe.api.scope import alliance_scope
from teilhabe.api.tokens import api_token_authenticate, token_principal
from teilhabe.core.roles import Principal


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return api_token_authenticate(token)


token_auth = ApiTokenAuth()


def request_token(request: HttpRequest) -> ApiToken | None:
    auth: Any = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiToken) else None


@contextmanager
def api_scope(request: HttpRequest, slug: str) -> Iterator[Principal]:
    """The alliance scope for the caller, whether signed in or holding a token."""
    token = request_token(request)
    if token is None:
        with alliance_scope(request, slug) as principal:
            yield principal
        return
    if token.alliance.slug != slug:
        raise Http404
    with scope(alliance=token.alliance):
        yield token_principal(token)
