"""The landing redirect, the statewide overview and session extension (the alliance start
page, which shows other apps' work, is `teilhabe.pages.home`; the audit log is
`teilhabe.privacy.views.audit`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from teilhabe.core.roles import state_role
from teilhabe.core.selectors import alliance_overview, alliances_of
from teilhabe.core.web import SignedInRequest


@login_required
@require_GET
def home(request: SignedInRequest) -> HttpResponse:
    """Each role lands on its own start page: a single alliance goes straight there."""
    alliances = alliances_of(request.user)
    role = state_role(request.user)
    if role and not alliances:
        return redirect("core:state_home")
    if len(alliances) == 1 and not role:
        return redirect("core:alliance_home", alliance_slug=alliances[0].slug)
    return TemplateResponse(request, "core/home.html", {"alliances": alliances, "state_role": role})


@login_required
@require_GET
def state_home(request: HttpRequest) -> HttpResponse:
    """Statewide start page: aggregates only, never a person."""
    role = state_role(request.user)
    if role is None:
        raise Http404
    return TemplateResponse(
        request, "core/state_home.html", {"alliances": alliance_overview(), "state_role": role}
    )


@login_required
@require_POST
def session_extend(request: HttpRequest) -> HttpResponse:
    """Called by the timeout warning: renews the idle timer now."""
    request.session.modified = True
    return JsonResponse({"idle_seconds": request.session.get_expiry_age()})
