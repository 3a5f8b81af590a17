"""Reporting pages: the alliance dashboard, statewide monitoring, the age share, reports.

Who sees what (404 for everyone else, never 403):
- alliance dashboard: coordinators (whole alliance, any organisation filter) and case
  managers (their own organisation only); a case manager's figures are unsuppressed, a
  coordinator's are suppressed (they leave the case management);
- alliance reports: coordinators;
- statewide monitoring: state coordinator and researcher; suppressed aggregates only, for
  a calendar year, half-year or quarter (`periods`: other periods are refused);
- age share and state reports: state coordinator.
Both dashboards open with the key figures (`key_figures`, suppressed as their tables are),
then one chart per indicator with its table folded beneath.
Exports (CSV/Excel via core.tabular, ?format=csv|xlsx) and report downloads are audited.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.core import tabular
from teilhabe.core.downloads import file_download
from teilhabe.core.exports import export_format, export_response
from teilhabe.core.models import Alliance, Organisation, Role
from teilhabe.core.roles import Principal, is_state_coordinator, is_state_reader
from teilhabe.core.web import AllianceRequest
from teilhabe.mentoring.figures import active_pairs_published
from teilhabe.recognition.figures import open_procedures_published
from teilhabe.reporting import charts, history, population, selectors, services
from teilhabe.reporting.cards import cards
from teilhabe.reporting.documents import as_tabular
from teilhabe.reporting.forms import (
    AgeShareForm,
    DownloadFilterForm,
    FilterForm,
    ReportForm,
    ScheduleForm,
)
from teilhabe.reporting.key_figures import key_figures
from teilhabe.reporting.models import AgeShare, Report, SeekerImport
from teilhabe.reporting.stored import stored_at
from teilhabe.reporting.tables import Table, alliance_tables, period_label, state_tables


def _principal(request: HttpRequest) -> Principal:
    principal: Principal | None = getattr(request, "principal", None)
    if principal is None or not principal.is_member:
        raise Http404
    return principal


def _dashboard_organisations(principal: Principal) -> tuple[list[Organisation], bool]:
    """(organisations the filter offers, whether the choice is forced to one of them)."""
    if principal.is_coordinator:
        assert principal.alliance is not None
        return selectors.organisations_of(principal.alliance), False
    own = principal.organisations(Role.CASE_MANAGER)
    if not own:
        raise Http404
    return own, True


def _acting_org(principal: Principal) -> Organisation | None:
    orgs = principal.organisations(Role.COORDINATOR) or principal.organisations()
    return orgs[0] if orgs else None


def _with_specs(tables: list[Table]) -> list[dict[str, Any]]:
    """Each table with its chart and the ids the jump links and the table export use."""
    return [
        {
            "table": t,
            "spec": charts.spec_json(t) if t.chart else None,
            "id": f"chart-{t.key}",
            "caption": f"chart-{t.key}-caption",
        }
        for t in tables
    ]


def _export(
    request: HttpRequest, fmt: str, name: str, tables: list[Table], *, alliance: Alliance | None
) -> HttpResponseBase:
    principal = getattr(request, "principal", None)
    return export_response(
        request,
        fmt=fmt,
        filename=name,
        tables=as_tabular(tables, SeekerImport.current_source_line()),
        list_name="reporting.indicators",
        organisation=_acting_org(principal) if principal else None,
    )


@login_required
@require_GET
def dashboard(request: AllianceRequest) -> HttpResponseBase:
    principal = _principal(request)
    alliance = principal.alliance
    assert alliance is not None
    organisations, forced = _dashboard_organisations(principal)
    form = FilterForm(request.GET or None, organisations=organisations)
    chosen = None
    if forced:
        wanted = form.cleaned_data.get("organisation") if form.is_valid() else None
        chosen = wanted if wanted in organisations else organisations[0]
    filters = form.filters(forced_organisation=chosen)
    # Coordinators stand outside the case management: their figures are suppressed.
    tables = alliance_tables(alliance, filters, suppressed=not forced)
    fmt = export_format(request)
    if fmt and not form.errors:  # a refused period exports nothing: the page says why
        return _export(request, fmt, f"auswertung-{alliance.slug}", tables, alliance=alliance)
    context = {
        "form": form,
        "cards": cards(key_figures(alliance, filters, suppressed=not forced)),
        "sections": _with_specs(tables),
        "period": period_label(filters.start, filters.end),
        "stored_at": stored_at(filters),
        "organisation": next((o for o in organisations if o.pk == filters.organisation_id), None),
        "is_coordinator": principal.is_coordinator,
        "export_query": request.GET.urlencode(),
        "mentoring_figures": active_pairs_published([alliance]),
        "recognition_figures": open_procedures_published(alliance),
    }
    template = "reporting/_indicators.html" if request.htmx else "reporting/dashboard.html"
    return TemplateResponse(request, template, context)


@login_required
@require_GET
def state_monitoring(request: AllianceRequest) -> HttpResponseBase:
    if not is_state_reader(request.user):
        raise Http404
    form = FilterForm(request.GET or None, grid=True)
    fmt = export_format(request)
    filters = form.filters()
    tables = state_tables(list(Alliance.objects.order_by("name")), filters)
    if fmt and not form.errors:  # a refused period exports nothing: the page says why
        return _export(request, fmt, "auswertung-nrw", tables, alliance=None)
    context = {
        "form": form,
        "cards": cards(key_figures(None, filters)),
        "sections": _with_specs(tables),
        "period": period_label(filters.start, filters.end),
        "stored_at": stored_at(filters),
        "state": True,
        "export_query": request.GET.urlencode(),
        "may_report": is_state_coordinator(request.user),
        "mentoring_figures": active_pairs_published(list(Alliance.objects.order_by("name"))),
    }
    template = "reporting/_indicators.html" if request.htmx else "reporting/state.html"
    return TemplateResponse(request, template, context)


@login_required
def age_share(request: HttpRequest) -> HttpResponseBase:
    if not is_state_coordinator(request.user):
        raise Http404
    form = AgeShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.age_share_set(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The age share has been saved."))
        return redirect("reporting_state:age_share")
    return TemplateResponse(
        request,
        "reporting/age_share.html",
        {
            "form": form,
            "default": population.default_age_share(),
            "history": AgeShare.objects.select_related("set_by"),
            "imports": SeekerImport.objects.all(),
            "nrw": [
                (i, population.land_totals("05", i.stichtag))
                for i in SeekerImport.objects.all()[:3]
            ],
        },
    )


# ---- reports -----------------------------------------------------------------------------


def _reports_page(
    request: HttpRequest,
    *,
    alliance: Alliance | None,
    organisation: Organisation | None,
    detail_name: str,
    args: list[Any],
) -> HttpResponse:
    prefix = detail_name.split(":")[0]
    if request.method == "POST" and {"beenden", "zeitplan-period"} & set(request.POST):
        return _schedule_post(
            request, alliance=alliance, organisation=organisation, prefix=prefix, args=args
        )
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        start, end = form.dates()
        report = services.report_request(
            actor=request.user,
            alliance=alliance,
            organisation=organisation,
            period=form.cleaned_data["period"],
            start=start,
            end=end,
        )
        messages.success(request, _("The report is being generated."))
        return redirect(detail_name, *args, report.pk)
    reports = [{"report": r, **_urls(prefix, args, r)} for r in selectors.reports_of(alliance)]
    return _reports_response(request, alliance, form, ScheduleForm(prefix="zeitplan"), reports)


def _reports_response(
    request: HttpRequest,
    alliance: Alliance | None,
    form: ReportForm,
    schedule_form: ScheduleForm,
    reports: list[dict[str, Any]],
) -> TemplateResponse:
    return TemplateResponse(
        request,
        "reporting/reports.html",
        {
            "form": form,
            "schedule_form": schedule_form,
            "schedules": history.report_schedules_of(alliance),
            "reports": reports,
            "scope": alliance.name if alliance else _("North Rhine-Westphalia"),
        },
    )


def _schedule_post(
    request: HttpRequest,
    *,
    alliance: Alliance | None,
    organisation: Organisation | None,
    prefix: str,
    args: list[Any],
) -> HttpResponse:
    """Set a report schedule ("zeitplan-period") or end one ("beenden" = its id)."""
    if "beenden" in request.POST:
        schedule = history.report_schedule_of(alliance, request.POST["beenden"])
        services.report_schedule_delete(
            actor=request.user, schedule=schedule, organisation=organisation
        )
        messages.success(request, _("No further reports will be produced automatically."))
        return redirect(f"{prefix}:reports", *args)
    schedule_form = ScheduleForm(request.POST, prefix="zeitplan")
    if schedule_form.is_valid():
        services.report_schedule_create(
            actor=request.user,
            alliance=alliance,
            organisation=organisation,
            period=schedule_form.cleaned_data["period"],
        )
        messages.success(request, _("The report will be produced after each period."))
        return redirect(f"{prefix}:reports", *args)
    reports = [{"report": r, **_urls(prefix, args, r)} for r in selectors.reports_of(alliance)]
    return _reports_response(request, alliance, ReportForm(), schedule_form, reports)


def _urls(prefix: str, args: list[Any], report: Report) -> dict[str, str]:
    return {
        name: reverse(f"{prefix}:report{suffix}", args=[*args, report.pk])
        for name, suffix in (("detail_url", ""), ("pdf_url", "_pdf"), ("xlsx_url", "_xlsx"))
    }


def _report(alliance: Alliance | None, report_id: uuid.UUID) -> Report:
    return selectors.report_of(alliance, report_id)


def _report_page(
    request: AllianceRequest, report: Report, *, prefix: str, args: list[Any]
) -> HttpResponse:
    context = {"report": report, **_urls(prefix, args, report)}
    if request.htmx:  # the polled progress alone
        return TemplateResponse(request, "reporting/_report_progress.html", context)
    downloads, fmt, oldest = history.downloads_page(report, request.GET)
    filters = {"datei": fmt, "reihenfolge": "alt" if oldest else ""}
    context |= {
        "list_url": reverse(f"{prefix}:reports", args=args),
        "downloads": downloads,
        "download_rows": [(e, history.download_format(e)) for e in downloads],
        "download_filter": DownloadFilterForm(filters),
        "download_query": urlencode({k: v for k, v in filters.items() if v}),
    }
    return TemplateResponse(request, "reporting/report.html", context)


def _download(
    request: HttpRequest, report: Report, fmt: str, organisation: Organisation | None
) -> FileResponse:
    field = report.pdf if fmt == "pdf" else report.xlsx
    if report.status != Report.Status.DONE or not field:
        raise Http404
    services.report_download_record(
        actor=request.user, report=report, organisation=organisation, fmt=fmt
    )
    content_type = "application/pdf" if fmt == "pdf" else tabular.XLSX_TYPE
    name = (field.name or "").rsplit("/", 1)[-1]
    return file_download(field, filename=name, content_type=content_type)


def _coordinator(request: HttpRequest) -> tuple[Alliance, Organisation | None]:
    principal = _principal(request)
    if not principal.is_coordinator or principal.alliance is None:
        raise Http404
    return principal.alliance, _acting_org(principal)


@login_required
def alliance_reports(request: HttpRequest) -> HttpResponseBase:
    alliance, org = _coordinator(request)
    return _reports_page(
        request,
        alliance=alliance,
        organisation=org,
        detail_name="reporting_alliance:report",
        args=[alliance.slug],
    )


@login_required
@require_GET
def alliance_report(request: AllianceRequest, report_id: uuid.UUID) -> HttpResponseBase:
    alliance, _org = _coordinator(request)
    return _report_page(
        request, _report(alliance, report_id), prefix="reporting_alliance", args=[alliance.slug]
    )


@login_required
@require_GET
def alliance_report_file(request: HttpRequest, report_id: uuid.UUID, fmt: str) -> HttpResponseBase:
    alliance, org = _coordinator(request)
    return _download(request, _report(alliance, report_id), fmt, org)


def _state_coordinator(request: HttpRequest) -> None:
    if not is_state_coordinator(request.user):
        raise Http404


@login_required
def state_reports(request: HttpRequest) -> HttpResponseBase:
    _state_coordinator(request)
    return _reports_page(
        request, alliance=None, organisation=None, detail_name="reporting_state:report", args=[]
    )


@login_required
@require_GET
def state_report(request: AllianceRequest, state_report_id: uuid.UUID) -> HttpResponseBase:
    _state_coordinator(request)
    return _report_page(request, _report(None, state_report_id), prefix="reporting_state", args=[])


@login_required
@require_GET
def state_report_file(
    request: HttpRequest, state_report_id: uuid.UUID, fmt: str
) -> HttpResponseBase:
    _state_coordinator(request)
    return _download(request, _report(None, state_report_id), fmt, None)
