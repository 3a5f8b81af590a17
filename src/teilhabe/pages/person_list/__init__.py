"""The person list as a case manager's caseload: filter, sort, page, save filters, act on
several persons at once, and export — always the persons `people.access` lets one see."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case as CaseWhen
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseBase, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from teilhabe.casework.models.needs import NeedLevel
from teilhabe.core.exports import export_format
from teilhabe.core.roles import Principal
from teilhabe.core.saved_filters import saved_filter_get, saved_filters_for
from teilhabe.core.table_export import TABLE_PARAM
from teilhabe.core.web import AllianceRequest
from teilhabe.people.access import Shared, label_rows, shared_with
from teilhabe.people.exports import person_list_export
from teilhabe.people.filters import SORT_LABELS, SORT_PARAM, CaseloadFilter
from teilhabe.people.intake.selectors import age_on
from teilhabe.people.models import ListSurface
from teilhabe.people.selectors import NEED_RANK, caseload
from teilhabe.people.services import list_disclosures_record
from teilhabe.trajectories.models import Finding

LIST_NAME = "persons"
SAVED_PARAM = "filter"  # the id of one of the user's saved filters (never its values)
NEED_LABELS = {rank: NeedLevel(level).label for level, rank in NEED_RANK.items()}
# Bulk actions on the checked persons (name → URL name of the area that does them).
BULK_ACTIONS = {"handover": "people:handover", "reminders": "people:work:reminders_bulk"}


def caseload_rows(principal: Principal) -> QuerySet[Any]:
    """`people.selectors.caseload` plus each person's early-warning findings, counted in
    the same query (trajectories sits above people, so the count is joined here).
    Findings are the owner's assessment: NULL for a person shared by consent."""
    findings = (
        Finding.objects.filter(person=OuterRef("pk"))
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    counted = Coalesce(Subquery(findings, output_field=IntegerField()), Value(0))
    return caseload(principal).annotate(
        open_findings=CaseWhen(When(owned=True, then=counted), default=Value(None))
    )


def _bulk_actions(request: AllianceRequest) -> dict[str, str]:
    """The bulk actions' URLs (only case managers act on their caseload)."""
    if not request.principal.case_manager_memberships():
        return {}
    slug = {"alliance_slug": request.alliance.slug}
    return {key: reverse(name, kwargs=slug) for key, name in BULK_ACTIONS.items()}


def _decorate(rows: list[Any], shared: dict[Any, Shared]) -> None:
    """Values of a row computed from its annotations (no query)."""
    today = timezone.localdate()
    label_rows(rows, shared)
    for p in rows:
        p.age = age_on(p.birth_date, today) if p.birth_date else None
        p.status_days = (p.status_until - today).days if p.status_until else None
        p.expired_days = -p.status_days if p.status_days else None
        p.need_label = NEED_LABELS.get(p.need_rank, "")


@require_http_methods(["GET", "POST"])
def persons(request: AllianceRequest) -> HttpResponseBase:
    """The person list. Without JavaScript the filter form is a GET form; with htmx it is
    POSTed, so a typed name never lands in a URL, the browser history or a server log.
    A saved filter is applied by its id (`?filter=<id>`): its values stay on the server."""
    principal = request.principal
    if not principal.can_read_persons:
        raise Http404
    params: QueryDict = request.POST if request.method == "POST" else request.GET
    applied = None
    saved_id = params.get(SAVED_PARAM, "")
    if saved_id:
        applied = saved_filter_get(principal, LIST_NAME, saved_id)
        saved = QueryDict(mutable=True)
        saved.update(applied.query)
        for name in ("format", "seite", SORT_PARAM):  # export, page and sort of the list
            value = params.get(name, "")
            if value:
                saved[name] = value
        params = saved
    filterset = CaseloadFilter(params, queryset=caseload_rows(principal), principal=principal)
    rows = filterset.qs
    fmt = export_format(request)
    if fmt:  # CSV/Excel of the filtered list (people.exports; own organisation's persons)
        return person_list_export(request, fmt, rows)
    page = Paginator(rows, settings.TEILHABE["PAGE_SIZE"]).get_page(params.get("seite"))
    shared = shared_with(principal)
    _decorate(page.object_list, shared)  # type: ignore[arg-type]
    # A partner's rows are disclosures, searched or not (a table export renders this view).
    surface = ListSurface.SEARCH if filterset.data.get("q") else ListSurface.LIST
    list_disclosures_record(
        principal=principal,
        surface=ListSurface.EXPORT if request.GET.get(TABLE_PARAM) else surface,
        persons=page.object_list,
        shared=shared,
    )
    form = filterset.form
    sort = form.cleaned_data.get(SORT_PARAM) if form.is_valid() else None
    sort_value = sort[0] if sort else "name"
    query = QueryDict(mutable=True)
    if applied is not None:  # links name the saved filter, not its values
        query[SAVED_PARAM] = str(applied.pk)
    else:
        for name, value in filterset.saved_values().items():
            if name != SORT_PARAM:
                query[name] = value
    template = "people/_person_table.html" if request.htmx else "people/person_list.html"
    is_case_manager = bool(principal.case_manager_memberships())
    return TemplateResponse(
        request,
        template,
        {
            "form": form,
            "filterset": filterset,
            "page": page,
            "query": query.urlencode(),
            "saved_query": filterset.saved_values(),
            "filtered": filterset.active(),
            "sort": sort_value,
            "sorts": _sort_links(sort_value),
            "can_intake": is_case_manager,
            "is_case_manager": is_case_manager,
            "bulk_actions": _bulk_actions(request),
            "saved_filters": list(saved_filters_for(principal, LIST_NAME)),
            "applied_filter": applied,
        },
    )


def _sort_links(sort: str) -> dict[str, dict[str, str]]:
    """Per sortable column: the sort its link asks for and its aria-sort state."""
    links = {}
    for column in SORT_LABELS:
        state = "ascending" if sort == column else "descending" if sort == f"-{column}" else ""
        links[column] = {"next": f"-{column}" if sort == column else column, "state": state}
    return links
