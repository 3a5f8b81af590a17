"""The data-protection officer's pages (/b/<alliance>/datenschutz/): the organisation's
audit and disclosure log, retention rules and runs, restriction requests, the record of
processing activities. Every page answers 404 to anyone who is not a DPO here."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.core.audit import audit_record
from teilhabe.core.downloads import bytes_download
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.web import AllianceRequest
from teilhabe.people.access import persons_for_dpo
from teilhabe.people.selectors import name_matches
from teilhabe.privacy import art30, selectors, services
from teilhabe.privacy.forms import DecideForm, PersonSearchForm, RetentionRuleForm
from teilhabe.privacy.models import Restriction, RetentionRun
from teilhabe.privacy.retention import rules_for

GET_POST = require_http_methods(["GET", "POST"])


def dpo_organisation(request: AllianceRequest) -> Organisation:
    """The organisation the DPO acts for (the first, should they hold several)."""
    orgs = request.principal.dpo_organisations()
    if not orgs:
        raise Http404
    return orgs[0]


@require_GET
def home(request: AllianceRequest) -> HttpResponse:
    org = dpo_organisation(request)
    open_requests = selectors.open_request_count(org)
    return TemplateResponse(
        request,
        "privacy/home.html",
        {
            "organisation": org,
            "open_requests": open_requests,
            "last_run": next(iter(selectors.runs_of(org, 1)), None),
        },
    )


@require_GET
def retention(request: AllianceRequest) -> HttpResponse:
    org = dpo_organisation(request)
    return TemplateResponse(
        request,
        "privacy/retention.html",
        {
            "organisation": org,
            "rules": rules_for(org),
            "runs": selectors.runs_of(org),
        },
    )


@GET_POST
def rule_edit(request: AllianceRequest, rule_id: uuid.UUID) -> HttpResponse:
    org = dpo_organisation(request)
    rule = selectors.rule_of(org, rule_id)
    form = RetentionRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        services.retention_rule_update(
            actor=request.user,
            rule=rule,
            months=form.cleaned_data["months"],
            start_event=form.cleaned_data["start_event"],
        )
        messages.success(request, _("Retention rule saved."))
        return redirect("privacy:retention", request.alliance.slug)
    return TemplateResponse(request, "privacy/rule_edit.html", {"form": form, "rule": rule})


def retention_start(request: AllianceRequest) -> HttpResponse:
    org = dpo_organisation(request)
    if request.method != "POST":  # after the access check: 404 before 405
        return HttpResponseNotAllowed(["POST"])
    dry_run = request.POST.get("dry_run") != "0"
    run = services.retention_run_start(actor=request.user, organisation=org, dry_run=dry_run)
    return redirect("privacy:run_detail", request.alliance.slug, run.pk)


@require_GET
def run_detail(request: AllianceRequest, run_id: uuid.UUID) -> HttpResponse:
    org = dpo_organisation(request)
    run = selectors.run_of(org, run_id)
    context = {
        "run": run,
        "records": selectors.deletion_records(run),
        "finished": run.status in (RetentionRun.Status.DONE, RetentionRun.Status.FAILED),
    }
    template = "privacy/_run_progress.html" if request.htmx else "privacy/run_detail.html"
    return TemplateResponse(request, template, context)


@require_GET
def restrictions(request: AllianceRequest) -> HttpResponse:
    org = dpo_organisation(request)
    rows = selectors.restrictions_of(org)
    # ?status=requested|granted|…: the start page's figures link to exactly their rows.
    status = request.GET.get("status", "")
    if status in Restriction.Status.values:
        rows = rows.filter(status=status)
    else:
        status = ""
    return TemplateResponse(
        request,
        "privacy/restrictions.html",
        {"organisation": org, "restrictions": rows, "status": status},
    )


def _restriction(request: AllianceRequest, restriction_id: uuid.UUID) -> Restriction:
    return selectors.restriction_of(dpo_organisation(request), restriction_id)  # type: ignore[no-any-return]


def restriction_decide(request: AllianceRequest, restriction_id: uuid.UUID) -> HttpResponse:
    restriction = _restriction(request, restriction_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = DecideForm(request.POST)
    grant = form.is_valid() and form.cleaned_data["grant"]
    try:
        services.restriction_decide(
            actor=request.user,
            restriction=restriction,
            grant=bool(grant),
        )
        messages.success(request, _("Decision recorded."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("privacy:restrictions", request.alliance.slug)


def restriction_lift(request: AllianceRequest, restriction_id: uuid.UUID) -> HttpResponse:
    restriction = _restriction(request, restriction_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.restriction_lift(actor=request.user, restriction=restriction)
        messages.success(request, _("Restriction lifted."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("privacy:restrictions", request.alliance.slug)


@require_GET
def persons(request: AllianceRequest) -> HttpResponse:
    """Find a person of the organisation (restricted ones included) by name, in any
    spelling (the caseload's tolerant search)."""
    org = dpo_organisation(request)
    form = PersonSearchForm(request.GET or None)
    found = persons_for_dpo(request.principal).filter(anonymised_at__isnull=True)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = name_matches(found, query) if query else found.filter(restricted=True)
    page = Paginator(found.order_by("family_name", "given_name"), 50).get_page(
        request.GET.get("seite")
    )
    audit_record(
        action=AuditEvent.Action.LIST,
        actor=request.user,
        alliance=request.alliance,
        organisation=org,
        object_type="people.person",
        purpose="data-protection officer search",
    )
    return TemplateResponse(
        request, "privacy/persons.html", {"form": form, "page": page, "query": query}
    )


@require_GET
def art30_markdown(request: AllianceRequest) -> HttpResponse:
    org = dpo_organisation(request)
    text = art30.render_markdown(art30.record(org))
    _export_audit(request, org, "art30 markdown")
    return bytes_download(
        text, filename="verarbeitungsverzeichnis.md", content_type="text/markdown; charset=utf-8"
    )


@require_GET
def art30_pdf(request: AllianceRequest) -> HttpResponse:
    org = dpo_organisation(request)
    pdf = art30.render_pdf(art30.record(org))
    _export_audit(request, org, "art30 pdf")
    return bytes_download(
        pdf, filename="verarbeitungsverzeichnis.pdf", content_type="application/pdf"
    )


def _export_audit(request: AllianceRequest, org: Organisation, purpose: str) -> None:
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=request.user,
        alliance=request.alliance,
        organisation=org,
        object_type="privacy.record",
        purpose=purpose,
    )
