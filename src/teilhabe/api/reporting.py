"""Aggregate routes of the reporting app: the alliance's indicators (members who may open
the dashboard; case managers get their own organisation's cases unsuppressed, coordinators
the alliance's suppressed as on their dashboard) and the statewide
indicators (state roles; small-cell suppression applied, "." for a suppressed cell; only
for a calendar year, half-year or quarter, see `reporting.periods`)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from teilhabe.api.scope import alliance_scope
from teilhabe.core.models import Alliance, Role
from teilhabe.core.roles import is_state_reader
from teilhabe.reporting.forms import FilterForm, default_period
from teilhabe.reporting.selectors import Filters, check_period
from teilhabe.reporting.tables import Table, alliance_tables, state_tables

router = Router(tags=["reporting"])


class RowOut(Schema):
    label: str
    cells: list[int | str | None]
    total: bool


class TableOut(Schema):
    key: str
    title: str
    unit: str
    row_heading: str
    header: list[str]
    rows: list[RowOut]
    note: str


class IndicatorsOut(Schema):
    start: dt.date
    end: dt.date
    organisation: uuid.UUID | None
    suppressed: bool
    tables: list[TableOut]


def _out(tables: list[Table], f: Filters, *, suppressed: bool) -> dict[str, object]:
    return {
        "start": f.start,
        "end": f.end,
        "organisation": f.organisation_id,
        "suppressed": suppressed,
        "tables": [
            {
                "key": t.key,
                "title": t.title,
                "unit": t.unit,
                "row_heading": t.row_heading,
                "header": t.header,
                "rows": [{"label": r.label, "cells": r.cells, "total": r.total} for r in t.rows],
                "note": t.note,
            }
            for t in tables
        ],
    }


def _period(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    default_start, default_end = default_period()
    period = start or default_start, end or default_end
    check_period(*period)  # a ValidationError: 422 naming the field (api.validation_error)
    return period


@router.get(
    "/buendnisse/{alliance}/auswertung", response=IndicatorsOut, url_name="reporting_alliance"
)
def alliance_indicators(
    request: HttpRequest,
    alliance: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    organisation: uuid.UUID | None = None,
) -> dict[str, object]:
    with alliance_scope(request, alliance) as principal:
        if principal.is_coordinator:
            allowed = None  # any organisation of the alliance, or all
        else:
            own = [o.pk for o in principal.organisations(Role.CASE_MANAGER)]
            if not own:
                raise Http404
            allowed = own
            if organisation not in own:
                organisation = own[0]
        if organisation is not None and allowed is None:
            assert principal.alliance is not None
            if not principal.alliance.organisations.filter(pk=organisation).exists():
                raise Http404
        s, e = _period(start, end)
        f = Filters(start=s, end=e, organisation_id=organisation)
        assert principal.alliance is not None
        hidden = allowed is None  # a coordinator: outside the case management
        tables = alliance_tables(principal.alliance, f, suppressed=hidden)
        return _out(tables, f, suppressed=hidden)


@router.get("/land/auswertung", response=IndicatorsOut, url_name="reporting_state")
def state_indicators(
    request: HttpRequest, start: dt.date | None = None, end: dt.date | None = None
) -> dict[str, object]:
    if not is_state_reader(request.user):
        raise Http404
    form = FilterForm({"start": start, "end": end}, grid=True)
    if not form.is_valid():  # 422 naming the field, as for the alliance (api.validation_error)
        raise ValidationError(form.errors.as_data())
    f = form.filters()
    return _out(state_tables(list(Alliance.objects.order_by("name")), f), f, suppressed=True)
