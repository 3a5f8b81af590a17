"""Offer quality (coordinators; providers for their own offers), computed from the
participations and findings: aggregates only, never a person. The pages sit under the offer
catalogue's address (`/angebote/qualitaet/`, routes in `trajectories/urls_quality.py`)."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.core import tabular
from teilhabe.core.exports import export_response
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest
from teilhabe.offers import selectors as sel
from teilhabe.offers.views.catalogue import file_format
from teilhabe.trajectories.quality import QualityReport, QualityRow, quality_report


def _report(principal: Principal) -> QualityReport:
    alliance = principal.alliance
    assert alliance is not None
    offers = sel.offers_of(alliance).order_by("provider__name", "title", "id")
    if not principal.is_coordinator:
        offers = offers.filter(provider__in=[o.pk for o in sel.staff_organisations(principal)])
    return quality_report(list(offers))


@require_GET
def quality(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    sel.require(sel.can_see_quality(principal))
    report = _report(principal)
    return TemplateResponse(
        request,
        "offers/quality.html",
        {"report": report, "is_coordinator": principal.is_coordinator},
    )


QUALITY_KEYS = (
    "participants",
    "ended",
    "completion_rate",
    "abort_rate",
    "progression_rate",
    "transition_rate",
    "flagged_share",
    "waiting_median",
)


def _quality_header(first: str) -> list[str]:
    return [
        first,
        _("Participants"),
        _("Ended participations"),
        _("Completion rate"),
        _("Abort rate"),
        _("Progression rate"),
        _("Transitions within 6 months"),
        _("Later flagged"),
        _("Median wait for a place"),
    ]


def _quality_rows(rows: list[QualityRow]) -> list[list[str]]:
    return [[r.label, *(r.shown[k] for k in QUALITY_KEYS)] for r in rows]


@require_GET
def quality_export(request: AllianceRequest) -> HttpResponseBase:
    principal = request.principal
    sel.require(sel.can_see_quality(principal))
    fmt = file_format(request)
    report = _report(principal)
    tables = [
        tabular.Table(_("Per offer"), _quality_header(_("Offer")), _quality_rows(report.offers)),
        tabular.Table(
            _("Per provider"), _quality_header(_("Provider")), _quality_rows(report.providers)
        ),
    ]
    return export_response(
        request, fmt=fmt, filename=_("offer quality"), tables=tables, list_name="offers.quality"
    )
