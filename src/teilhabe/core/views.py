"""The landing redirect, the audit log, the statewide overview and session extension (the
alliance start page, which shows other apps' work, is `teilhabe.pages.home`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from teilhabe.core.exports import MAX_EXPORT_ROWS, export_format, export_response
from teilhabe.core.models import AuditEvent
from teilhabe.core.plausible import DateField
from teilhabe.core.roles import Principal, state_role
from teilhabe.core.selectors import alliance_overview, alliances_of, audit_events_for_alliance
from teilhabe.core.web import AllianceRequest, SignedInRequest


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


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("all")), *list(AuditEvent.Action.choices)],
    )
    day_from = DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    day_to = DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def audit_rows(events: Iterable[Any]) -> tuple[list[Any], Iterable]:
    header = [
        _("Time"),
        _("Actor"),
        _("Organisation"),
        _("Action"),
        _("Object type"),
        _("Object"),
        _("Purpose"),
        _("Consent"),
        _("Outcome"),
        _("Request"),
    ]
    rows = (
        [
            timezone.localtime(e.at).strftime("%d.%m.%Y %H:%M:%S"),
            e.actor.email if e.actor else _("system"),
            e.organisation.name if e.organisation else "",
            e.get_action_display(),
            e.object_type,
            str(e.object_id or ""),
            e.purpose,
            str(e.consent_id or ""),
            e.get_outcome_display(),
            e.request_id,
        ]
        for e in events
    )
    return header, rows


@require_GET
def audit_log(request: AllianceRequest) -> HttpResponseBase:
    principal: Principal = request.principal
    if not principal.is_coordinator:
        raise Http404
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events_for_alliance(
        principal.alliance,  # type: ignore[arg-type]
        action=filters.get("action", ""),
        day_from=filters.get("day_from"),
        day_to=filters.get("day_to"),
    )
    fmt = export_format(request)
    if fmt:  # CSV/Excel of the filtered log (core.exports), itself audited
        header, rows = audit_rows(events[:MAX_EXPORT_ROWS])
        return export_response(
            request, fmt=fmt, filename=_("audit log"), header=header, rows=rows,
            list_name="core.audit_log",
        )  # fmt: skip
    page = Paginator(events, 50).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return TemplateResponse(
        request,
        "core/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


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
