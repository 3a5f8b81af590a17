"""The person list (the caseload): filter, sort, page and export the persons one may see."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from teilhabe.casework.models import Case
from teilhabe.core.exports import export_format
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest
from teilhabe.people.exports import person_list_export
from teilhabe.people.models import ResidenceStatus
from teilhabe.people.selectors import person_list

SORTS = {
    "name": ("family_name", "given_name"),
    "-name": ("-family_name", "-given_name"),
    "geburt": ("date_of_birth", "family_name"),
    "-geburt": ("-date_of_birth", "family_name"),
}


class PersonFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        help_text=_("Also finds other spellings, e.g. Mohammed for Muhammad."),
    )
    status = forms.ChoiceField(
        label=_("Case status"),
        required=False,
        choices=[("", _("all")), *list(Case.Status.choices)],
    )
    residence_status = forms.ChoiceField(
        label=_("Current residence status"),
        required=False,
        choices=[("", _("all")), *list(ResidenceStatus.choices)],
    )
    mine = forms.BooleanField(label=_("Only my cases"), required=False)


@require_http_methods(["GET", "POST"])
def persons(request: AllianceRequest) -> HttpResponse:
    """The person list. Without JavaScript the filter form is a GET form; with htmx it is
    POSTed, so a typed name never lands in a URL, the browser history or a server log."""
    principal: Principal = request.principal
    if not principal.can_read_persons:
        raise Http404
    params = request.POST if request.method == "POST" else request.GET
    form = PersonFilterForm(params or None)
    data = form.cleaned_data if form.is_valid() else {}
    sort = params.get("sort", "name")
    sort = sort if sort in SORTS else "name"
    qs = person_list(
        principal,
        search=data.get("q", ""),
        only_mine=bool(data.get("mine")),
        status=data.get("status", ""),
        residence_status=data.get("residence_status", ""),
    ).order_by(*SORTS[sort], "id")
    fmt = export_format(request)
    if fmt:  # CSV/Excel of the filtered list (people.exports; own organisation's persons)
        return person_list_export(request, fmt, qs)
    page = Paginator(qs, settings.TEILHABE["PAGE_SIZE"]).get_page(params.get("seite"))
    query = QueryDict(mutable=True)
    for name in ("q", "status", "residence_status", "mine"):
        if params.get(name):
            query[name] = params[name]
    template = "people/_person_table.html" if request.htmx else "people/person_list.html"
    return TemplateResponse(
        request,
        template,
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "sort": sort,
            "sorts": _sort_links(sort),
            "can_intake": bool(principal.case_manager_memberships()),
        },
    )


def _sort_links(sort: str) -> dict[str, dict[str, str]]:
    """Per sortable column: the sort its link asks for and its aria-sort state."""
    links = {}
    for column in ("name", "geburt"):
        state = "ascending" if sort == column else "descending" if sort == f"-{column}" else ""
        links[column] = {"next": f"-{column}" if sort == column else column, "state": state}
    return links
