"""API token pages: coordinators oversee and revoke all of the alliance; case managers and
partner staff issue (secret shown once) and revoke tokens for their own organisation and
role. Everyone else gets 404."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.api.forms import ApiTokenForm
from teilhabe.api.tokens import (
    api_token_create,
    api_token_revoke,
    may_manage_tokens,
    token_roles_held,
    tokens_of_alliance,
)
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest, apply_errors


def _manager(request: AllianceRequest) -> Principal:
    principal: Principal = request.principal
    if not may_manage_tokens(principal):
        raise Http404
    return principal


@require_GET
def token_list(request: AllianceRequest) -> HttpResponse:
    principal = _manager(request)
    return TemplateResponse(
        request,
        "api/token_list.html",
        {"tokens": tokens_of_alliance(principal), "can_issue": bool(token_roles_held(principal))},
    )


@require_http_methods(["GET", "POST"])
def token_create(request: AllianceRequest) -> HttpResponse:
    principal = _manager(request)
    if not token_roles_held(principal):
        raise Http404  # coordinators oversee tokens but issue none
    form = ApiTokenForm(request.POST or None, principal=principal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = api_token_create(
                principal=principal,
                organisation=data["organisation"],
                role=data["role"],
                name=data["name"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            # The secret is rendered once into this response (no-store), never redirected.
            return TemplateResponse(
                request,
                "api/token_created.html",
                {"token": issued.token, "plain": issued.plain},
            )
    return TemplateResponse(request, "api/token_form.html", {"form": form})


def token_revoke(request: AllianceRequest, token_id: uuid.UUID) -> HttpResponse:
    principal = _manager(request)
    token = tokens_of_alliance(principal).filter(pk=token_id).first()
    if token is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        api_token_revoke(principal=principal, token=token)
    except PermissionError as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The token has been revoked."))
    return redirect("tokens:list", request.alliance.slug)
