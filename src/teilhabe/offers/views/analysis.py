"""Gap analysis (coordinators) and offer quality (coordinators; providers for their own
offers). Aggregates only: these pages never show a person."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.alliances.selectors import fields_of_action_for
from teilhabe.core import tabular
from teilhabe.core.exports import export_response
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest
from teilhabe.offers import gaps
from teilhabe.offers import selectors as sel
from teilhabe.offers.quality import QualityReport, QualityRow, quality_report
from teilhabe.offers.views.catalogue import file_format


def _coordinator(request: AllianceRequest) -> Principal:
    principal = request.principal
    sel.require(principal.is_coordinator)
    return principal


def _place_label(cell: gaps.Cell) -> str:
    return _("no limit") if cell.unlimited else str(cell.places)


@require_GET
def gap_matrix(request: AllianceRequest) -> HttpResponse:
    principal = _coordinator(request)
    matrix = gaps.gap_matrix(principal.alliance)  # type: ignore[arg-type]
    return TemplateResponse(
        request,
        "offers/gap_matrix.html",
        {
            "matrix": matrix,
            "group_labels": [str(gaps.GROUP_LABELS[g]) for g in matrix.groups],
        },
    )


@require_GET
def gap_cell(request: AllianceRequest, gap_field_id: uuid.UUID, gap_group: str) -> HttpResponse:
    principal = _coordinator(request)
    if gap_group not in gaps.GROUPS:
        raise Http404
    field = fields_of_action_for(principal.alliance).filter(pk=gap_field_id).first()
    if field is None:
        raise Http404
    detail = gaps.drilldown(principal.alliance, field, gap_group)  # type: ignore[arg-type]
    return TemplateResponse(
        request,
        "offers/gap_cell.html",
        {
            "detail": detail,
            "field": field,
            "group_label": gaps.GROUP_LABELS[gap_group],
            "places_label": _place_label(detail.cell),
        },
    )


@require_GET
def gap_export(request: AllianceRequest) -> HttpResponse:
    principal = _coordinator(request)
    fmt = file_format(request)
    matrix = gaps.gap_matrix(principal.alliance)  # type: ignore[arg-type]
    header = [
        _("Field of action"),
        _("Residence-status group"),
        _("Persons in need"),
        _("Accessible free places"),
        _("Accessible offers"),
        _("Gap"),
    ]
    rows = [
        [
            cell.field.label,
            str(gaps.GROUP_LABELS[cell.group]),
            cell.need,
            _place_label(cell),
            cell.offers,
            cell.is_gap,
        ]
        for row in matrix.rows
        for cell in row
    ]
    return export_response(
        request,
        fmt=fmt,
        filename=_("offer gaps"),
        tables=[tabular.Table(_("Offer gaps"), header, rows)],
        list_name="offers.gaps",
    )


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
    ]


def _quality_rows(rows: list[QualityRow]) -> list[list[str]]:
    return [[r.label, *(r.shown[k] for k in QUALITY_KEYS)] for r in rows]


@require_GET
def quality_export(request: AllianceRequest) -> HttpResponse:
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
