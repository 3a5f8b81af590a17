"""The web kit every app's views use: the typed request, the access decorators, the form
page and the one way a service's ValidationError lands on a form."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails

from teilhabe.core.models import Alliance
from teilhabe.core.roles import (
    Principal,
    is_alliance_staff,
    is_state_coordinator,
    is_state_reader,
)

View = Callable[..., HttpResponseBase]


class AllianceRequest(HttpRequest):
    """A request under `/b/<alliance>/`: `AllianceScopeMiddleware` has set the principal
    and the alliance (404 before the view otherwise), django-htmx the `htmx` details.
    Only a type: views annotate their request with it."""

    user: User  # a member, so signed in
    principal: Principal
    alliance: Alliance
    htmx: HtmxDetails
    request_id: str


class SignedInRequest(HttpRequest):
    """A request to a `login_required` page (typing only)."""

    user: User


class StateRequest(SignedInRequest):
    """A request to a `state_view` page: signed in with a state role (typing only)."""


def alliance_view(level: str) -> Callable[[View], View]:
    """Alliance pages (the middleware has checked membership): level is "member" (any role,
    volunteers included), "staff" (no volunteers) or "coordinator"."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            principal: Principal | None = getattr(request, "principal", None)
            if principal is None or not principal.is_member:
                raise Http404
            if level == "staff" and not is_alliance_staff(principal):
                raise Http404
            if level == "coordinator" and not principal.is_coordinator:
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def state_view(*, edit: bool = False) -> Callable[[View], View]:
    """State pages: the state coordinator; with edit=False also the researcher."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            allowed = is_state_coordinator(request.user) if edit else is_state_reader(request.user)
            if not allowed:
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorate


def operator_view(view: View) -> View:
    """Operator pages (scheduled jobs, login lockouts): superusers only, 404 for everyone else."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_superuser:
            raise Http404
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: each message on the field it names
    when the form has that field, otherwise at the top of the form. Nothing is dropped."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    save: Callable[[dict[str, Any]], str],
    title: str,
    submit: str,
    back_url: str,
    success: str,
    preline: str = "",
    intro: str = "",
    template: str = "alliances/form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET shows the form; a valid POST calls `save` (a service call returning the next URL).
    A ValidationError from the service lands on the form: nothing is written then."""
    if request.method == "POST" and form.is_valid():
        try:
            next_url = save(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(next_url)
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "back_url": back_url,
        "preline": preline,
        "intro": intro,
        **(extra or {}),
    }
    return TemplateResponse(request, template, context)


NEXT_PARAM = "weiter"


def safe_next(request: HttpRequest, value: str | None) -> str | None:
    """A page of this site to return to after a form (`?weiter=`), or None. Only relative
    paths on this host: an outside address would make the platform a redirector."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return None
    allowed = url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return value if allowed else None
