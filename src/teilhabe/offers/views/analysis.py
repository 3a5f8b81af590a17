"""Gap analysis (coordinators; offer quality is `trajectories.views.quality`). Aggregates
only: these pages never show a person, and small counts are suppressed (`gaps.published_*`)."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpResponse, HttpResponseBase
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
    rows = [
        [(cell, gaps.published_need(cell), gaps.published_waiting(cell)) for cell in row]
        for row in matrix.rows
    ]
    return TemplateResponse(
        request,
        "offers/gap_matrix.html",
        {
            "matrix": matrix,
            "rows": rows,
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
            "shown": gaps.published_drilldown(detail),
            "waiting_shown": gaps.published_waiting(detail.cell),
            "field": field,
            "group_label": gaps.GROUP_LABELS[gap_group],
            "places_label": _place_label(detail.cell),
        },
    )


@require_GET
def gap_export(request: AllianceRequest) -> HttpResponseBase:
    principal = _coordinator(request)
    fmt = file_format(request)
    matrix = gaps.gap_matrix(principal.alliance)  # type: ignore[arg-type]
    header = [
        _("Field of action"),
        _("Residence-status group"),
        _("Persons in need"),
        _("Persons waiting"),
        _("Accessible free places"),
        _("Accessible offers"),
        _("Gap"),
    ]
    rows = [
        [
            cell.field.label,
            str(gaps.GROUP_LABELS[cell.group]),
            gaps.published_need(cell),
            gaps.published_waiting(cell),
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
