"""The operator page of login lockouts: which accounts are locked now, until when, and
releasing one before its cool-off ends."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teilhabe.core.lockout import active_lockouts, login_lockout_release
from teilhabe.core.web import operator_view


@operator_view
@require_GET
def lockouts(request: HttpRequest) -> HttpResponse:
    page = Paginator(active_lockouts(), 25).get_page(request.GET.get("seite"))
    for attempt in page.object_list:
        attempt.until = attempt.attempt_time + settings.AXES_COOLOFF_TIME
    return render(
        request,
        "ops/lockouts.html",
        {"page": page, "failure_limit": settings.AXES_FAILURE_LIMIT},
    )


@operator_view
@require_POST
def lockout_release(request: HttpRequest, attempt_id: int) -> HttpResponse:
    assert request.user.is_authenticated  # operator_view: a signed-in superuser
    login_lockout_release(principal=request.user, attempt_id=attempt_id)
    messages.success(request, _("The account is released: it can sign in again."))
    return redirect("ops:lockouts")
