"""The audit log pages: the log of the organisations the reader is data-protection officer
or coordinator of (`/b/<alliance>/protokoll/`, and `/datenschutz/protokoll/` among the DPO's
pages), and the accesses to one person (`/datenschutz/personen/<person>/zugriffe/`) for the
owning case manager and the owner's DPO. Who reads which events: `privacy.audit.scope`.
Reading a log is itself logged."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from django.http import Http404, HttpResponse, HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scope

from teilhabe.core.audit import audit_record
from teilhabe.core.exports import export_format, export_response
from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest
from teilhabe.people.access import nameable_persons
from teilhabe.privacy.audit import log
from teilhabe.privacy.audit import scope as audit_scope
from teilhabe.privacy.audit.text import describe, described, person_text
from teilhabe.privacy.views.person import acting_for

GET_POST = require_http_methods(["GET", "POST"])


def _export(request: AllianceRequest, fmt: str, events: Any) -> HttpResponseBase:
    principal: Principal = request.principal
    alliance = request.alliance

    def rows() -> Iterator[list[str]]:
        # Scoped here, as a streamed file is written after the view has returned.
        with scope(alliance=alliance):
            for chunk in log.all_events(described(events)):
                for line in describe(chunk, principal):
                    yield [line.when, line.who, line.action, line.sentence]

    return export_response(
        request,
        fmt=fmt,
        filename=_("audit log"),
        header=[_("Time"), _("Who"), _("Action"), _("Entry")],
        rows=rows(),
        list_name="core.audit_log",
        expected=events,
    )


def _log_page(request: AllianceRequest, template: str) -> HttpResponseBase:
    principal: Principal = request.principal
    organisations = audit_scope.log_organisations(principal)
    if not organisations:
        raise Http404
    params = request.POST if request.method == "POST" else request.GET
    form = log.AuditFilterForm(params or None, principal=principal, persons=principal.is_dpo)
    filters = log.read_filters(form, principal)
    events = log.apply_filters(audit_scope.audit_events_for(principal), filters)
    fmt = export_format(request)
    if fmt:  # the filtered log as CSV/Excel, the same sentences (audited by core.exports)
        return _export(request, fmt, events)
    # Logged first: the page then shows the same events, this read included.
    audit_record(
        action=AuditEvent.Action.LIST,
        actor=request.user,
        alliance=request.alliance,
        organisation=organisations[0],
        object_type="core.auditevent",
        purpose="data-protection control",
    )
    page = log.page_of(described(events), params)
    query = log.link_query(filters).urlencode()
    named = nameable_persons(principal, filters.person_ids or [])
    return TemplateResponse(
        request,
        template,
        {
            "form": form,
            "filters": filters,
            "page": page,
            "lines": describe(page.events, principal),
            "query": query,
            "links": {f: f"?{query}&format={f}".replace("?&", "?") for f in ("xlsx", "csv")},
            "organisations": organisations,
            "administration": audit_scope.reads_administration(principal),
            "filtered": bool(query),
            "person_names": sorted(person_text(p) for p in named.values()),
        },
    )


@GET_POST
def alliance_log(request: AllianceRequest) -> HttpResponseBase:
    return _log_page(request, "privacy/audit_log.html")


@GET_POST
def dpo_log(request: AllianceRequest) -> HttpResponseBase:
    if not request.principal.is_dpo:
        raise Http404
    return _log_page(request, "privacy/log.html")


@require_GET
def person_accesses(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    """Who read, changed or received what of one person, newest first."""
    acting = acting_for(request, person_id)
    audit_record(
        action=AuditEvent.Action.VIEW,
        actor=request.user,
        alliance=request.alliance,
        organisation=acting.organisation,
        obj=acting.person,
        purpose="accesses of the person",
    )
    page = log.page_of(described(audit_scope.person_events(acting.person)), request.GET)
    return TemplateResponse(
        request,
        "privacy/person_accesses.html",
        {
            "acting": acting,
            "person": acting.person,
            "page": page,
            "lines": describe(page.events, request.principal),
            "query": "",
        },
    )
