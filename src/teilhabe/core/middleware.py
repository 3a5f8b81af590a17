"""Request middleware: request id, session lifetime, no-store, MFA gate, alliance scope."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_scopes import scope

from teilhabe.core.access import member_principal
from teilhabe.core.request_context import (
    reset_request,
    reset_request_id,
    set_request,
    set_request_id,
)
from teilhabe.core.roles import user_has_person_access

Handler = Callable[[HttpRequest], HttpResponse]
SESSION_STARTED_KEY = "teilhabe_session_started"
SESSION_RENEWED_KEY = "teilhabe_session_renewed"


class RequestIdMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = set_request_id(request_id)
        request_token = set_request(request)
        try:
            response = self.get_response(request)
        finally:
            reset_request(request_token)
            reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response


class SessionLifetimeMiddleware:
    """Absolute session lifetime (12 h) and the idle limit (SESSION_COOKIE_AGE, 30 min).

    Activity renews the idle timer by saving the session, but at most once a minute
    (SESSION_RENEW_SECONDS) instead of on every request: a page then costs no session
    write, and the idle limit is exact to that minute. The session-timeout warning script
    pings `core:session_extend`, which always renews."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            session = request.session
            started = session.get(SESSION_STARTED_KEY)
            now = time.time()
            if started is None:
                session[SESSION_STARTED_KEY] = now
            elif now - float(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
            renewed = float(session.get(SESSION_RENEWED_KEY, 0))
            if now - renewed >= settings.SESSION_RENEW_SECONDS:
                session[SESSION_RENEWED_KEY] = now  # modified: saved with a new expiry
        return self.get_response(request)


class NoStoreMiddleware:
    """Authenticated pages hold personal data: never keep them in any cache."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


def session_has_mfa(request: HttpRequest) -> bool:
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]
    return any(r.get("method") == "mfa" for r in records)


class MfaRequiredMiddleware:
    """With TEILHABE_REQUIRE_MFA, a user who could see persons reaches no alliance page
    (and no API), and staff reach no admin page, before setting up and passing a second
    factor in this session."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        if not settings.REQUIRE_MFA or not request.user.is_authenticated:
            return None
        # The admin reaches every row: its staff need the second factor, persons or not.
        in_admin = getattr(request.resolver_match, "app_name", "") == "admin"
        guarded = "alliance_slug" in kwargs or request.path.startswith("/api/") or in_admin
        if not guarded or session_has_mfa(request):
            return None
        if not (request.user.is_staff if in_admin else user_has_person_access(request.user)):
            return None
        if request.path.startswith("/api/"):
            return HttpResponse(status=403)
        from allauth.mfa.utils import is_mfa_enabled

        target = "mfa_activate_totp" if not is_mfa_enabled(request.user) else "mfa_index"
        return redirect(f"{reverse(target)}?next={request.path}")


class AllianceScopeMiddleware:
    """Resolve the alliance from the URL, require a membership, run the view in its scope.

    Non-members get 404 (never 403): the existence of an alliance's data is not revealed.
    TemplateResponses are rendered inside the scope so lazy querysets stay guarded.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        slug = kwargs.get("alliance_slug")
        if slug is None:
            return None
        if not request.user.is_authenticated:
            return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
        principal = member_principal(request.user, slug)  # type: ignore[arg-type]
        alliance = principal.alliance
        request.alliance = alliance  # type: ignore[attr-defined]
        request.principal = principal  # type: ignore[attr-defined]
        kwargs = {k: v for k, v in kwargs.items() if k != "alliance_slug"}
        with scope(alliance=alliance):
            response = view_func(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response
