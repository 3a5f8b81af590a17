"""Access decorators, the shared form page and private document downloads."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from teilhabe.alliances.access import is_alliance_staff
from teilhabe.alliances.forms import apply_errors
from teilhabe.core.roles import Principal, is_state_coordinator, is_state_reader

View = Callable[..., HttpResponseBase]


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


def principal_of(request: HttpRequest) -> Principal:
    return request.principal  # type: ignore[attr-defined,no-any-return]


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


def serve_document(field: FieldFile, content_type: str, download_name: str) -> FileResponse:
    """Stream a private file as a download; its type was sniffed at upload."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    ext = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        content_type, "bin"
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{download_name}.{ext}",
        content_type=content_type or "application/octet-stream",
    )
