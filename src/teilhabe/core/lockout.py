"""Login lockout: django-axes counts failed logins per account in the database (shared by all
server processes, kept across restarts); this module is what Teilhabe adds to it: the account
name it counts by, a log line without a name or address, the lockout page, and the operator's
list and release of lockouts."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessAttemptExpiration
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent


def login_name(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The account a login attempt is for, as typed into the form's `login` field (an e-mail
    address), lower-cased so "A@x" and "a@x" count as one account. After a successful login
    axes passes the user's `username` instead; it is mapped back to the address."""
    credentials = credentials or {}
    posted = request.POST.get("login") if request is not None else None
    name = posted or credentials.get("email")
    if not name and credentials.get("username"):
        username = str(credentials["username"])
        user = User.objects.filter(username=username).values_list("email", flat=True)
        name = user.first() or username
    return str(name).strip().lower() or None if name else None


def log_client(
    username: str | None, ip_address: str | None, user_agent: str | None, path_info: Any, *_: Any
) -> str:
    """How axes names the client in its log lines: only the path, never the typed name or
    the address (no personal value in a log)."""
    path = path_info[0] if isinstance(path_info, list | tuple) else path_info
    return f"{{path_info: {path}}}"


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """The page a locked-out login gets (429): when it may try again, whom to ask."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "account/locked.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )


def active_lockouts() -> QuerySet[AccessAttempt]:
    """Accounts locked now: the failure limit reached within the cool-off time, newest first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time", "-pk")


@transaction.atomic
def login_lockout_release(*, principal: User, attempt_id: int) -> None:
    """Release one locked account before its cool-off ends (an operator, after checking
    with the person). Audited without the account name."""
    if not principal.is_superuser:
        raise Http404
    attempt = active_lockouts().select_for_update().filter(pk=attempt_id).first()
    if attempt is None:
        raise Http404
    AccessAttemptExpiration.objects.filter(access_attempt=attempt).delete()
    attempt.delete()
    audit_record(action=AuditEvent.Action.DELETE, actor=principal, object_type="login_lockout")
