"""Maßnahme-Karrieren pages of an alliance (/b/<alliance>/verlaeufe/) and of the state
(/land/verlaeufe/): flagged persons for case managers, rates (aggregates only) for
coordinators and the state, thresholds, and batch runs with their progress."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from teilhabe.core import tabular
from teilhabe.core.audit import audit_record
from teilhabe.core.exports import export_format, export_response
from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import is_state_coordinator
from teilhabe.core.web import AllianceRequest, StateRequest, alliance_view, apply_errors, state_view
from teilhabe.trajectories import detection, selectors, services
from teilhabe.trajectories import rates as career_rates
from teilhabe.trajectories.forms import CareerRulesForm, FlaggedFilterForm
from teilhabe.trajectories.rates import RateRow

GET_POST = require_http_methods(["GET", "POST"])


# --- case managers ------------------------------------------------------------------------


@require_GET
@alliance_view("staff")
def flagged_list(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    if not selectors.is_case_manager(principal):
        raise Http404
    show = request.GET.get("zeigen", "offen")
    if show not in selectors.FLAGGED_FILTERS:
        show = "offen"
    persons = selectors.flagged_persons(principal, show)
    page = Paginator(persons, 50).get_page(request.GET.get("seite"))
    findings = selectors.findings_by_person(list(page.object_list))
    rows = []
    for p in page.object_list:
        own = findings.get(p.pk, [])
        counts = Counter(f.state_label for f in own)  # type: ignore[attr-defined]
        rows.append(
            {
                "person": p,
                "rules": sorted({f.rule for f in own}),
                "first": own[0] if own else None,
                "states": [f"{n} × {label}" for label, n in counts.items()],
                "has_new": any(f.review_status == "new" for f in own),  # type: ignore[attr-defined]
            }
        )
    audit_record(
        action=AuditEvent.Action.LIST,
        actor=request.user,
        alliance=request.alliance,
        object_type="trajectories.finding",
    )
    form = FlaggedFilterForm({"zeigen": show})
    return TemplateResponse(
        request,
        "trajectories/flagged.html",
        {"page": page, "rows": rows, "show": show, "form": form},
    )


# --- coordinators -------------------------------------------------------------------------


def _rate_tables(rates: career_rates.Rates) -> list[tabular.Table]:
    header = [_("Group"), _("Persons"), _("Flagged"), _("Rate")]

    def rows(items: list[RateRow]) -> list[list[object]]:
        return [[r.label, r.shown_persons, r.shown_flagged, r.rate] for r in items]

    return [
        tabular.Table(_("Alliance"), header, rows([rates.alliance])),
        tabular.Table(_("Rules"), header, rows(rates.by_rule)),
        tabular.Table(_("Offer categories"), header, rows(rates.by_category)),
        tabular.Table(_("Providers"), header, rows(rates.by_provider)),
    ]


@require_GET
@alliance_view("coordinator")
def rates(request: AllianceRequest) -> HttpResponseBase:
    alliance = request.alliance
    result = career_rates.current_rates(alliance)
    fmt = export_format(request)
    if fmt:
        return export_response(
            request,
            fmt=fmt,
            filename=f"massnahme-karrieren-{alliance.slug}",
            tables=_rate_tables(result),
            list_name="trajectories.rates",
        )
    return TemplateResponse(
        request,
        "trajectories/rates.html",
        {
            "rates": result,
            "rules": detection.rules_for(alliance),
            "runs": selectors.latest_runs(alliance),
        },
    )


@GET_POST
@alliance_view("coordinator")
def rules_edit(request: AllianceRequest) -> HttpResponse:
    alliance = request.alliance
    current = detection.rules_for(alliance)
    form = CareerRulesForm(request.POST or None, initial=asdict(current))
    if request.method == "POST" and form.is_valid():
        try:
            services.career_rules_update(
                alliance=alliance,
                actor=request.user,
                organisation=request.principal.organisations()[0],
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The thresholds have been saved. Start a run to apply them.")
            )
            return redirect("trajectories_alliance:rates", alliance.slug)
    return TemplateResponse(request, "trajectories/rules.html", {"form": form})


@alliance_view("coordinator")
@require_POST
def run_start(request: AllianceRequest) -> HttpResponse:
    alliance = request.alliance
    run = services.careers_run_start(actor=request.user, alliance=alliance)
    return redirect("trajectories_alliance:run_detail", alliance.slug, run.pk)


@require_GET
@alliance_view("coordinator")
def run_detail(request: AllianceRequest, career_run_id: uuid.UUID) -> HttpResponse:
    run = selectors.get_run(request.alliance, career_run_id)
    return _run_page(request, run, reverse("trajectories_alliance:rates", args=[run.alliance.slug]))  # type: ignore[union-attr]


def _run_page(request: AllianceRequest, run: Any, back: str) -> HttpResponse:
    template = "trajectories/_run_progress.html" if request.htmx else "trajectories/run.html"
    return TemplateResponse(request, template, {"run": run, "back": back})


# --- state --------------------------------------------------------------------------------


@require_GET
@state_view()
def state_rates(request: StateRequest) -> HttpResponseBase:
    rows, as_of = career_rates.state_rates(stored=True)
    fmt = export_format(request)
    if fmt:
        header = [_("Alliance"), _("Persons"), _("Flagged"), _("Rate")]
        table = tabular.Table(
            _("Maßnahme-Karrieren"),
            header,
            [[r.label, r.shown_persons, r.shown_flagged, r.rate] for r in rows],
        )
        return export_response(
            request,
            fmt=fmt,
            filename="massnahme-karrieren-nrw",
            tables=[table],
            list_name="trajectories.state_rates",
        )
    return TemplateResponse(
        request,
        "trajectories/state_rates.html",
        {
            "rows": rows[:-1],
            "total": rows[-1],
            "as_of": as_of,
            "runs": selectors.latest_runs(None),
            "may_run": is_state_coordinator(request.user),
        },
    )


@state_view(edit=True)
@require_POST
def state_run_start(request: StateRequest) -> HttpResponse:
    run = services.careers_run_start(actor=request.user, alliance=None)
    return redirect("trajectories_state:run_detail", run.pk)


@require_GET
@state_view()
def state_run_detail(request: AllianceRequest, state_run_id: uuid.UUID) -> HttpResponse:
    run = selectors.get_run(None, state_run_id)
    return _run_page(request, run, reverse("trajectories_state:rates"))
